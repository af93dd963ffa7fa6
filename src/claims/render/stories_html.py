"""The report's stories section and per-source profiles: data for templates/stories.html.j2 and sources.html.j2.

Each story gets a small chart of its figures: one mark per figure at the date its article was published,
its bar from the lower to the upper bound, coloured by the kind of source it is attributed to.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from ..models import Record
from .highlight import bounds
from .stories import ranked_stories

KIND_COLOURS = {
    "media": "#1f78b4",
    "official": "#e31a1c",
    "government": "#b15928",
    "organization": "#6a3d9a",
    "ngo": "#33a02c",
    "person": "#ff7f00",
    "anonymous": "#777777",
    "document": "#a6761d",
    "social_media": "#e7298a",
    None: "#000000",  # the article's own words
}
STORIES_SHOWN = 30
CHART_WIDTH, CHART_HEIGHT, PAD = 560, 160, 36
UNSAFE_NAME_RE = re.compile(r"[^\w.-]+")


@dataclass
class StoryView:
    id: int
    title: str
    kind: str
    dates: str
    articles: list[tuple[str, str | None]]  # (article id, link to its show page or None)
    figures: list[dict]
    conflicts: list[tuple[str, str]]
    marks: list[dict]
    ticks: list[tuple[float, str]]


@dataclass
class SourceProfile:
    """A row of the report's most cited sources, with the stances it took and the figures it gave."""

    row: object  # html.SourceRow
    stances: Counter = field(default_factory=Counter)
    figures: list[str] = field(default_factory=list)

    @property
    def official(self) -> bool:
        return bool({"official", "government"} & set(self.row.kinds))

    @property
    def anonymous(self) -> bool:
        return "anonymous" in self.row.kinds


def show_file(article: str) -> str:
    """The file name of an article's show page, safe on any file system."""
    return UNSAFE_NAME_RE.sub("_", article) + ".html"


def story_views(clustering, links: dict[str, str] | None = None, most: int = STORIES_SHOWN) -> list[StoryView]:
    """The stories told by more than one article, most reported first."""
    links = links or {}
    shared = [story for story in ranked_stories(clustering.stories) if len(story.articles) > 1]
    return [story_view(story, links) for story in shared[:most]]


def story_view(story, links: dict[str, str]) -> StoryView:
    figures = [figure_row(f) for f in story.figures]
    marks, ticks = figure_marks(story.figures)
    return StoryView(
        id=story.id,
        title=story.title(),
        kind=story.kind,
        dates=story.dates(),
        articles=[(article, links.get(article)) for article in story.articles],
        figures=figures,
        conflicts=[(one.label(), other.label()) for one, other in story.conflicts],
        marks=marks,
        ticks=ticks,
    )


def figure_row(figure) -> dict:
    return {
        "text": figure.text,
        "bounds": bounds(figure.low, figure.high),
        "status": figure.status,
        "source": figure.source or "the article itself",
        "kind": figure.source_kind or "unattributed",
        "colour": KIND_COLOURS.get(figure.source_kind, "#000000"),
        "article": figure.article,
        "published": str(figure.published or ""),
    }


def figure_marks(figures: list) -> tuple[list[dict], list[tuple[float, str]]]:
    """One mark per figure: x the publication date, y its bounds on a log scale."""
    dated = [f for f in figures if f.published and (f.low or f.high)]
    if not dated:
        return [], []
    days = [f.published for f in dated]
    first, last = min(days), max(days)
    top = max(n for f in dated for n in (f.low, f.high) if n) * 1.5
    x = lambda day: PAD + (day - first).days / max((last - first).days, 1) * (CHART_WIDTH - 2 * PAD)  # noqa: E731
    y = lambda n: CHART_HEIGHT - PAD / 2 - math.log10(max(n, 1)) / math.log10(max(top, 10)) * (CHART_HEIGHT - PAD)  # noqa: E731
    seen: Counter = Counter()
    marks = []
    for figure in dated:
        seen[figure.published] += 1
        at = x(figure.published) + (seen[figure.published] - 1) * 6 if first != last else CHART_WIDTH / 2
        low = figure.low if figure.low is not None else 1
        high = figure.high if figure.high is not None else top
        marks.append(
            {
                "x": min(at, CHART_WIDTH - 4),
                "y_low": y(low),
                "y_high": y(high),
                "y": y(figure.low if figure.low is not None else figure.high),
                "colour": KIND_COLOURS.get(figure.source_kind, "#000000"),
                "title": f"{figure.label()} · {bounds(figure.low, figure.high)} {figure.status}",
            }
        )
    ticks = sorted({(m_x, str(day)) for m_x, day in ((x(d), d) for d in days)}) if first != last else []
    return marks, ticks[:8]


def source_profiles(records: Sequence[Record], clustering) -> list[SourceProfile]:
    """How often each source is named, as what kind, with what stance, and the figures attributed to it."""
    from .html import cited_sources

    profiles = {row.name.casefold(): SourceProfile(row) for row in cited_sources(records)}
    for record in records:
        for source in record.sources:
            profiles[source.name.casefold()].stances[source.stance] += 1
    for story in clustering.stories:
        for figure in story.figures:
            if figure.source and figure.source.casefold() in profiles:
                profiles[figure.source.casefold()].figures.append(f"{figure.text} (story {story.id})")
    return list(profiles.values())


def link_of(folder: str, article: str) -> str:
    return f"{quote(folder)}/{quote(show_file(article))}"
