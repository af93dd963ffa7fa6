"""Stories: the events of many articles that report one happening, grouped, with every figure given for it.

Each event an article reports becomes a `Report`: its kind, the days its date allows (an undated event
is dated by the days just before publication: it was reported then), the people and organizations the
article names, and the places named in the event's sentence. An article's reports of one kind family
whose dates agree form a part; its main part is the one its headline and lead say most of (events and
figures weighted by SECTION_WEIGHTS), and that part is placed by the article's headline, dateline and
lead too. Parts go into stories greedily, most precisely dated first: the main parts, then small stories
merged into larger ones that fit them, then the other parts. A part joins the story of its kind family
(KIND_FAMILIES: a pardon reported elsewhere as a release is one happening) whose dates can all be true
with its own (at their precision, give or take TOLERANCE_DAYS) that shares the most with it: actors
weighted by how specific their names are (SPECIFICITY), a place (another place costs PLACE_CONFLICT),
figures of the same people that agree (COUNT_EVIDENCE). Candidates are looked up by kind, month and
actor or place, so the cost grows with the number of reports, not with its square.

Figures: every prisoner count an article gives for a story, with the source it is attributed to; two
figures of the same status and group disagree when their bounds cannot both be true.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from .intervals import date_range
from .models import Record

# kinds that name no happening of their own: speech acts, and verbs that dated nothing known
LEFT_OUT_KINDS = {"statement", "other", "birth"}
# kinds that report one happening in different words; a kind not listed is a family of its own
KIND_FAMILIES = {
    "pardon": "release",
    "exchange": "release",
    "return": "release",
    "arrest": "detention",
    "protest": "detention",  # a protest is news here for the detentions at it
    "conviction": "sentence",
}
# other names of a country, as the first word of a place's key
PLACE_ALIASES = {"рф": "росс", "беларус": "белорусс", "рб": "белорусс", "соединенн": "сша", "британ": "великобритан"}
# the family of the event a count of this status belongs to
STATUS_FAMILIES = {
    "released": "release",
    "pardoned": "release",
    "exchanged": "release",
    "planned_release": "release",
    "detained": "detention",
    "held": "detention",
    "sentenced": "sentence",
}
TOLERANCE_DAYS = 1  # half days each side: precise dates a day apart agree (time zones, «в ночь на»)
UNDATED_DAYS = 3  # an undated event happened on the publication day or this many days before
WIDEST_DAYS = 400  # a date vaguer than this (a decade, «в последние годы») places nothing in time
PLACE_CONFLICT = 2.0  # what naming different places costs a report against a story
MAIN_PLACE_SHARE = 0.3  # a story's places are those named by at least this share of its reports that name one
MIN_SCORE = 0.5  # a report joins no story it shares less with
MIN_PREFIX = 4  # «сомал» and «сомалийск» are one place
COUNT_EVIDENCE = 0.5  # what figures of the same status and people, with bounds that agree, add to a match
SMALL_STORY = 1  # a story of this many articles or fewer is merged into a larger one that fits it
SECTION_WEIGHTS = (3, 2, 1)  # of what the headline, the lead and the rest of an article report
SHORT_LEAD = 80  # a first paragraph shorter than this (a dateline alone) leads with the next one too
# how much naming the same actor tells: a person by full name, by surname only, anything else
SPECIFICITY = {"full name": 1.0, "surname": 0.7, "other": 0.5}
COMMON_SHARE = 0.5  # an actor named in more than this share of the articles links nothing by itself
MIN_ARTICLES_FOR_COMMON = 10
PRECISION_ORDER = {"day": 0, "range": 1, "month": 2, "year": 3, "published": 4}
# Russian case and number endings, longest first: names the extractor left inflected still match
ENDINGS = tuple(
    sorted(
        "ами ями ого его ому ему ыми ими ой ей ом ем ах ях ую юю ая яя ое ее ые ие ый ий ов ев "
        "а я о е у ю ы и ь й".split(),
        key=len,
        reverse=True,
    )
)
WORD_RE = re.compile(r"\w+")
SENTENCE_END_RE = re.compile(r"[.!?…]+[»\"”)]*\s+|\n+")
GENERIC_GROUPS = {"человек", "люд", "лиц", "граждан", "заключенн"}
# a dateline's city in capitals at the start of the lead: «ДУШАНБЕ, 5 ноября. /ТАСС/.»
DATELINE_CITY_RE = re.compile(r"\s*([A-ZА-ЯЁ][A-ZА-ЯЁ\-]+(?: [A-ZА-ЯЁ\-]+)*)\s*,")


# --- reports ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A prisoner count as one article gives it, with whom it is attributed to."""

    article: str
    index: int  # into the record's prisoner_counts
    text: str
    low: int | None
    high: int | None
    qualifier: str
    status: str
    group: str | None
    event: str | None
    published: dt.date | None
    source: str | None = None
    source_kind: str | None = None
    weight: int = 1  # SECTION_WEIGHTS of where the article gives it

    @property
    def key(self) -> tuple[str, int]:
        return self.article, self.index

    def label(self) -> str:
        """«31 украинца (Reuters, 2025-11-22)»"""
        said = ", ".join(part for part in (self.source or self.article, str(self.published or "")) if part)
        return f"{self.text} ({said})"


