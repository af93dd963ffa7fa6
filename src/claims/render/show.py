"""The terminal view of one article: its text with the record's spans highlighted, a legend, and the tables."""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.rule import Rule
from rich.style import Style
from rich.text import Text

from ..models import Record
from .highlight import COLOURS, KINDS, Highlights, Segment, highlight
from .terminal import fitted_tables, record_tables

# Black on light backgrounds reads on dark and light terminals alike. A terminal of 256 colours or more gets the
# HTML page's palette; a 16-colour one gets named bright colours, which its theme keeps light and apart.
NAMED = {
    "actor": "bright_cyan",
    "date": "bright_magenta",
    "count": "bright_yellow",
    "cue": "bright_green",
    "event": "bright_red",
    "source": "bright_white",
}
CLAIM = Style(italic=True)
STYLES: dict[str, Style] = {kind: Style.parse(f"black on {name}") for kind, name in NAMED.items()} | {"claim": CLAIM}
PALETTE: dict[str, Style] = {
    kind: Style.parse(f"#000000 on {colour}") if colour else CLAIM for kind, colour in COLOURS.items()
}


def print_article(record: Record, text: str, width: int | None = None) -> None:
    console = Console(width=width)
    tables = fitted_tables(record, console, width)
    console.print(article_view(record, text, styles_for(console.color_system), tables))


def styles_for(color_system: str | None) -> dict[str, Style]:
    return PALETTE if color_system in ("256", "truecolor") else STYLES


def article_view(record: Record, text: str, styles: dict[str, Style] = STYLES, tables: Group | None = None) -> Group:
    highlights = highlight(record, text)
    return Group(
        Rule(Text(f"{record.id} · published {record.published or 'unknown'}"), align="left"),
        legend(highlights, styles),
        Text(),
        article_text(highlights, styles),
        *misplaced_lines(highlights),
        Text(),
        tables or record_tables(record),
    )


def segment_style(segment: Segment, styles: dict[str, Style] = STYLES) -> Style | None:
    """Outer marks first, so the innermost one's colour wins; nesting under another mark adds an underline."""
    if not segment.marks:
        return None
    layers = [styles[mark.kind] for mark in reversed(segment.marks)]
    nested = any(mark.kind != "claim" for mark in segment.marks[1:])
    return Style.combine(layers + [Style(underline=True)] if nested else layers)


def article_text(highlights: Highlights, styles: dict[str, Style] = STYLES) -> Text:
    text = Text()
    for segment in highlights.segments:
        text.append(segment.text, style=segment_style(segment, styles) or "")
    return text


def legend(highlights: Highlights, styles: dict[str, Style] = STYLES) -> Text:
    counts = Counter(mark.kind for mark in highlights.marks)
    text = Text()
    for kind, (title, _) in KINDS.items():
        text.append(f" {title} ", style=styles[kind])
        text.append(f" {counts[kind]}   ")
    return text


def misplaced_lines(highlights: Highlights) -> list[Text]:
    return [
        Text(f"not in the text: {mark.title.lower()} «{mark.text}» at {mark.start}–{mark.end}", style="yellow")
        for mark in highlights.misplaced
    ]
