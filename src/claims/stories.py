"""Stories: the events of many articles that report one happening, grouped, with every figure given for it.

Each event an article reports becomes a `Report`: its kind, the days its date allows (an undated event
is dated by the days just before publication), the people and organizations the article names, and
the places named in the event's sentence. Reports go into stories greedily, most precisely dated
first. A report joins the story it shares the most actors with, among those of a compatible kind
(KIND_FAMILIES: a pardon reported elsewhere as a release is one happening) whose dates can all be true
with its own (at their precision, give or take TOLERANCE_DAYS) and whose places do not exclude its own.
Candidates are looked up by kind, month and actor, so the cost grows with the number of reports,
not with its square.

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
    "sentenced": "sentence",
}
TOLERANCE_DAYS = 1  # half days each side: precise dates a day apart agree (time zones, «в ночь на»)
UNDATED_DAYS = 3  # an undated event happened on the publication day or this many days before
WIDEST_DAYS = 400  # a date vaguer than this (a decade, «в последние годы») places nothing in time
PLACE_CONFLICT = 2.0  # what naming different places costs a report against a story
MAIN_PLACE_SHARE = 0.3  # a story's places are those named by at least this share of its reports that name one
MIN_SCORE = 0.5  # a report joins no story it shares less with
MIN_PREFIX = 4  # «сомал» and «сомалийск» are one place
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


def stem(word: str) -> str:
    for _ in range(2):
        ending = next((e for e in ENDINGS if word.endswith(e) and len(word) - len(e) >= 4), None)
        if ending is None:
            break
        word = word[: -len(ending)]
    return word


def places_near(record: Record, offset: int) -> frozenset[str]:
    """The words of the places named in the sentence of `offset` (without the text: a few hundred characters)."""
    start, end = sentence_around(record.text, offset)
    return frozenset(
        PLACE_ALIASES.get(word, word)
        for actor in record.actors
        if actor.type == "location" and any(start <= m.start < end for m in actor.mentions)
        for word in actor_key(actor.name, actor.type)[2:].split()
    )


def sentence_around(text: str | None, offset: int, reach: int = 200) -> tuple[int, int]:
    if text is None:
        return offset - reach, offset + reach
    start = max((m.end() for m in SENTENCE_END_RE.finditer(text, 0, offset)), default=0)
    following = SENTENCE_END_RE.search(text, offset)
    return start, following.start() if following else len(text)


def figures_of(record: Record) -> list[Figure]:
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
    places: Counter = field(default_factory=Counter)  # place word -> reports that name it
    placed: int = 0  # reports that name a place
    figures: list[Figure] = field(default_factory=list)
    conflicts: list[tuple[Figure, Figure]] = field(default_factory=list)

    def add(self, report: Report) -> None:
        self.reports.append(report)
        low, high = half_days(report)
        self.low, self.high = max(self.low, low), min(self.high, high)
        self.places.update(report.places)
        self.placed += bool(report.places)
        if len(self.articles) == 1:
            self.actors = Counter(report.actors)

    def merge(self, other: Story) -> None:
        self.reports.extend(other.reports)
        self.low, self.high = max(self.low, other.low), min(self.high, other.high)
        self.places.update(other.places)
        self.placed += other.placed
        self.actors.update(other.actors)

    def fits(self, report: Report) -> bool:
        low, high = half_days(report)
        return low <= self.high and self.low <= high

    def main_places(self) -> set[str]:
        """Place words named by at least a share of the reports that name a place."""
        return {word for word, n in self.places.items() if n >= MAIN_PLACE_SHARE * self.placed}

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(report.article for report in self.reports))

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
    lead: dict[str, int]  # article -> the story it reports most about


def cluster(records: Iterable[Record]) -> Clustering:
    """Stories over the records' events, with their figures; the same records always give the same stories."""
    reports, figures = [], {}
    for record in records:
        reports.extend(reports_of(record))
        figures[record.id] = figures_of(record)
    stories = group(reports)
    for story in stories:
        story.figures = story_figures(story, figures)
        story.conflicts = disagreements(story.figures)
    return Clustering(stories, leads(stories))


def group(reports: list[Report]) -> list[Story]:
    """Each article's reports of one happening first, then those groups across articles."""
    common = common_actors(reports)
    stories: list[Story] = []
    index: dict[tuple, list[Story]] = defaultdict(list)
    for part in sorted(article_groups(reports), key=order):
        story = best_story(part, index, common)
        if story is None:
            story = Story(id=len(stories) + 1)
            stories.append(story)
        story.merge(part)
        for key in block_keys(part, common):
            if story not in index[key]:
                index[key].append(story)
    return stories


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
    keys = (set(part.actors) - common) | {f"l:{word}" for word in part.main_places()}
    return [(part.family, month, key) for month in months(part.low, part.high) for key in keys]


def months(low: int, high: int) -> list[tuple[int, int]]:
    first, last = dt.date.fromordinal(max(1, low // 2)), dt.date.fromordinal(high // 2)
    return [(n // 12, n % 12 + 1) for n in range(first.year * 12 + first.month - 1, last.year * 12 + last.month)]


def best_story(part: Story, index: dict, common: set[str]) -> Story | None:
    candidates = {story.id: story for key in block_keys(part, common) for story in index.get(key, ())}
    best, best_score = None, MIN_SCORE
    for _, story in sorted(candidates.items()):
        if part.low > story.high or story.low > part.high:
            continue
        score = similarity(part, story, common)
        if score > best_score:
            best, best_score = story, score
    return best


def similarity(part: Story, story: Story, common: set[str]) -> float:
    """Shared actors, each weighted by the share of the story's articles that name it; shared or other places."""
    articles = len(story.articles)
    score = sum(math.sqrt(story.actors[key] / articles) for key in set(part.actors) - common if key in story.actors)
    mine, theirs = part.main_places(), story.main_places()
    if mine and theirs:
        score += 1.0 if same_place(mine, theirs) else -PLACE_CONFLICT
    return score


def same_place(one: Iterable[str], other: Iterable[str]) -> bool:
    """Whether two sets of place words share one, or one word begins the other («сомал», «сомалийск»)."""
    return any(a.startswith(b) or b.startswith(a) for a in one for b in other if min(len(a), len(b)) >= MIN_PREFIX)


def leads(stories: list[Story]) -> dict[str, int]:
    """Each article's story: the one it reports most events of (of two, the one it reports first)."""
    weight: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    for story in stories:
        for report in story.reports:
            reports, first = weight[report.article].get(story.id, (0, 0))
            earliest = max(first, -report.position) if reports else -report.position
            weight[report.article][story.id] = (reports + 1, earliest)
    return {article: max(by_story, key=by_story.__getitem__) for article, by_story in sorted(weight.items())}


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


def same_group(one: str | None, other: str | None) -> bool:
    """Groups that count the same people: both unnamed or generic («человек»), or sharing a word («украинцев»)."""
    words = [{stem(w) for w in WORD_RE.findall((g or "").casefold().replace("ё", "е"))} for g in (one, other)]
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
    """`claims eval --stories`: each article's predicted story (of its first event) against the gold one."""

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
