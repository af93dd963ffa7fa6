from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.entity_eval import EntitySpan, score_mentions
from claims.evaluate import GoldError, Score
from claims.nerel import document_names, evaluate_actors, gold_entities, is_adjectival, read_document, read_folder

NEREL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "NEREL"

TEXT = "Посольство Беларуси в Вашингтоне ответило российским журналистам.\nИван Петров уехал из Минска."

POS = {"российским": "ADJF", "российский": "ADJF", "иранскую": "ADJF", "новая": "ADJF", "партия": "NOUN"}


def pos(word: str) -> str | None:
    return POS.get(word.lower(), "NOUN")


def at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def line(number: int, kind: str, phrase: str) -> str:
    start, end = at(phrase)
    return f"T{number}\t{kind} {start} {end}\t{phrase}"


ANN = "\n".join(
    [
        line(1, "ORGANIZATION", "Посольство Беларуси в Вашингтоне"),
        line(2, "COUNTRY", "Беларуси"),
        line(3, "CITY", "Вашингтоне"),
        line(4, "NATIONALITY", "российским"),
        line(5, "COUNTRY", "российским"),
        line(6, "PROFESSION", "журналистам"),
        line(7, "PERSON", "Иван Петров"),
        "T8\tCITY 0 10;11 19\tПосольство Беларуси",
        line(9, "CITY", "Минска"),
        "R1\tWORKPLACE Arg1:T7 Arg2:T1",
        "#1\tAnnotatorNotes T7\tnote",
    ]
)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "lonely.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def mention(phrase: str, kind: str) -> EntitySpan:
    return EntitySpan(*at(phrase), kind)


def test_document_names_need_text_and_annotations(folder):
    assert document_names(folder) == ["doc"]


def test_gold_entities_nested_typed_and_neutral(folder):
    gold = gold_entities(read_document(folder, "doc"), pos)
    assert gold.mentions == {
        mention("Посольство Беларуси в Вашингтоне", "ORG"),
        mention("Беларуси", "LOC"),
        mention("Вашингтоне", "LOC"),
        mention("Иван Петров", "PER"),
        mention("Минска", "LOC"),
    }
    assert gold.neutral == {at("российским")}


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("российский", True),
        ("иранскую", True),
        ("Новая партия", False),
        ("Москва", False),
        ("", False),
    ],
)
def test_is_adjectival(surface, expected):
    assert is_adjectival(surface, pos) is expected


@pytest.mark.parametrize(
    "ann, problem",
    [
        ("T1\tPERSON 0 5\tИван", "give"),
        ("T1\tPERSON zero 5\tИван", "malformed"),
        ("T1 PERSON 0 5", "malformed"),
    ],
)
def test_read_document_rejects_broken_annotations(tmp_path, ann, problem):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.ann").write_text(ann, encoding="utf-8")
    with pytest.raises(GoldError, match=problem):
        read_document(tmp_path, "doc")


def test_read_folder_rejects_an_empty_folder(tmp_path):
    with pytest.raises(GoldError, match="no NEREL documents"):
        read_folder(tmp_path)


@pytest.mark.parametrize(
    "predicted, neutral, expected",
    [
        ([(0, 5, "PER")], [], (1, 1, 1)),
        ([(0, 5, "ORG")], [], (1, 1, 0)),
        ([(0, 5, "PER"), (7, 9, "LOC")], [(7, 9)], (1, 1, 1)),
        ([], [(0, 5)], (0, 0, 0)),
    ],
)
def test_score_mentions_leaves_neutral_spans_out(predicted, neutral, expected):
    scores = score_mentions([EntitySpan(0, 5, "PER")], [EntitySpan(*p) for p in predicted], neutral)
    overall = sum(scores.values(), Score())
    assert (overall.gold, overall.predicted, overall.true_positive) == expected


def test_evaluate_actors_scores_both_predictors(folder):
    gold = gold_entities(read_document(folder, "doc"), pos).mentions

    def flawed(text):  # misses the embassy, hits the neutral adjective, adds a false person
        return [m for m in gold if m.type != "ORG"] + [mention("российским", "LOC"), mention("журналистам", "PER")]

    report = evaluate_actors(folder, predict_fn=lambda text: sorted(gold), baseline_fn=flawed, pos=pos)
    perfect, baseline = report.results
    assert (report.corpus, report.documents) == ("NEREL", 1)
    assert perfect.overall.f1 == 1.0
    assert vars(baseline.overall) == vars(Score(gold=5, predicted=5, true_positive=4))
    assert vars(baseline.by_type["ORG"]) == vars(Score(gold=1, predicted=0, true_positive=0))


@pytest.mark.slow
def test_cli_eval_actors_nerel_json(models, tmp_path):
    dev = NEREL / "dev"
    if not dev.is_dir():
        pytest.skip(f"{dev} is absent (../shared not beside the checkout)")
    from claims.cli import main

    for name in document_names(dev)[:3]:
        for suffix in (".txt", ".ann"):
            (tmp_path / f"{name}{suffix}").write_bytes((dev / f"{name}{suffix}").read_bytes())
    result = CliRunner().invoke(main, ["eval", "--actors", "nerel", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["actors"]
    assert data["corpus"] == "NEREL" and data["documents"] == 3
    assert set(data["predictors"]) == {"claims", "natasha"}
    assert all(0 < data["predictors"][name]["overall"]["f1"] <= 1 for name in ("claims", "natasha"))
