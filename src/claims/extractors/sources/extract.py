"""Attributions found, resolved to phrases, merged into groups, and built into Source records."""

from __future__ import annotations

from ...models import Actor, Claim, Source, Span, explained
from ...morph import Morph
from .claims import find_quotes, speech_quotes
from .cues import Attribution, find_attributions
from .merging import group_attributions
from .phrases import SourcePhrases


def extract_sources(doc, *, actors: list[Actor], morph: Morph) -> list[Source]:
    """Every source the article cites, merged across mentions, in order of first mention."""
    if not len(doc):
        return []
    quotes = find_quotes(doc.text)
    attributions = sorted(find_attributions(doc, quotes), key=lambda a: (a.head.i, a.cue))
    phrases = SourcePhrases(doc, actors, morph, speech_quotes(doc.text, quotes))
    for attribution in attributions:
        attribution.phrase = phrases.resolve(attribution)
    attributions = [a for a in attributions if a.phrase is not None]
    return build_sources(doc, group_attributions(attributions))


def build_sources(doc, groups: list[list[Attribution]]) -> list[Source]:
    ids = {id(a): f"S{n}" for n, group in enumerate(groups, 1) for a in group}
    return [build_source(doc, f"S{n}", group, ids) for n, group in enumerate(groups, 1)]


def build_source(doc, source_id: str, group: list[Attribution], ids: dict[int, str]) -> Source:
    phrases = [a.phrase for a in group]
    actors = [p for p in phrases if p.actor is not None]
    best = max(actors, key=lambda p: len(p.name.split())) if actors else phrases[0]
    first_cue = min(group, key=lambda a: a.cue[0])
    via = list(dict.fromkeys(ids[id(c)] for a in group for c in a.cites if id(c) in ids and ids[id(c)] != source_id))
    actor = best.actor or best.affiliation
    source = Source(
        id=source_id,
        name=best.name,
        kind=best.kind,
        actor=actor.id if actor else None,
        cue=doc.text[first_cue.cue[0] : first_cue.cue[1]],
        cue_start=first_cue.cue[0],
        cue_end=first_cue.cue[1],
        stance=stance_of(group),
        count=next((p.count for p in phrases if p.count is not None), None),
        via=via,
        claims=[Claim(**span.model_dump()) for span in unique_spans(doc, [c for a in group for c in a.claims])],
        mentions=unique_spans(doc, [token_range(doc, p.start, p.end) for p in phrases]),
    )
    return explained(source, "; ".join(dict.fromkeys(a.rule for a in sorted(group, key=lambda a: a.cue))))


def stance_of(group: list[Attribution]) -> str:
    """Stated when the source said anything; otherwise how it first declined."""
    stances = [a.stance for a in sorted(group, key=lambda a: a.cue)]
    return "stated" if "stated" in stances else stances[0]


def token_range(doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def unique_spans(doc, ranges: list[tuple[int, int]]) -> list[Span]:
    return [Span(start=s, end=e, text=doc.text[s:e]) for s, e in sorted(set(ranges))]
