"""factRuEval-2016 objects as gold entity mentions, and exact-span scoring of entity predictors.

Reading. A document is `<name>.txt` with `.spans` and `.objects` beside it (`list.txt` in the test
set has neither and is not a document). A `.spans` line is `id type start length first_token n_tokens
# token ids and texts`; `start` and `length` are character offsets into the `.txt` decoded as UTF-8
(Python string indices; the texts use bare \\n, so no CRLF shift), and `text[start:start+length]`
equals the span's tokens up to whitespace. The reader checks that equality for every span and raises
GoldError when it fails. An `.objects` line is `id type span_id... # text`.

Gold mentions. Person becomes PER, Org ORG, Location and LocOrg LOC; other objects are left out.
With the default rule "names", an object's mention is made of its name spans only: every span of a
Person, the `org_name` spans of an Org, the `loc_name` spans of a Location or LocOrg. Descriptors
(`org_descr`, `loc_descr`, `geo_adj`) stay out, so «правительством» or «российской» give no mention and
«компании "Вымпелком"» gives «Вымпелком» (the factRuEval convention used by natasha/naeval, behind the
published Natasha figures). With the rule "extent" every span of the object counts. The chosen
spans are joined into one mention from the first span's start to the last span's end when what lies
between them has no letter or digit («Н. Н. Вертинской», «ИМЭМО РАН»); otherwise («журналы
«Киевская неделя» и «Лукоморье»») each contiguous run is its own mention. Mentions overlapping an
earlier or longer one are dropped, so the gold is flat like NER output (outermost wins).

Scoring (`entity_eval`): a predicted mention is a true positive when its start, end and type equal a gold one's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .entity_eval import ActorsReport, EntitySpan, GoldEntities, PredictFn, score_corpus
from .evaluate import GoldError

OBJECT_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
NAME_SPANS = {"Person": None, "Org": {"org_name"}, "Location": {"loc_name"}, "LocOrg": {"loc_name"}}

MentionRule = Literal["names", "extent"]


@dataclass(frozen=True)
class FactruSpan:
    id: str
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class FactruObject:
    id: str
    type: str
    spans: tuple[FactruSpan, ...]


@dataclass
class FactruDocument:
    name: str
    text: str
    objects: list[FactruObject]


# ---------------------------------------------------------------- reading


def document_names(testset_dir: Path) -> list[str]:
    """Names of the documents that have a text, spans and objects."""
    testset_dir = Path(testset_dir)
    return sorted(
        path.stem
        for path in testset_dir.glob("*.objects")
        if path.with_suffix(".spans").is_file() and path.with_suffix(".txt").is_file()
    )


def read_testset(testset_dir: Path) -> list[FactruDocument]:
    names = document_names(Path(testset_dir))
    if not names:
        raise GoldError(str(testset_dir), "no factRuEval documents (.txt with .spans and .objects)")
    return [read_document(Path(testset_dir), name) for name in names]


def read_document(testset_dir: Path, name: str) -> FactruDocument:
    base = Path(testset_dir) / name
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    spans = read_spans(base.with_suffix(".spans"), text)
    return FactruDocument(name, text, read_objects(base.with_suffix(".objects"), spans))


def read_spans(path: Path, text: str) -> dict[str, FactruSpan]:
    spans = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            span = parse_span_line(f"{path.name}:{number}", line, text)
            spans[span.id] = span
    return spans


def parse_span_line(where: str, line: str, text: str) -> FactruSpan:
    fields, _, comment = line.partition("#")
    try:
        span_id, span_type, start, length, _first, n_tokens = fields.split()[:6]
        span = FactruSpan(span_id, span_type, int(start), int(start) + int(length))
        tokens = comment.split()[int(n_tokens) :]
    except ValueError:
        raise GoldError(where, f"malformed span line {line!r}") from None
    check_span(where, span, tokens, text)
    return span


def check_span(where: str, span: FactruSpan, tokens: list[str], text: str) -> None:
    """The offsets must reproduce the span's tokens (spaces aside) in the text."""
    found = text[span.start : span.end]
    if tokens and "".join(found.split()) != "".join(tokens):
        raise GoldError(where, f"offsets {span.start}:{span.end} give {found!r}, expected {' '.join(tokens)!r}")


def read_objects(path: Path, spans: dict[str, FactruSpan]) -> list[FactruObject]:
    objects = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            objects.append(parse_object_line(f"{path.name}:{number}", line, spans))
    return objects


def parse_object_line(where: str, line: str, spans: dict[str, FactruSpan]) -> FactruObject:
    parts = line.partition("#")[0].split()
    if len(parts) < 3 or any(span_id not in spans for span_id in parts[2:]):
        raise GoldError(where, f"malformed object line or unknown span in {line!r}")
    object_id, object_type, *span_ids = parts
    return FactruObject(object_id, object_type, tuple(spans[span_id] for span_id in span_ids))


# ---------------------------------------------------------------- gold mentions


def gold_mentions(document: FactruDocument, rule: MentionRule = "names") -> list[EntitySpan]:
    mentions = [
        mention
        for obj in document.objects
        if obj.type in OBJECT_TYPES
        for mention in object_mentions(obj, document.text, rule)
    ]
    return flatten(mentions)


def object_mentions(obj: FactruObject, text: str, rule: MentionRule) -> list[EntitySpan]:
    kinds = NAME_SPANS[obj.type] if rule == "names" else None
    chosen = [span for span in obj.spans if kinds is None or span.type in kinds]
    return [EntitySpan(start, end, OBJECT_TYPES[obj.type]) for start, end in contiguous_runs(chosen, text)]


def contiguous_runs(spans: Iterable[FactruSpan], text: str) -> list[tuple[int, int]]:
    """Join spans separated by nothing but spaces and punctuation into (start, end) runs."""
    runs: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if runs and not has_word(text[runs[-1][1] : span.start]):
            runs[-1] = (runs[-1][0], max(runs[-1][1], span.end))
        else:
            runs.append((span.start, span.end))
    return runs


def has_word(gap: str) -> bool:
    return any(char.isalnum() for char in gap)


def flatten(mentions: Iterable[EntitySpan]) -> list[EntitySpan]:
    """Keep mentions that overlap no earlier-starting or longer kept one."""
    kept: list[EntitySpan] = []
    for mention in sorted(set(mentions), key=lambda m: (m.start, -m.end, m.type)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


# ---------------------------------------------------------------- scores


def gold_entities(document: FactruDocument, rule: MentionRule = "names") -> GoldEntities:
    return GoldEntities(document.name, document.text, frozenset(gold_mentions(document, rule)))


def evaluate_actors(
    testset_dir: Path | str,
    *,
    predict_fn: PredictFn,
    baseline_fn: PredictFn | None = None,
    rule: MentionRule = "names",
    names: tuple[str, str] = ("claims", "natasha"),
    progress: Callable[[str], None] | None = None,
) -> ActorsReport:
    """Score `predict_fn` (and `baseline_fn`, in the same run) against the factRuEval objects."""
    documents = read_testset(Path(testset_dir))
    return score_corpus(
        (gold_entities(document, rule) for document in documents),
        predict_fn=predict_fn,
        baseline_fn=baseline_fn,
        names=names,
        rule=rule,
        corpus="factRuEval-2016",
        progress=progress,
    )
