from __future__ import annotations

import datetime as dt
import json

import pytest
from rich.console import Console

from claims.evaluate import (
    GoldError,
    Item,
    Score,
    bounds,
    evaluate,
    name_score,
    nth_occurrence,
    pair_up,
    report_to_dict,
    stems,
)
from claims.models import Actor, ActorMention, DateSpan, Event, PrisonerCount, Record, Source, Span
from claims.render.eval_table import eval_view

TEXT = (
    "12 марта в Минске задержали более 40 человек, сообщила пресс-служба МВД. "
    "По данным правозащитного центра «Весна», 5 задержанных отпустили 14 марта. "
    "Еще 5 человек остаются под стражей."
)
PUBLISHED = "2024-03-15"

GOLD = {
    "file": "article.txt",
    "published": PUBLISHED,
    "counts": [
        {
            "text": "более 40 человек",
            "number": "40",
            "low": 41,
            "high": None,
            "qualifier": "more_than",
            "status": "detained",
        },
        {"text": "5 задержанных", "number": "5", "low": 5, "high": 5, "qualifier": "exact", "status": "released"},
        {"text": "5 человек", "number": "5", "low": 5, "high": 5, "qualifier": "exact", "status": "held"},
    ],
    "dated_events": [
        {"date_text": "12 марта", "value": "2024-03-12", "trigger": "задержали"},
        {"date_text": "14 марта", "value": "2024-03-14", "trigger": "отпустили"},
    ],
    "sources": [
        {"name": "пресс-служба МВД", "kind": "government", "cue": "сообщила"},
        {"name": "правозащитный центр «Весна»", "kind": "ngo", "cue": "по данным"},
    ],
}


def span(phrase: str, occurrence: int = 1) -> dict:
    start = nth_occurrence(TEXT, phrase, occurrence)
    assert start is not None, phrase
    return {"start": start, "end": start + len(phrase), "text": phrase}


def count(phrase: str, number: str, low, high, status: str) -> PrisonerCount:
    return PrisonerCount(**span(phrase), number=number, low=low, high=high, qualifier="exact", status=status)


def event(n: int, trigger: str, date: str, value: str) -> Event:
    when = DateSpan(**span(date), value=value, precision="day")
    return Event(id=f"E{n}", trigger=Span(**span(trigger)), lemma=trigger, kind="detention", date=when)


def source(n: int, name: str, kind: str, mention: str) -> Source:
    return Source(id=f"S{n}", name=name, kind=kind, cue="сообщила", mentions=[Span(**span(mention))])


PERFECT = Record(
    id="article",
    actors=[Actor(id="A1", name="Минск", type="location", mentions=[ActorMention(**span("Минске"))])],
    events=[
        event(1, "задержали", "12 марта", "2024-03-12"),
        event(2, "отпустили", "14 марта", "2024-03-14"),
    ],
    prisoner_counts=[
        count("более 40 человек", "40", 41, None, "detained"),
        count("5 задержанных", "5", 5, 5, "released"),
        count("5 человек", "5", 5, 5, "held"),
    ],
    sources=[
        source(1, "пресс-служба МВД", "government", "пресс-служба МВД"),
        source(2, "правозащитный центр «Весна»", "ngo", "правозащитного центра «Весна»"),
    ],
)

FLAWED = Record(
    id="article",
    events=[
        event(1, "задержали", "12 марта", "2024-03-12"),
        event(2, "сообщила", "12 марта", "2024-03-12"),  # the same date span again: counts once
        event(3, "отпустили", "14 марта", "2024-03-15"),  # wrong value
    ],
    prisoner_counts=[
        count("более 40 человек", "40", 40, None, "detained"),  # matched, wrong bounds
        count("5 задержанных", "5", 5, 5, "held"),  # correct, wrong status
        count("14 марта", "14", 14, 14, "released"),  # false hit; «5 человек» is missed
    ],
    sources=[
        source(1, "пресс-службы МВД", "official", "пресс-служба МВД"),  # inflected name matches, wrong kind
        source(2, "Reuters", "media", "сообщила"),  # false hit; «Весна» is missed
    ],
)


