"""Self-contained HTML pages from Jinja2 templates: one article with its highlights, and a batch overview.

Everything a page needs (CSS, JS, the timeline chart as inline SVG) is inside it, so it opens offline.
Templates autoescape, so article text and extracted values can never become markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from ..intervals import date_range
from ..models import Record
from .highlight import COLOURS, KINDS, Highlights, Mark, bounds, highlight, shorten
from .views import record_views

ASSETS = ("style.css", "show.js")
STATUS_COLOURS = {
    "held": "#6a3d9a",
    "detained": "#e31a1c",
    "sentenced": "#b15928",
    "released": "#33a02c",
    "pardoned": "#1f78b4",
    "exchanged": "#ff7f00",
    "planned_release": "#a6a6a6",
}
EVENT_COLOUR = "#444"
TOP_SOURCES, TOP_ACTORS = 25, 30


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claims.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(assets=assets(), palette=palette(), bounds=bounds, zip=zip)
    return env


def palette() -> list[tuple[str, str | None, str]]:
    """(kind, background, a darker shade for underlines) for the page's CSS."""
    return [(kind, colour, darker(colour or "#777777")) for kind, colour in COLOURS.items()]


def darker(colour: str, factor: float = 0.55) -> str:
    red, green, blue = (int(colour[at : at + 2], 16) for at in (1, 3, 5))
    return "#" + "".join(f"{round(part * factor):02x}" for part in (red, green, blue))


def assets() -> dict[str, Markup]:
    """Our own CSS and JS, inlined as they are (they are not templates, and not user text)."""
    folder = importlib.resources.files("claims.render") / "templates"
    return {name: Markup((folder / name).read_text(encoding="utf-8")) for name in ASSETS}


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("claims")
    except PackageNotFoundError:
        return "dev"


# --- one article -------------------------------------------------------------------------------------------


def show_page(record: Record, text: str) -> str:
    highlights = highlight(record, text)
    template = environment().get_template("show.html.j2")
    return template.render(
        record=record,
        highlights=highlights,
        legend=legend(highlights),
        marks={mark.id: mark_data(mark) for mark in highlights.marks},
        tables=record_views(record),
        version=version(),
    )


def legend(highlights: Highlights) -> list[tuple[str, str, str, int]]:
    counts = Counter(mark.kind for mark in highlights.marks)
    return [(kind, title, about, counts[kind]) for kind, (title, about) in KINDS.items()]


def mark_data(mark: Mark) -> dict:
    return {"kind": mark.kind, "title": mark.title, "label": mark.label, "text": shorten(mark.text),
            "details": list(mark.details)}  # fmt: skip


# --- a batch overview --------------------------------------------------------------------------------------


@dataclass
class SourceRow:
    name: str
    affiliation: str = ""
    kinds: Counter = field(default_factory=Counter)
    articles: dict = field(default_factory=dict)  # record ids in order, as an ordered set
    mentions: int = 0
    claims: int = 0

    @property
    def kind_names(self) -> str:
        return ", ".join(kind for kind, _ in self.kinds.most_common())


@dataclass
class ActorRow:
    name: str
    type: str
    articles: dict = field(default_factory=dict)
    mentions: int = 0


def report_page(
    records: Sequence[Record], *, title: str, problems: Sequence[str] = (), clustering=None, links=None
) -> str:
    """The batch overview; with a clustering (`stories.cluster`), its stories and the sources' profiles too."""
    sources, actors, line = cited_sources(records), actor_rows(records), timeline(records)
    anchors = article_anchors(records)
    template = environment().get_template("report.html.j2")
    return template.render(
        title=title,
        records=records,
        problems=problems,
        sources=sources[:TOP_SOURCES],
        source_count=len(sources),
        kinds=source_kinds(records),
        actors=actors[:TOP_ACTORS],
        actor_count=len(actors),
        timeline=line,
        chart=timeline_chart(line, anchors),
        anchors=anchors,
        version=version(),
        **stories_context(records, clustering, links),
    )


