"""The record: one Pydantic model per item, strict about unknown fields.

Value conventions (count bounds, statuses, date values, source kinds) follow ANNOTATION.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1"

ActorType = Literal["person", "organization", "location"]
Qualifier = Literal["exact", "at_least", "more_than", "less_than", "up_to", "approx", "range", "vague"]
Status = Literal["held", "detained", "sentenced", "released", "pardoned", "exchanged", "planned_release"]
Precision = Literal["day", "month", "year", "decade", "range", "unknown"]
SourceKind = Literal[
    "media", "person", "official", "organization", "government", "ngo", "anonymous", "document", "social_media"
]
Stance = Literal["stated", "declined", "no_response"]
PublishedFrom = Literal["option", "input", "dateline"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Which rule produced the item (`claims show --explain`); kept out of the record and its JSON.
    _rule: str | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Equal records hold the same values; the rule that found an item is no part of them."""
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__


def explained(item, rule: str):
    """`item`, noting the rule that produced it."""
    item._rule = rule
    return item


def rule_of(item) -> str | None:
    return item._rule


class Span(Strict):
    start: int = Field(ge=0, description="Start offset (Python string index) into the analysed text.")
    end: int = Field(ge=0, description="End offset, exclusive; text[start:end] == text.")
    text: str = Field(description="The span as written in the article.")


class ActorMention(Span):
    kind: Literal["name", "full_name", "descriptor"] = Field(
        default="name",
        description="A proper name («Минюст»), a name with the rest of its noun phrase («Минюст России»,"
        " «Верховный суд США»), or a descriptor phrase («посольство Беларуси»).",
    )


class Actor(Strict):
    id: str = Field(description="Stable within one record: A1, A2, ...")
    name: str = Field(description="Canonical name in the nominative case.")
    type: ActorType
    mentions: list[ActorMention] = Field(description="Every mention of the actor, in text order.")
    roles: list[str] = Field(default_factory=list, description="Roles and descriptors, e.g. «специальный посланник».")


class DateSpan(Span):
    value: str = Field(description="ISO 8601 at the stated precision: YYYY-MM-DD, YYYY-MM, YYYY or START/END.")
    precision: Precision


class Event(Strict):
    id: str = Field(description="E1, E2, ...")
    trigger: Span = Field(description="The verb or noun that names the event.")
    lemma: str
    kind: str = Field(description="release, pardon, detention, sentence, exchange, appointment, talks, ...")
    agents: list[str] = Field(default_factory=list, description="Actor ids of who did it.")
    date: DateSpan | None = None


class PrisonerCount(Span):
    number: str = Field(description="The substring that carries the number.")
    low: int | None = Field(description="Lower bound, inclusive; null when open.")
    high: int | None = Field(description="Upper bound, inclusive; null when open.")
    qualifier: Qualifier
    status: Status
    group: str | None = Field(default=None, description="Who is counted, nominative: «политические заключенные».")
    event: str | None = Field(default=None, description="Id of the event the count belongs to.")


class Claim(Span):
    direct: bool = Field(default=False, description="A direct quote, in «», „“ or \"\".")
    events: list[str] = Field(default_factory=list, description="Ids of the events that lie inside the claim.")
    counts: list[int] = Field(
        default_factory=list, description="Indices into prisoner_counts of the counts that lie inside the claim."
    )


class Source(Strict):
    id: str = Field(description="S1, S2, ...")
    name: str = Field(description="The source as the article names it, nominative.")
    kind: SourceKind
    actor: str | None = Field(default=None, description="Actor id when the source is a known actor.")
    cue: str = Field(description="The attribution cue as written: «сообщило», «по словам», ...")
    cue_start: int | None = Field(default=None, ge=0, description="Start offset of the cue where first cited.")
    cue_end: int | None = Field(default=None, ge=0, description="End offset of the cue, exclusive.")
    stance: Stance = "stated"
    count: int | None = Field(default=None, description="How many unnamed sources, when stated.")
    via: list[str] = Field(
        default_factory=list, description="Ids of the sources this one cites, whose word its report rests on."
    )
    claims: list[Claim] = Field(default_factory=list, description="What the source is reported to say.")
    mentions: list[Span]

    @property
    def cue_span(self) -> Span | None:
        """The cue where the source is first cited, when the record gives its offsets."""
        if self.cue_start is None or self.cue_end is None:
            return None
        return Span(start=self.cue_start, end=self.cue_end, text=self.cue)


class Record(Strict):
    schema_version: Literal["1"] = SCHEMA_VERSION
    id: str
    published: dt.date | None = None
    published_from: PublishedFrom | None = Field(default=None, description="Where the publication date came from.")
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    prisoner_counts: list[PrisonerCount] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="Problems with the input that did not stop it.")
    encoding: str | None = Field(default=None, description="The encoding the input was decoded from.")
    text: str | None = Field(default=None, description="The analysed text, with --include-text.")


def json_schema() -> dict:
    return Record.model_json_schema()