@dataclass
class Report:
    """One event as one article reports it."""

    article: str
    event: str
    kind: str
    lemma: str
    position: int
    first: dt.date
    last: dt.date
    precision: str  # the date's, or "published" when the event is dated by its article's publication
    date_value: str | None
    published: dt.date | None
    actors: frozenset[str]
    places: frozenset[str]
    names: dict[str, str] = field(default_factory=dict)  # actor key -> name as written
    weight: int = 1  # SECTION_WEIGHTS of where the article reports it
    lead_places: frozenset[str] = frozenset()  # the places of its article's dateline, headline and lead
    specificity: dict[str, float] = field(default_factory=dict)  # actor key -> SPECIFICITY of its name

    @property
    def family(self) -> str:
        return KIND_FAMILIES.get(self.kind, self.kind)

    @property
    def key(self) -> tuple[str, str]:
        return self.article, self.event


def reports_of(record: Record) -> list[Report]:
    """The record's events that can be placed in time, as reports (speech acts and the like left out)."""
    names = actor_names(record)
    article_actors = frozenset(key for key, (kind, _) in names.items() if kind != "location")
    specificity = {key: specificity_of(kind, name) for key, (kind, name) in names.items()}
    bounds = sections(record.text)
    lead_places = places_in(record, 0, bounds[1]) | dateline_place(record.text, bounds[0])
    reports = []
    for event in record.events:
        if event.kind in LEFT_OUT_KINDS:
            continue
        dated = event_days(event, record.published)
        if dated is None:
            continue
        (first, last), precision = dated
        reports.append(
            Report(
                article=record.id,
                event=event.id,
                kind=event.kind,
                lemma=event.lemma,
                position=event.trigger.start,
                first=first,
                last=last,
                precision=precision,
                date_value=event.date.value if event.date else None,
                published=record.published,
                actors=article_actors,
                places=places_near(record, event.trigger.start),
                names={key: name for key, (_, name) in names.items()},
                weight=section_weight(event.trigger.start, bounds),
                lead_places=lead_places,
                specificity=specificity,
            )
        )
    return reports


def event_days(event, published: dt.date | None) -> tuple[tuple[dt.date, dt.date], str] | None:
    if event.date is not None:
        days = date_range(event.date.value)
        if days and (days[1] - days[0]).days <= WIDEST_DAYS:
            return days, event.date.precision
        return None
    if published is None:
        return None
    return (published - dt.timedelta(days=UNDATED_DAYS), published), "published"


def actor_names(record: Record) -> dict[str, tuple[str, str]]:
    """actor key -> (type, name) for the record's actors named by name: «пресс-служба» could be anyone's."""
    return {
        actor_key(actor.name, actor.type): (actor.type, actor.name)
        for actor in record.actors
        if any(mention.kind == "name" for mention in actor.mentions)
    }