def article_anchors(records: Iterable[Record]) -> dict[str, str]:
    """Each record id's anchor in the page's table of articles (by position: ids may hold any character)."""
    anchors: dict[str, str] = {}
    for number, record in enumerate(records, 1):
        anchors.setdefault(record.id, f"article-{number}")
    return anchors


def stories_context(records: Sequence[Record], clustering, links) -> dict:
    from .stories_html import CHART_HEIGHT, CHART_WIDTH, KIND_COLOURS, source_profiles, story_views

    if clustering is None:
        return {"stories": None, "profiles": None}
    return {
        "stories": story_views(clustering, links),
        "profiles": source_profiles(records, clustering),
        "story_colours": [(kind or "the article itself", colour) for kind, colour in KIND_COLOURS.items()],
        "chart_size": (CHART_WIDTH, CHART_HEIGHT),
    }


def cited_sources(records: Iterable[Record]) -> list[SourceRow]:
    rows: dict[tuple[str, str, str], SourceRow] = {}
    for record in records:
        actors = {actor.id: actor.name for actor in record.actors}
        for source in record.sources:
            affiliation = actors.get(source.actor or "", "")
            key = source_key(source.name, affiliation, record.id)
            row = rows.setdefault(key, SourceRow(source.name, affiliation if key[1] else ""))
            row.kinds[source.kind] += 1
            row.articles[record.id] = None
            row.mentions += len(source.mentions)
            row.claims += len(source.claims)
    return sorted(rows.values(), key=lambda r: (-len(r.articles), -r.mentions, r.name))


def source_key(name: str, affiliation: str, record_id: str) -> tuple[str, str, str]:
    """(name, affiliation, article): a named source is one across articles; a generic one («власти»,
    «следствие») only within its article, unless it belongs to the same named actor («спикер ведомства» of
    «Государственный департамент»)."""
    if not generic(name):
        return name.casefold(), "", ""
    if not generic(affiliation) and affiliation.casefold() != name.casefold():
        return name.casefold(), affiliation.casefold(), ""
    return name.casefold(), "", record_id


def generic(name: str) -> bool:
    """A name without a capital letter names no one in particular: «прокуратура», «источник в правительстве»."""
    return not any(char.isupper() for char in name)


def source_kinds(records: Iterable[Record]) -> list[tuple[str, int, float]]:
    """(kind, sources of that kind, share of the largest) for bars."""
    counts = Counter(source.kind for record in records for source in record.sources)
    top = max(counts.values(), default=1)
    return [(kind, n, n / top) for kind, n in counts.most_common()]


def actor_rows(records: Iterable[Record]) -> list[ActorRow]:
    rows: dict[tuple[str, str], ActorRow] = {}
    for record in records:
        for actor in record.actors:
            row = rows.setdefault((actor.name.casefold(), actor.type), ActorRow(actor.name, actor.type))
            row.articles[record.id] = None
            row.mentions += len(actor.mentions)
    return sorted(rows.values(), key=lambda r: (-len(r.articles), -r.mentions, r.name))


# --- the timeline ------------------------------------------------------------------------------------------


@dataclass
class Item:
    """One dated thing on the timeline: a prisoner count or an event of one article."""

    kind: str  # "count" or "event"
    record: str
    text: str
    first: dt.date
    last: dt.date
    value: str
    dated_by: str  # "event" (its own date) or "published" (the article's date)
    low: int | None = None
    high: int | None = None
    status: str = ""
    about: str = ""

    @property
    def middle(self) -> dt.date:
        return self.first + (self.last - self.first) / 2


@dataclass
class Timeline:
    items: list[Item]
    undated: list[str]


def timeline(records: Iterable[Record]) -> Timeline:
    items, undated = [], []
    for record in records:
        events = {event.id: event for event in record.events}
        for event in record.events:
            if event.date and (days := date_range(event.date.value)):
                items.append(Item("event", record.id, event.trigger.text, *days, event.date.value, "event",
                                  about=f"{event.kind} «{event.lemma}», {event.date.text}"))  # fmt: skip
        for count in record.prisoner_counts:
            event = events.get(count.event or "")
            value, dated_by = (event.date.value, "event") if event and event.date else (record.published, "published")
            days = date_range(str(value)) if value else None
            if not days:
                undated.append(f"{record.id}: «{count.text}»")
                continue
            items.append(Item("count", record.id, count.text, *days, str(value), dated_by, count.low, count.high,
                              count.status, about=count.group or ""))  # fmt: skip
    return Timeline(sorted(items, key=lambda i: (i.first, i.record)), undated)


