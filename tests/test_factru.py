from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from claims.entity_eval import EntitySpan, actors_report_to_dict, record_mentions, score_mentions
from claims.evaluate import GoldError, Score
from claims.factru import document_names, evaluate_actors, gold_mentions, read_document, read_testset
from claims.models import Actor, ActorMention, Record
from claims.render.eval_table import eval_view

FACTRU = Path(__file__).resolve().parents[2] / "shared" / "eval" / "factRuEval-2016" / "testset"

TEXT = (
    "Глава МИД России Сергей Лавров прибыл в Москву.\n\n"
    "Компания «Вымпелком» и правительство ответили журналам «Огонек» и «Нева»."
)

# span id, type, phrase, occurrence
SPANS = [
    ("1", "org_name", "МИД", 1),
    ("2", "loc_name", "России", 1),
    ("3", "name", "Сергей", 1),
    ("4", "surname", "Лавров", 1),
    ("5", "loc_name", "Москву", 1),
    ("6", "org_descr", "Компания", 1),
    ("7", "org_name", "Вымпелком", 1),
    ("8", "org_descr", "правительство", 1),
    ("9", "org_descr", "журналам", 1),
    ("10", "org_name", "Огонек", 1),
    ("11", "org_name", "Нева", 1),
    ("12", "prj_name", "Глава", 1),
]
OBJECTS = [
    ("Org", ["1", "2"]),
    ("LocOrg", ["2"]),
    ("Person", ["3", "4"]),
    ("Location", ["5"]),
    ("Org", ["6", "7"]),
    ("Org", ["8"]),
    ("Org", ["9", "10", "11"]),
    ("Project", ["12"]),
]


def offsets(phrase: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def span_line(span_id: str, span_type: str, phrase: str, occurrence: int) -> str:
    start, end = offsets(phrase, occurrence)
    tokens = phrase.split()
    token_ids = " ".join(str(100 + i) for i in range(len(tokens)))
    return f"{span_id} {span_type} {start} {end - start} 100 {len(tokens)}  # {token_ids} {' '.join(tokens)}"


def object_line(number: int, object_type: str, span_ids: list[str]) -> str:
    return f"{number} {object_type} {' '.join(span_ids)} # comment"


@pytest.fixture
def testset(tmp_path):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.spans").write_text("\n".join(span_line(*s) for s in SPANS) + "\n", encoding="utf-8")
    lines = [object_line(n, kind, ids) for n, (kind, ids) in enumerate(OBJECTS, 1)]
    (tmp_path / "doc.objects").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "list.txt").write_text("doc.txt\n", encoding="utf-8")
    return tmp_path


def mention(phrase: str, kind: str) -> EntitySpan:
    return EntitySpan(*offsets(phrase), kind)


def texts(mentions) -> list[tuple[str, str]]:
    return [(TEXT[m.start : m.end], m.type) for m in mentions]


def test_document_names_skip_files_without_annotations(testset):
    assert document_names(testset) == ["doc"]


def test_read_document_keeps_offsets_and_objects(testset):
    document = read_document(testset, "doc")
    assert document.text == TEXT
    assert [obj.type for obj in document.objects] == [kind for kind, _ in OBJECTS]
    person = document.objects[2]
    assert [TEXT[s.start : s.end] for s in person.spans] == ["Сергей", "Лавров"]


@pytest.mark.parametrize(
    "rule, expected",
    [
        (
            "names",
            [
                ("МИД", "ORG"),
                ("России", "LOC"),
                ("Сергей Лавров", "PER"),
                ("Москву", "LOC"),
                ("Вымпелком", "ORG"),
                ("Огонек", "ORG"),
                ("Нева", "ORG"),
            ],
        ),
        (
            "extent",
            [
                ("МИД России", "ORG"),
                ("Сергей Лавров", "PER"),
                ("Москву", "LOC"),
                ("Компания «Вымпелком", "ORG"),
                ("правительство", "ORG"),
                ("журналам «Огонек", "ORG"),
                ("Нева", "ORG"),
            ],
        ),
    ],
)
def test_gold_mentions(testset, rule, expected):
    assert texts(gold_mentions(read_document(testset, "doc"), rule)) == expected


@pytest.mark.parametrize(
    "spans, objects, problem",
    [
        ("1 name 7 3 100 1  # 100 МИД\n", "1 Person 1\n", "offsets 7:10"),  # shifted by one
        ("1 name x 3 100 1  # 100 Глава\n", "1 Person 1\n", "malformed span line"),
        ("1 name 0 5 100 1  # 100 Глава\n", "1 Person 2\n", "unknown span"),
    ],
)
def test_read_document_rejects_broken_annotations(testset, spans, objects, problem):
    (testset / "doc.spans").write_text(spans, encoding="utf-8")
    (testset / "doc.objects").write_text(objects, encoding="utf-8")
    with pytest.raises(GoldError, match=problem):
        read_document(testset, "doc")


