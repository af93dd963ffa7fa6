"""The terminal view of one article: its text with the record's spans highlighted, a legend, and the tables."""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.rule import Rule
from rich.style import Style
from rich.text import Text

from ..models import Record
from .highlight import KINDS, Highlights, Segment, highlight
from .terminal import record_tables

# Named colours, so that a 16-colour terminal still tells the kinds apart; the HTML page has its own palette.
STYLES: dict[str, Style] = {
    "actor": Style.parse("black on bright_cyan"),
    "date": Style.parse("black on bright_magenta"),
    "count": Style.parse("black on bright_yellow"),
    "cue": Style.parse("black on bright_green"),
    "event": Style.parse("black on yellow"),
    "source": Style.parse("black on white"),
    "claim": Style.parse("italic"),
}


def print_article(record: Record, text: str, console: Console) -> None:
    console.print(article_view(record, text))


def article_view(record: Record, text: str) -> Group:
    highlights = highlight(record, text)
    return Group(
        Rule(Text(f"{record.id} · published {record.published or 'unknown'}"), align="left"),
        legend(highlights),
        Text(),
        article_text(highlights),
        *misplaced_lines(highlights),
        Text(),
        record_tables(record),
    )


def segment_style(segment: Segment) -> Style | None:
    """Outer marks first, so the innermost one's colour wins; nesting under another mark adds an underline."""
    if not segment.marks:
        return None
    styles = [STYLES[mark.kind] for mark in reversed(segment.marks)]
    nested = any(mark.kind != "claim" for mark in segment.marks[1:])
    return Style.combine(styles + [Style(underline=True)] if nested else styles)


def article_text(highlights: Highlights) -> Text:
    text = Text()
    for segment in highlights.segments:
        text.append(segment.text, style=segment_style(segment) or "")
    return text


def legend(highlights: Highlights) -> Text:
    counts = Counter(mark.kind for mark in highlights.marks)
    text = Text()
    for kind, (title, _) in KINDS.items():
        text.append(f" {title} ", style=STYLES[kind])
        text.append(f" {counts[kind]}   ")
    return text


def misplaced_lines(highlights: Highlights) -> list[Text]:
    return [
        Text(f"not in the text: {mark.title.lower()} «{mark.text}» at {mark.start}–{mark.end}", style="yellow")
        for mark in highlights.misplaced
    ]