# --- the timeline as an SVG chart --------------------------------------------------------------------------

WIDTH, HEIGHT = 960, 420
LEFT, RIGHT, TOP, BOTTOM, LANE = 64, 24, 16, 40, 56
ARROW = 18  # px: how far an open bound's arrow reaches from its dot
OUTLIER_SHARE = 0.1  # at most this share of items may be pushed to an edge of the time axis


@dataclass
class Chart:
    width: int
    height: int
    plot: tuple[float, float, float, float]  # left, top, right, bottom of the counts area
    lane: tuple[float, float]  # top and bottom of the events lane
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    counts: list[dict]
    events: list[dict]
    statuses: list[tuple[str, str]]
    domain: tuple[dt.date, dt.date]
    outside: int  # items drawn at an edge because their date is far from the others

    @property
    def marks(self) -> int:
        return len(self.counts) + len(self.events)


def timeline_chart(line: Timeline, anchors: dict[str, str] | None = None) -> Chart:
    plot = (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM - LANE)
    lane = (HEIGHT - BOTTOM - LANE + 12, HEIGHT - BOTTOM)
    start, end = date_domain(line.items)
    x = DateScale(start, end, plot[0], plot[2])
    top = max([n for i in line.items for n in (i.low, i.high) if n] + [10]) * 1.5
    y = LogScale(top, plot[3], plot[1])
    places = spread(line.items)
    counts = [count_mark(i, x(at), x, y) for i, at in zip(line.items, places) if i.kind == "count"]
    events = [event_mark(i, x(at), x, lane) for i, at in zip(line.items, places) if i.kind == "event"]
    for mark in counts + events:
        mark["href"] = "#" + anchors[mark["record"]] if anchors and mark["record"] in anchors else ""
    used = {m["status"] for m in counts}
    return Chart(
        WIDTH,
        HEIGHT,
        plot,
        lane,
        x_ticks=[(x(day), label) for day, label in date_ticks(start, end)],
        y_ticks=[(y(n), f"{n:,}".replace(",", " ")) for n in log_ticks(top)],
        counts=fan_out(counts, plot[0], plot[2]),
        events=fan_out(events, plot[0], plot[2]),
        statuses=[(s, c) for s, c in STATUS_COLOURS.items() if s in used],
        domain=(start, end),
        outside=sum(1 for i in line.items if not start <= i.middle <= end),
    )


@dataclass
class DateScale:
    """Days to x pixels, clamped to the plot: a date far from all the others is drawn at the edge."""

    start: dt.date
    end: dt.date
    left: float
    right: float

    def __call__(self, day: dt.date) -> float:
        share = (day - self.start).days / max((self.end - self.start).days, 1)
        return self.left + min(max(share, 0.0), 1.0) * (self.right - self.left)


@dataclass
class LogScale:
    """People to y pixels: 1 at the bottom, `top` at the top, on a log scale."""

    top: float
    bottom_px: float
    top_px: float

    def __call__(self, n: float) -> float:
        return self.bottom_px - math.log10(max(n, 1)) / math.log10(self.top) * (self.bottom_px - self.top_px)