@pytest.fixture
def dirs(tmp_path):
    gold_dir, texts_dir = tmp_path / "gold", tmp_path / "texts"
    gold_dir.mkdir()
    texts_dir.mkdir()
    (gold_dir / "article.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (texts_dir / "article.txt").write_text(TEXT, encoding="utf-8")
    return gold_dir, texts_dir


def run(dirs, record: Record, **options):
    calls = []

    def extract_fn(text, *, published, id):
        calls.append((text, published, id))
        return record

    report = evaluate(*dirs, extract_fn=extract_fn, **options)
    assert calls == [(TEXT, dt.date(2024, 3, 15), "article")]
    return report


def test_evaluate_perfect_prediction_scores_one_everywhere(dirs):
    report = run(dirs, PERFECT, show_errors=True)
    for counts in report.fields.values():
        for score in (counts.strict, counts.lenient):
            assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert report.fields["counts"].label_accuracy == 1.0
    assert report.fields["sources"].label_accuracy == 1.0
    assert (report.macro.precision, report.macro.recall, report.macro.f1) == (1.0, 1.0, 1.0)
    assert report.errors == []


@pytest.mark.parametrize(
    "field, expected",
    [
        ("counts", {"gold": 3, "predicted": 3, "matched": 2, "correct": 1, "same_label": 1}),
        ("dated_events", {"gold": 2, "predicted": 2, "matched": 2, "correct": 1, "same_label": 2}),
        ("sources", {"gold": 2, "predicted": 2, "matched": 1, "correct": 1, "same_label": 0}),
    ],
)
def test_evaluate_flawed_prediction_counts(dirs, field, expected):
    assert vars(run(dirs, FLAWED).fields[field]) == expected


def test_evaluate_flawed_prediction_figures(dirs):
    data = report_to_dict(run(dirs, FLAWED, show_errors=True))
    counts = data["fields"]["counts"]
    assert (counts["precision"], counts["recall"]) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert counts["matched_only"]["f1"] == pytest.approx(2 / 3)
    assert counts["status_accuracy"] == 0.5
    assert data["fields"]["sources"]["kind_accuracy"] == 0.0
    assert data["macro"]["f1"] == pytest.approx((1 / 3 + 1 / 2 + 1 / 2) / 3)
    json.dumps(data)


def test_evaluate_flawed_prediction_errors(dirs):
    errors = run(dirs, FLAWED, show_errors=True).errors
    found = {(e.field, e.kind, e.text, e.expected, e.predicted, e.label) for e in errors}
    assert found == {
        ("counts", "miss", "5 человек", "5..5", None, "held"),
        ("counts", "false_hit", "14 марта", None, "14..14", "released"),
        ("counts", "wrong", "более 40 человек", "41..", "40..", "detained"),
        ("dated_events", "wrong", "14 марта", "2024-03-14", "2024-03-15", None),
        ("sources", "miss", "правозащитный центр «Весна»", "", None, "ngo"),
        ("sources", "false_hit", "Reuters", None, "", "media"),
    }
    miss = next(e for e in errors if e.text == "5 человек")
    assert (miss.article, miss.span_text) == ("article", "5 человек")
    assert miss.before.endswith("14 марта. Еще ") and miss.after.startswith(" остаются")


def test_evaluate_errors_only_when_asked(dirs):
    report = run(dirs, FLAWED)
    assert report.errors == [] and "errors" not in report_to_dict(report)


def test_render_eval_view(dirs):
    console = Console(record=True, width=200)
    console.print(eval_view(run(dirs, FLAWED, show_errors=True)))
    output = console.export_text()
    assert "macro" in output and "false hit" in output and "Reuters" in output


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"file": "absent.txt"}, "not found"),
        ({"counts": [{**GOLD["counts"][0], "text": "более 50 человек"}]}, "not found in the article"),
        ({"counts": [{**GOLD["counts"][0], "number": "50"}]}, "is not inside"),
        ({"dated_events": [{**GOLD["dated_events"][0], "occurrence": 2}]}, "occurrence 2"),
        ({"sources": [{"name": "МВД", "extra": 1}]}, "[sources.0.extra]"),
        ({"counts": [{**GOLD["counts"][0], "status": "jailed"}]}, "[counts.0.status]"),
    ],
)
def test_evaluate_rejects_bad_gold(dirs, change, problem):
    (dirs[0] / "article.json").write_text(json.dumps({**GOLD, **change}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldError, match="article.json") as error:
        evaluate(*dirs, extract_fn=lambda *a, **k: pytest.fail("extracted before the gold was checked"))
    assert problem in str(error.value)


def test_evaluate_rejects_empty_gold_dir(tmp_path):
    with pytest.raises(GoldError, match="no gold files"):
        evaluate(tmp_path, tmp_path, extract_fn=lambda *a, **k: None)


def test_gold_occurrence_selects_the_repeated_phrase(dirs):
    gold = {
        **GOLD,
        "counts": [{"text": "5", "number": "5", "low": 5, "high": 5, "status": "held", "occurrence": 2}],
        "dated_events": [],
        "sources": [],
    }
    (dirs[0] / "article.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    second_five = count("5 человек", "5", 5, 5, "held")
    report = run(dirs, Record(id="article", prisoner_counts=[second_five]))
    assert vars(report.fields["counts"])["correct"] == 1


@pytest.mark.parametrize(
    "text, phrase, occurrence, expected",
    [
        ("a b a b", "a", 1, 0),
        ("a b a b", "a", 2, 4),
        ("a b a b", "a", 3, None),
        ("aaa", "aa", 2, 1),
        ("", "a", 1, None),
    ],
)
def test_nth_occurrence(text, phrase, occurrence, expected):
    assert nth_occurrence(text, phrase, occurrence) == expected


@pytest.mark.parametrize(
    "gold, predicted, matches",
    [
        ("пресс-служба МВД", "пресс-службы МВД", True),
        ("Государственный департамент США", "Госдепартамент США", True),  # «США» is half of the shorter
        ("ОВД-Инфо", "ОВД-инфо", True),
        ("Алёна Попова", "Алена Попова", True),
        ("Amnesty International", "Amnesty", True),
        ("Reuters", "Associated Press", False),
        ("правозащитный центр «Весна»", "Reuters", False),
        ("в Москве", "в Минске", False),  # stop words do not count
        ("", "Reuters", False),
    ],
)
def test_name_score(gold, predicted, matches):
    assert (name_score(Item(gold), Item(predicted)) > 0) is matches


def test_stems_fold_case_and_yo():
    assert stems("Пресс-служба МВД Ёлкино") == {"пресс", "служб", "мвд", "елкин"}


@pytest.mark.parametrize(
    "low, high, expected", [(41, None, "41.."), (None, 100, "..100"), (5, 5, "5..5"), (None, None, "..")]
)
def test_bounds(low, high, expected):
    assert bounds(low, high) == expected


@pytest.mark.parametrize(
    "score, expected",
    [
        (Score(gold=4, predicted=2, true_positive=2), (1.0, 0.5, 2 / 3)),
        (Score(gold=0, predicted=0, true_positive=0), (1.0, 1.0, 1.0)),
        (Score(gold=3, predicted=0, true_positive=0), (1.0, 0.0, 0.0)),
        (Score(gold=0, predicted=3, true_positive=0), (0.0, 1.0, 0.0)),
    ],
)
def test_score(score, expected):
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


def test_pair_up_is_one_to_one_and_prefers_correct_pairs():
    gold = [Item("a", "1", anchor=(0, 10)), Item("b", "2", anchor=(5, 15))]
    pred = [Item("x", "2", anchor=(0, 10)), Item("y", "1", anchor=(8, 9))]
    assert pair_up(gold, pred, lambda g, p: 1.0 if g.anchor[0] < p.anchor[1] and p.anchor[0] < g.anchor[1] else 0) == [
        (0, 1),
        (1, 0),
    ]