def test_read_testset_rejects_an_empty_folder(tmp_path):
    with pytest.raises(GoldError, match="no factRuEval documents"):
        read_testset(tmp_path)


@pytest.mark.parametrize(
    "gold, predicted, expected",
    [
        ([(0, 3, "PER")], [(0, 3, "PER")], {"PER": (1, 1, 1)}),
        ([(0, 3, "PER")], [(0, 3, "ORG")], {"PER": (1, 0, 0), "ORG": (0, 1, 0)}),
        ([(0, 3, "PER")], [(0, 4, "PER")], {"PER": (1, 1, 0)}),
        ([(0, 3, "LOC"), (5, 9, "LOC")], [(5, 9, "LOC"), (5, 9, "LOC")], {"LOC": (2, 1, 1)}),
        ([], [], {}),
    ],
)
def test_score_mentions_exact_span_and_type(gold, predicted, expected):
    scores = score_mentions([EntitySpan(*g) for g in gold], [EntitySpan(*p) for p in predicted])
    for kind in ("PER", "ORG", "LOC"):
        score = scores[kind]
        assert (score.gold, score.predicted, score.true_positive) == expected.get(kind, (0, 0, 0))


def test_record_mentions_maps_actor_types():
    def actor(n, name, kind, phrase):
        start, end = offsets(phrase)
        return Actor(id=f"A{n}", name=name, type=kind, mentions=[ActorMention(start=start, end=end, text=phrase)])

    record = Record(
        id="doc",
        actors=[
            actor(1, "Сергей Лавров", "person", "Сергей Лавров"),
            actor(2, "Москва", "location", "Москву"),
            actor(3, "МИД России", "organization", "МИД России"),
        ],
    )
    assert texts(record_mentions(record)) == [("МИД России", "ORG"), ("Сергей Лавров", "PER"), ("Москву", "LOC")]


def test_evaluate_actors_scores_both_predictors_in_one_run(testset):
    gold = gold_mentions(read_document(testset, "doc"))

    def flawed_predictor(text):  # misses «Нева», finds «правительство»
        return [*gold[:-1], mention("правительство", "ORG")]

    report = evaluate_actors(testset, predict_fn=lambda text: gold, baseline_fn=flawed_predictor)
    perfect, flawed = report.results
    assert (report.documents, perfect.name, flawed.name) == (1, "claims", "natasha")
    assert all(s.f1 == 1.0 for s in [*perfect.by_type.values(), perfect.overall])
    assert vars(flawed.by_type["ORG"]) == vars(Score(gold=4, predicted=4, true_positive=3))
    assert vars(flawed.overall) == vars(Score(gold=7, predicted=7, true_positive=6))
    data = actors_report_to_dict(report)
    assert data["predictors"]["natasha"]["ORG"]["recall"] == 0.75
    json.dumps(data)


def test_render_actors_table(testset):
    report = evaluate_actors(testset, predict_fn=lambda text: [])
    console = Console(record=True, width=160)
    console.print(eval_view(actors=report))
    output = console.export_text()
    assert "claims" in output and "all" in output and "natasha" not in output


@pytest.fixture(scope="module")
def factru_documents():
    if not FACTRU.is_dir():
        pytest.skip(f"{FACTRU} is absent (../shared not beside the checkout)")
    return read_testset(FACTRU)


def test_factru_testset_reads_every_document(factru_documents):
    assert len(factru_documents) == 132  # 133 .txt files, one of which is list.txt


def test_factru_testset_mentions_are_clean(factru_documents):
    for document in factru_documents:
        for item in gold_mentions(document):
            found = document.text[item.start : item.end]
            assert found == found.strip() and found, (document.name, item)


def test_factru_testset_known_mentions(factru_documents):
    document = next(d for d in factru_documents if d.name == "book_3539")
    found = texts_in(document)
    assert ("Александр Вертинский", "PER") in found
    assert ("Москве", "LOC") in found


def texts_in(document) -> list[tuple[str, str]]:
    return [(document.text[m.start : m.end], m.type) for m in gold_mentions(document)]


@pytest.mark.slow
def test_natasha_predictor_on_a_factru_document(factru_documents, models):
    from claims.entity_eval import natasha_predictor

    document = next(d for d in factru_documents if d.name == "book_3539")
    predicted = natasha_predictor(models)(document.text)
    assert ("Александр Вертинский", "PER") in [(document.text[m.start : m.end], m.type) for m in predicted]