def spread(items: list[Item]) -> list[dt.date]:
    """The day each item is drawn at: its middle, except that items of one coarse date (a month, a year) are
    spaced evenly across it instead of piling up at its middle."""
    places = [item.middle for item in items]
    groups: dict[tuple[str, dt.date, dt.date], list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault((item.kind, item.first, item.last), []).append(index)
    for (_, first, last), members in groups.items():
        days = (last - first).days + 1
        if days > 1 and len(members) > 1:
            for rank, index in enumerate(members):
                places[index] = first + dt.timedelta(days=days * (rank + 0.5) / len(members))
    return places


def count_mark(item: Item, at_x: float, x: DateScale, y: LogScale) -> dict:
    low, high = item.low, item.high
    at = y(low if low is not None else high if high is not None else 1)
    return {
        "record": item.record,
        "x": at_x,
        "x1": x(item.first),
        "x2": x(item.last + dt.timedelta(days=1)),
        "y": at,
        "y_low": y(low) if low is not None else min(at + ARROW, y.bottom_px),
        "y_high": y(high) if high is not None else max(at - ARROW, y.top_px),
        "open_low": low is None,
        "open_high": high is None,
        "outside": not x.start <= item.middle <= x.end,
        "status": item.status,
        "colour": STATUS_COLOURS.get(item.status, "#000"),
        "title": f"{item.record}: «{item.text}» · {bounds(low, high)} {item.status}"
        + (f" · {item.about}" if item.about else "")
        + f" · {item.value} ({'event date' if item.dated_by == 'event' else 'published'})",
    }


def event_mark(item: Item, at_x: float, x: DateScale, lane: tuple[float, float]) -> dict:
    return {
        "record": item.record,
        "x": at_x,
        "x1": x(item.first),
        "x2": x(item.last + dt.timedelta(days=1)),
        "y": (lane[0] + lane[1]) / 2,
        "outside": not x.start <= item.middle <= x.end,
        "colour": EVENT_COLOUR,
        "title": f"{item.record}: «{item.text}» · {item.about} · {item.value}",
    }


def fan_out(marks: list[dict], left: float, right: float, step: float = 4.0) -> list[dict]:
    """Marks that would be drawn on top of each other are moved apart sideways, a few pixels each."""
    places = Counter((round(m["x"] / step), round(m["y"] / step)) for m in marks)
    seen: Counter = Counter()
    for mark in marks:
        place = (round(mark["x"] / step), round(mark["y"] / step))
        mark["x"] = min(max(mark["x"] + (seen[place] - (places[place] - 1) / 2) * step, left), right)
        seen[place] += 1
    return marks


def date_domain(items: list[Item]) -> tuple[dt.date, dt.date]:
    """The dates to show, padded; a few items far from the rest are left out, to be drawn at the edge."""
    if not items:
        today = dt.date.today()
        return today - dt.timedelta(days=30), today + dt.timedelta(days=30)
    middles = sorted(item.middle for item in items)
    cut = int(len(middles) * OUTLIER_SHARE)
    start, end = middles[0], middles[-1]
    if cut:
        inner_start, inner_end = middles[cut], middles[-1 - cut]
        inner = max(inner_end - inner_start, dt.timedelta(days=60))
        start = inner_start if inner_start - start > inner else start
        end = inner_end if end - inner_end > inner else end
    pad = max(dt.timedelta(days=15), (end - start) * 0.04)
    return start - pad, end + pad


def log_ticks(top: float) -> list[int]:
    return [10**power for power in range(int(math.log10(top)) + 1)]


def date_ticks(start: dt.date, end: dt.date, most: int = 8) -> list[tuple[dt.date, str]]:
    if (end - start).days <= 60:
        first = start + dt.timedelta(days=(7 - start.weekday()) % 7)
        return [(day, day.isoformat()) for day in date_steps(first, end, 7)][:most]
    for months in (1, 2, 3, 6, 12, 24, 60, 120):
        ticks = month_ticks(start, end, months)
        if len(ticks) <= most:
            return ticks
    return month_ticks(start, end, 600)


def date_steps(first: dt.date, end: dt.date, days: int) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range(0, (end - first).days + 1, days)]


def month_ticks(start: dt.date, end: dt.date, months: int) -> list[tuple[dt.date, str]]:
    index = start.year * 12 + start.month  # the month after start's, counted from year 0
    index += -index % months
    ticks = []
    while (day := dt.date(index // 12, index % 12 + 1, 1)) <= end:
        ticks.append((day, str(day.year) if months % 12 == 0 else day.strftime("%Y-%m")))
        index += months
    return ticks
