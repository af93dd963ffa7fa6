"""Saved web pages and HTML fragments, reduced to the article's title and main text with trafilatura.

The reduced text is what gets analysed: record offsets refer to it, and `--include-text` shows it.
trafilatura works on the markup it is given and never fetches anything.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

HTML_SUFFIXES = (".html", ".htm")
MARKUP_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|section|div|p|br|span|h[1-6]|table|ul|li|a|script|meta)\b[^<>]*>",
    re.IGNORECASE,
)
DATE_SEARCH = {"extensive_search": False, "original_date": True}
BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "blockquote")


@dataclass(frozen=True)
class Page:
    title: str | None
    text: str
    published: dt.date | None = None


def looks_like_html(text: str) -> bool:
    """Markup, not prose: starts with a tag, or has several well-known ones near the top."""
    head = text[:65536]
    tags = MARKUP_RE.findall(head)
    return bool(tags) and "</" in head and (head.lstrip().startswith("<") or len(tags) >= 3)


def read_html(markup: str) -> Page:
    """The page's title and main text (title first), and its publication date when the markup states one."""
    import trafilatura

    document = trafilatura.bare_extraction(
        markup,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=DATE_SEARCH,
        config=extraction_config(),
    )
    body = (document.text if document else None) or fragment_text(markup)
    title = clean_line(document.title) if document and document.title else None
    published = parse_date(document.date) if document else None
    return Page(title=title, text=with_title(title, body), published=published)


@lru_cache(maxsize=1)
def extraction_config():
    from trafilatura.settings import use_config

    config = use_config()
    # Short news items are articles too: the default (250 characters) sends them to fallbacks that keep menus.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "10")
    config.set("DEFAULT", "MAX_FILE_SIZE", str(1 << 30))  # the readers enforce their own limit
    return config


def fragment_text(markup: str) -> str:
    """Plain text of markup trafilatura found no article in (e.g. a single paragraph), one block a line."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # noqa: BLE001  lxml raises several kinds on junk; junk has no text
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in root.iter(*BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def with_title(title: str | None, body: str) -> str:
    """Title first and not repeated, paragraphs apart: the layout of the project's text articles."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title:
        lines = [title, *(line for line in lines if clean_line(line) != title)]
    return "\n\n".join(lines)


def clean_line(text: str) -> str:
    return " ".join(text.split())


def parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