def actor_key(name: str, kind: str) -> str:
    """The same actor under the names different articles give it: a person by surname, others by every word."""
    words = [stem(word) for word in WORD_RE.findall(name.casefold().replace("ё", "е"))]
    if kind == "person":
        words = words[-1:]
    return f"{kind[:1]}:{' '.join(words)}"


@cache
def stem(word: str) -> str:
    for _ in range(2):
        ending = next((e for e in ENDINGS if word.endswith(e) and len(word) - len(e) >= 4), None)
        if ending is None:
            break
        word = word[: -len(ending)]
    return word


# words that name a kind of place, not a place: «Псковская область» and «Курская область» share no place
GENERIC_PLACE_WORDS = frozenset(stem(word) for word in "область район город республика край округ регион".split())


def specificity_of(kind: str, name: str) -> float:
    if kind != "person":
        return SPECIFICITY["other"]
    return SPECIFICITY["full name" if len(WORD_RE.findall(name)) > 1 else "surname"]


def sections(text: str | None) -> tuple[int, int]:
    """Where the headline (the first line) and the lead (the first paragraph after it) end; (0, 0) without text."""
    if not text:
        return 0, 0
    headline = text.find("\n")
    if headline < 0:
        return len(text), len(text)
    end = headline
    while (start := next_paragraph(text, end)) is not None:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start >= SHORT_LEAD:
            break
    return headline, end


def next_paragraph(text: str, offset: int) -> int | None:
    match = re.compile(r"\S").search(text, offset)
    return match.start() if match else None


def section_weight(offset: int, bounds: tuple[int, int]) -> int:
    headline, lead = bounds
    return SECTION_WEIGHTS[0 if offset < headline else 1 if offset < lead else 2]


def dateline_place(text: str | None, headline: int) -> frozenset[str]:
    """The words of the city of a dateline that opens the lead, in capitals: «ДУШАНБЕ, 5 ноября. /ТАСС/.»"""
    start = next_paragraph(text or "", headline)
    match = DATELINE_CITY_RE.match(text, start) if start is not None else None
    return place_words(match.group(1)) if match else frozenset()


def place_words(name: str) -> frozenset[str]:
    words = (PLACE_ALIASES.get(word, word) for word in actor_key(name, "location")[2:].split())
    return frozenset(word for word in words if word not in GENERIC_PLACE_WORDS)


def places_near(record: Record, offset: int) -> frozenset[str]:
    """The words of the places named in the sentence of `offset` (without the text: a few hundred characters)."""
    return places_in(record, *sentence_around(record.text, offset))


def places_in(record: Record, start: int, end: int) -> frozenset[str]:
    return frozenset(
        word
        for actor in record.actors
        if actor.type == "location" and any(start <= m.start < end for m in actor.mentions)
        for word in place_words(actor.name)
    )


def sentence_around(text: str | None, offset: int, reach: int = 200) -> tuple[int, int]:
    if text is None:
        return offset - reach, offset + reach
    start = max((m.end() for m in SENTENCE_END_RE.finditer(text, 0, offset)), default=0)
    following = SENTENCE_END_RE.search(text, offset)
    return start, following.start() if following else len(text)


def figures_of(record: Record) -> list[Figure]:
    bounds = sections(record.text)
    said_by = {}
    for source in record.sources:
        for claim in source.claims:
            for index in claim.counts:
                said_by.setdefault(index, source)
    figures = []
    for index, count in enumerate(record.prisoner_counts):
        source = said_by.get(index)
        figures.append(
            Figure(
                article=record.id,
                index=index,
                text=count.text,
                low=count.low,
                high=count.high,
                qualifier=count.qualifier,
                status=count.status,
                group=count.group,
                event=count.event,
                published=record.published,
                source=source.name if source else None,
                source_kind=source.kind if source else None,
                weight=section_weight(count.start, bounds),
            )
        )
    return figures


# --- stories -----------------------------------------------------------------------------------------------------


