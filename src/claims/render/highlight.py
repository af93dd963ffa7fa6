"""A record's spans as highlights over its text, shared by the terminal and the HTML views.

Every span of the record (actor mentions, event triggers and dates, prisoner counts, source mentions, cues
and claims) becomes a `Mark`. Marks may overlap or nest (an actor inside a count, a count inside a claim),
so the text is cut at every mark boundary into non-overlapping `Segment`s, each carrying the marks that
cover it, innermost first: a renderer colours a segment by its first mark and hints at the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..models import Claim, Record, Source, Span

# kind: (title, what it marks); the order is the legend's and breaks ties between marks of equal length.
KINDS: dict[str, tuple[str, str]] = {
    "actor": ("Actor", "a person, organization or place, merged across mentions"),
    "date": ("Date", "the date of an event, resolved to ISO 8601"),
    "count": ("Count", "a number of people held, detained, sentenced or freed"),
    "cue": ("Source cue", "the words that attribute a claim to a source"),
    "event": ("Event", "the verb or noun that names a dated event"),
    "source": ("Source", "who the article cites"),
    "claim": ("Claim", "what a source is reported to say"),
}
# Background colours, one per kind, for both renderers; a claim is underlined instead.
COLOURS: dict[str, str | None] = {
    "actor": "#9fd3ff",
    "date": "#e6bcff",
    "count": "#ffd966",
    "cue": "#a8e6a1",
    "event": "#ffb98f",
    "source": "#bdeee8",
    "claim": None,
}
CLAIM_CHARS = 160


@dataclass(frozen=True)
class Mark:
    kind: str
    start: int
    end: int
    text: str
    items: tuple[str, ...]
    label: str
    details: tuple[str, ...] = ()
    id: str = ""

    @property
    def title(self) -> str:
        return KINDS[self.kind][0]

    @property
    def tip(self) -> str:
        return "\n".join((f"{self.title}: {self.label}", *self.details))


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...] = field(default=())

    @property
    def top(self) -> Mark | None:
        return self.marks[0] if self.marks else None

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(mark.kind for mark in self.marks))

    @property
    def outer_kinds(self) -> tuple[str, ...]:
        """Kinds of the marks around the innermost one, for a hint that something nests."""
        return tuple(dict.fromkeys(mark.kind for mark in self.marks[1:]))

    @property
    def tip(self) -> str:
        return "\n\n".join(mark.tip for mark in self.marks)


@dataclass(frozen=True)
class Highlights:
    marks: list[Mark]
    segments: list[Segment]
    misplaced: list[Mark]

    @property
    def highlighted(self) -> list[Segment]:
        return [segment for segment in self.segments if segment.marks]


def highlight(record: Record, text: str) -> Highlights:
    """The record's marks over `text`, the segments they cut it into, and any span that is not in the text."""
    found = all_marks(record)
    marks = numbered(merge_same_spans([m for m in found if fits(m, text)]))
    return Highlights(marks, segments(text, marks), [m for m in found if not fits(m, text)])


def all_marks(record: Record) -> list[Mark]:
    names = {actor.id: actor.name for actor in record.actors}
    return [*actor_marks(record), *event_marks(record, names), *count_marks(record), *source_marks(record)]