@dataclass
class Story:
    """Reports of one happening: first those of one article, then those of every article that reports it.

    `low` and `high` bound, in half days, the time every report allows (a precise date allows half a
    day on each side, so dates a day apart agree and dates two days apart do not).
    """

    id: int
    reports: list[Report] = field(default_factory=list)
    low: int = -(10**9)
    high: int = 10**9
    actors: Counter = field(default_factory=Counter)  # actor key -> articles that name it
    specificity: dict[str, float] = field(default_factory=dict)  # actor key -> SPECIFICITY of its fullest name
    places: Counter = field(default_factory=Counter)  # place word -> parts that name it
    placed: int = 0  # parts that name a place
    lead: bool = False  # (of one article's reports) they are its main event, so its lead's places are theirs
    evidence: list[Figure] = field(default_factory=list)  # (while grouping) figures of the reports' people
    figures: list[Figure] = field(default_factory=list)
    conflicts: list[tuple[Figure, Figure]] = field(default_factory=list)
    seen: dict[str, None] = field(default_factory=dict)  # its articles, in order

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.seen[report.article] = None
        low, high = half_days(report)
        self.low, self.high = max(self.low, low), min(self.high, high)
        if len(self.seen) == 1:
            self.actors = Counter(report.actors)
            self.specificity = dict(report.specificity)

    def merge(self, other: Story) -> None:
        self.reports.extend(other.reports)
        self.seen.update(other.seen)
        self.low, self.high = max(self.low, other.low), min(self.high, other.high)
        where = other.where()
        if other.id or not where:  # a story, or a part that names no place
            self.places.update(other.places)
            self.placed += other.placed
        else:
            self.places.update(where)
            self.placed += 1
        self.actors.update(other.actors)
        for key, value in other.specificity.items():
            self.specificity[key] = max(value, self.specificity.get(key, 0.0))
        self.evidence.extend(other.evidence)

    def fits(self, report: Report) -> bool:
        low, high = half_days(report)
        return low <= self.high and self.low <= high

    def where(self) -> set[str]:
        """(Of a part) the places of its events' sentences, and of its article's lead if it is the main event."""
        words = {word for report in self.reports for word in report.places}
        return words | set(self.reports[0].lead_places) if self.lead else words

    def main_places(self) -> set[str]:
        """Place words named by at least a share of the parts that name a place."""
        return {word for word, n in self.places.items() if n >= MAIN_PLACE_SHARE * self.placed}

    def weight(self) -> int:
        """(Of a part) how much its article says of it: its events and the figures of its people, by section."""
        return sum(report.weight for report in self.reports) + sum(figure.weight for figure in self.evidence)

    @property
    def articles(self) -> list[str]:
        return list(self.seen)

    @property
    def kind(self) -> str:
        return Counter(report.kind for report in self.reports).most_common(1)[0][0]

    @property
    def family(self) -> str:
        return self.reports[0].family

    @property
    def precision(self) -> int:
        return min(PRECISION_ORDER.get(report.precision, 5) for report in self.reports)

    @property
    def start(self) -> dt.date:
        return min(report.first for report in self.dated())

    @property
    def end(self) -> dt.date:
        return max(report.last for report in self.dated())

    def dated(self) -> list[Report]:
        return [r for r in self.reports if r.precision != "published"] or self.reports

    def names(self, most: int = 4, *, places: bool = False) -> list[str]:
        """The actors (or the places) the story's reports name most often, as first written."""
        named: Counter = Counter()
        written: dict[str, str] = {}
        for report in self.reports:
            for key, name in report.names.items():
                if key.startswith("l:") == places:
                    named[key] += 1
                    written.setdefault(key, name)
        return [written[key] for key, _ in sorted(named.items(), key=lambda item: (-item[1], written[item[0]]))][:most]

    def title(self) -> str:
        return f"{self.kind}, {self.dates()}: " + ", ".join(self.names(1, places=True) + self.names(3))

    def dates(self) -> str:
        values = Counter(r.date_value for r in self.reports if r.precision != "published" and r.date_value)
        if values:
            return values.most_common(1)[0][0]
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def half_days(report: Report) -> tuple[int, int]:
    """The report's days in half days, widened by the tolerance of a precise date."""
    slack = TOLERANCE_DAYS if report.precision in ("day", "range") else 0
    return 2 * report.first.toordinal() - slack, 2 * report.last.toordinal() + 1 + slack


@dataclass
class Clustering:
    stories: list[Story]
    lead: dict[str, int]  # article -> the story of its main event (the one its headline and lead report most)


def cluster(records: Iterable[Record]) -> Clustering:
    """Stories over the records' events, with their figures; the same records always give the same stories."""
    reports, figures = [], {}
    for record in records:
        reports.extend(reports_of(record))
        figures[record.id] = figures_of(record)
    stories, mains = group(reports, figures)
    for story in stories:
        story.figures = story_figures(story, figures)
        story.conflicts = disagreements(story.figures)
    story_of = {report.key: story.id for story in stories for report in story.reports}
    return Clustering(stories, {article: story_of[part.reports[0].key] for article, part in sorted(mains.items())})


def group(reports: list[Report], figures: dict[str, list[Figure]]) -> tuple[list[Story], dict[str, Story]]:
    """Stories of the articles' main events first, the small ones then merged into larger ones that fit them,
    and last the other events: each article's reports of one happening as a part, matched across articles."""
    common = common_actors(reports)
    parts = article_groups(reports)
    for part in parts:
        part.evidence = story_figures(part, figures)
    mains = main_parts(parts)
    stories: list[Story] = []
    index: dict[tuple, dict[int, Story]] = defaultdict(dict)
    for part in sorted(mains.values(), key=order):
        join(part, stories, index, common)
    stories = absorb_small(stories, common)
    index = defaultdict(dict)
    for story in stories:
        add_to_index(story, story, index, common)
    chosen = {id(part) for part in mains.values()}
    for part in sorted((part for part in parts if id(part) not in chosen), key=order):
        join(part, stories, index, common)
    for number, story in enumerate(stories, 1):
        story.id = number
    return stories, mains


def join(part: Story, stories: list[Story], index: dict, common: set[str]) -> None:
    story = best_story(part, index, common)
    if story is None:
        story = Story(id=max((s.id for s in stories), default=0) + 1)
        stories.append(story)
    story.merge(part)
    add_to_index(part, story, index, common)


def add_to_index(part: Story, story: Story, index: dict, common: set[str]) -> None:
    """The story, found from now on by the keys of the part (or story) it has taken in."""
    for key in block_keys(part, common):
        index[key][story.id] = story


def article_groups(reports: list[Report]) -> list[Story]:
    """Per article, reports of one family whose dates agree, most precisely dated first."""
    groups: dict[str, list[Story]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: (r.article, PRECISION_ORDER.get(r.precision, 5), r.position)):
        mine = groups[report.article]
        part = next((g for g in mine if g.family == report.family and g.fits(report)), None)
        if part is None:
            part = Story(id=0)
            mine.append(part)
        part.add(report)
    return [part for parts in groups.values() for part in parts]


def main_parts(parts: list[Story]) -> dict[str, Story]:
    """article -> its main event: the part its headline and lead say most of (of two, the one said first)."""
    mains: dict[str, Story] = {}
    for part in parts:
        article = part.reports[0].article
        if article not in mains or main_order(part) < main_order(mains[article]):
            mains[article] = part
    for part in mains.values():
        part.lead = True
    return mains


def main_order(part: Story) -> tuple[int, int]:
    return -part.weight(), min(report.position for report in part.reports)


def absorb_small(stories: list[Story], common: set[str]) -> list[Story]:
    """Each story of few articles merged into the larger story of its family that fits it best, if one does."""
    index: dict[tuple, dict[int, Story]] = defaultdict(dict)
    for story in stories:
        add_to_index(story, story, index, common)
    kept = {story.id: story for story in stories}
    for small in sorted(stories, key=lambda s: (len(s.seen), s.id)):
        if len(small.seen) > SMALL_STORY:
            break
        candidates = {n: s for key in block_keys(small, common) for n, s in index[key].items() if n in kept}
        larger = [s for _, s in sorted(candidates.items()) if len(s.seen) > len(small.seen)]
        best = best_of(small, larger, common)
        if best is not None:
            best.merge(small)
            del kept[small.id]
            add_to_index(small, best, index, common)
    return list(kept.values())