def numbered(marks: list[Mark]) -> list[Mark]:
    """In text order, outer before inner, with ids H1, H2, ..."""
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, kind_rank(m.kind)))
    return [replace(mark, id=f"H{number}") for number, mark in enumerate(ordered, 1)]


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Non-overlapping segments covering all of `text`; each lists the marks over it, innermost first."""
    marks = [mark for mark in marks if 0 <= mark.start < mark.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    return [
        Segment(start, end, text[start:end], covering(marks, start, end))
        for start, end in zip(cuts, cuts[1:])
        if start < end
    ]


def covering(marks: list[Mark], start: int, end: int) -> tuple[Mark, ...]:
    over = [mark for mark in marks if mark.start <= start and end <= mark.end]
    return tuple(sorted(over, key=lambda m: (m.end - m.start, kind_rank(m.kind), m.start)))


def kind_rank(kind: str) -> int:
    return list(KINDS).index(kind)


def fits(mark: Mark, text: str) -> bool:
    """A span whose offsets do not give back its text is misplaced, not drawn somewhere wrong."""
    return 0 <= mark.start < mark.end <= len(text) and text[mark.start : mark.end] == mark.text


def merge_same_spans(marks: list[Mark]) -> list[Mark]:
    """Two events dated by one «в январе» make one date mark that names both."""
    merged: dict[tuple[str, int, int], Mark] = {}
    for mark in marks:
        key = (mark.kind, mark.start, mark.end)
        if key in merged:
            first = merged[key]
            mark = replace(
                first,
                items=first.items + tuple(i for i in mark.items if i not in first.items),
                details=first.details + tuple(d for d in mark.details if d not in first.details),
            )
        merged[key] = mark
    return list(merged.values())


def mark(kind: str, span: Span, items: tuple[str, ...], label: str, details: Iterable[str] = ()) -> Mark:
    return Mark(kind, span.start, span.end, span.text, items, label, tuple(details))


def actor_marks(record: Record) -> Iterator[Mark]:
    for actor in record.actors:
        details = [f"{actor.id} · {len(actor.mentions)} mention(s)", *(f"role: {role}" for role in actor.roles)]
        for span in actor.mentions:
            descriptor = ["a descriptor, not a name"] if getattr(span, "kind", "name") == "descriptor" else []
            yield mark("actor", span, (actor.id,), f"{actor.name} ({actor.type})", details + descriptor)


def event_marks(record: Record, names: dict[str, str]) -> Iterator[Mark]:
    for event in record.events:
        agents = ", ".join(names.get(agent, agent) for agent in event.agents)
        about = [f"{event.id}: {event.kind} «{event.lemma}»", *([f"agents: {agents}"] if agents else [])]
        date = event.date
        dated = [f"date: {date.value} ({date.precision})"] if date else []
        yield mark("event", event.trigger, (event.id,), f"{event.kind} «{event.lemma}»", about[1:] + dated)
        if date:
            yield mark("date", date, (event.id,), f"{date.value} ({date.precision})", about)


def count_marks(record: Record) -> Iterator[Mark]:
    events = {event.id: event for event in record.events}
    for number, count in enumerate(record.prisoner_counts, 1):
        span = bounds(count.low, count.high)
        details = [f"bounds: {span}", f"qualifier: {count.qualifier}", f"status: {count.status}"]
        if count.group:
            details.append(f"group: {count.group}")
        if count.event in events:
            event = events[count.event]
            details.append(f"event: {event.id} {event.kind}" + (f", {event.date.value}" if event.date else ""))
        yield mark("count", count, (f"C{number}",), f"{span} {count.status}", details)


def source_marks(record: Record) -> Iterator[Mark]:
    names = {source.id: source.name for source in record.sources}
    for source in record.sources:
        label, details = f"{source.name} ({source.kind})", source_details(source, names)
        for span in source.mentions:
            yield mark("source", span, (source.id,), label, details)
        cue = source.cue_span
        if cue:
            yield mark("cue", cue, (source.id,), f"«{source.cue}» · {label}", details)
        for span in source.claims:
            yield mark("claim", span, (source.id,), f"said by {label}")


def source_details(source: Source, names: dict[str, str]) -> list[str]:
    details = [f"{source.id} · stance: {source.stance}"]
    if source.count:
        details.append(f"how many: {source.count}")
    if source.via:
        details.append("via: " + ", ".join(names.get(v, v) for v in source.via))
    details.extend(f"claim, {claim_line(claim)}" for claim in source.claims)
    return details


def bounds(low: int | None, high: int | None) -> str:
    if low is not None and low == high:
        return str(low)
    if high is None:
        return "?" if low is None else f"≥ {low}"
    return f"≤ {high}" if low is None else f"{low}–{high}"


def claim_line(claim: Claim, limit: int = CLAIM_CHARS) -> str:
    """What a source says, marked as a direct quote («…») or an indirect one (a clause)."""
    text = shorten(claim.text, limit)
    return f"direct: «{text}»" if claim.direct else f"indirect: {text}"


def shorten(text: str, limit: int = CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