def order(part: Story) -> tuple:
    first = part.reports[0]
    return part.precision, part.low, part.high, first.article, first.position


def common_actors(reports: list[Report]) -> set[str]:
    """Actors named in most articles («Россия», «МВД»): too common to tell one happening from another."""
    by_article = {report.article: report.actors for report in reports}
    if len(by_article) < MIN_ARTICLES_FOR_COMMON:
        return set()
    counts = Counter(key for actors in by_article.values() for key in actors)
    return {key for key, n in counts.items() if n > COMMON_SHARE * len(by_article)}


def block_keys(part: Story, common: set[str]) -> list[tuple]:
    places = part.where() if not part.id else part.main_places()
    keys = (set(part.actors) - common) | {f"l:{word}" for word in places}
    return [(part.family, month, key) for month in months(part.low, part.high) for key in keys]


def months(low: int, high: int) -> list[tuple[int, int]]:
    first, last = dt.date.fromordinal(max(1, low // 2)), dt.date.fromordinal(high // 2)
    return [(n // 12, n % 12 + 1) for n in range(first.year * 12 + first.month - 1, last.year * 12 + last.month)]


def best_story(part: Story, index: dict, common: set[str]) -> Story | None:
    candidates = {n: story for key in block_keys(part, common) for n, story in index.get(key, {}).items()}
    return best_of(part, [story for _, story in sorted(candidates.items())], common)


def best_of(part: Story, stories: list[Story], common: set[str]) -> Story | None:
    """The story of the part's family whose dates fit and which shares the most with it (more than MIN_SCORE)."""
    best, best_score = None, MIN_SCORE
    for story in stories:
        if story.family != part.family or part.low > story.high or story.low > part.high:
            continue
        score = similarity(part, story, common)
        if score > best_score:
            best, best_score = story, score
    return best


def similarity(part: Story, story: Story, common: set[str]) -> float:
    """Shared actors, each weighted by how specific its name is and by the share of the story's articles that
    name it; shared or other places; figures of the same people that agree."""
    articles = len(story.seen)
    score = sum(
        story.specificity.get(key, SPECIFICITY["other"]) * math.sqrt(story.actors[key] / articles)
        for key in set(part.actors) - common
        if key in story.actors
    )
    mine, theirs = (part.where() if not part.id else part.main_places()), story.main_places()
    if mine and theirs:
        score += 1.0 if same_place(mine, theirs) else -PLACE_CONFLICT
    if any(agree(one, other) for one in part.evidence for other in story.evidence if one.article != other.article):
        score += COUNT_EVIDENCE
    return score


def same_place(one: Iterable[str], other: Iterable[str]) -> bool:
    """Whether two sets of place words share one, or one word begins the other («сомал», «сомалийск»)."""
    return any(a.startswith(b) or b.startswith(a) for a in one for b in other if min(len(a), len(b)) >= MIN_PREFIX)


# --- figures ---------------------------------------------------------------------------------------------------


def story_figures(story: Story, figures: dict[str, list[Figure]]) -> list[Figure]:
    """The counts of the story's events, and the article's counts tied to no event whose status fits the story."""
    events = defaultdict(set)
    for report in story.reports:
        events[report.article].add(report.event)
    chosen = []
    for article, ids in events.items():
        for figure in figures.get(article, []):
            if figure.event in ids or (figure.event is None and STATUS_FAMILIES.get(figure.status) == story.family):
                chosen.append(figure)
    return sorted(chosen, key=lambda f: (f.published or dt.date.min, f.article, f.index))


def disagreements(figures: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Pairs of figures of one status and group whose bounds cannot both be true."""
    pairs = []
    for n, one in enumerate(figures):
        for other in figures[n + 1 :]:
            if one.article != other.article and comparable(one, other) and not overlap(one, other):
                pairs.append((one, other))
    return pairs


def comparable(one: Figure, other: Figure) -> bool:
    """Counts of the same people in the same state: freed is freed, whether by release, pardon or exchange."""
    freed = ("released", "pardoned", "exchanged")
    same_state = one.status == other.status or (one.status in freed and other.status in freed)
    return same_state and same_group(one.group, other.group)


def agree(one: Figure, other: Figure) -> bool:
    """Figures that are evidence of one happening: the same people, named alike, in the same state, in bounds
    that can both be true."""
    return comparable(one, other) and bool(group_words(one.group) & group_words(other.group)) and overlap(one, other)


def group_words(group: str | None) -> frozenset[str]:
    """The words of a group that say who is counted («украинцев»), without the generic ones («человек»)."""
    return all_group_words(group) - GENERIC_GROUPS


@cache
def all_group_words(group: str | None) -> frozenset[str]:
    return frozenset(stem(word) for word in WORD_RE.findall((group or "").casefold().replace("ё", "е")))


def same_group(one: str | None, other: str | None) -> bool:
    """Groups that count the same people: both unnamed or generic («человек»), or sharing a word («украинцев»)."""
    words = [all_group_words(one), all_group_words(other)]
    if all(not w or w & GENERIC_GROUPS for w in words):
        return True
    return bool(words[0] & words[1])


def overlap(one: Figure, other: Figure) -> bool:
    low = max(one.low if one.low is not None else -math.inf, other.low if other.low is not None else -math.inf)
    high = min(one.high if one.high is not None else math.inf, other.high if other.high is not None else math.inf)
    return low <= high


# --- measuring against gold stories -------------------------------------------------------------------------------


@dataclass
class BCubed:
    precision: float
    recall: float
    items: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> BCubed:
    """B-cubed precision and recall of a clustering of items (item -> cluster) against gold clusters.

    Items missing from `predicted` count as clusters of their own; only the gold's items are scored.
    """
    items = sorted(gold)
    cluster_of = {item: predicted.get(item, f"alone:{item}") for item in items}
    by_predicted, by_gold = defaultdict(set), defaultdict(set)
    for item in items:
        by_predicted[cluster_of[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same_predicted, same_gold = by_predicted[cluster_of[item]], by_gold[gold[item]]
        both = len(same_predicted & same_gold)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    n = len(items)
    return BCubed(precision / n if n else 0.0, recall / n if n else 0.0, n)


@dataclass
class StoriesReport:
    """`claims eval --stories`: each article's predicted story (of its main event) against the gold one."""

    scores: BCubed
    gold: dict[str, str]  # article -> gold story id
    predicted: dict[str, str]  # article -> predicted story id
    stories: int  # predicted stories that hold at least one scored article
    titles: dict[str, str] = field(default_factory=dict)  # predicted story id -> title


def read_gold(path) -> dict[str, str]:
    """article -> story id, from a gold.json of {"stories": [{"id", "articles": [...]}, ...]}."""
    import json
    from pathlib import Path

    from .evaluate import GoldError

    path = Path(path)
    try:
        stories = json.loads(path.read_text(encoding="utf-8"))["stories"]
        pairs = [(str(article), str(story["id"])) for story in stories for article in story["articles"]]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise GoldError(str(path), f"not a stories gold file ({type(error).__name__}: {error})") from None
    gold: dict[str, str] = {}
    for article, story in pairs:
        if gold.setdefault(article, story) != story:
            raise GoldError(str(path), f"article {article} is in two stories ({gold[article]}, {story})")
    return gold


def evaluate_stories(records: Iterable[Record], gold: dict[str, str]) -> StoriesReport:
    clustering = cluster(records)
    predicted = {article: f"S{story}" for article, story in clustering.lead.items()}
    titles = {f"S{story.id}": story.title() for story in clustering.stories}
    used = {predicted[article] for article in gold if article in predicted}
    return StoriesReport(bcubed(predicted, gold), gold, predicted, len(used), titles)
