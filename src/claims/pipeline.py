"""text -> analysed Doc -> extractors -> linked Record."""

from __future__ import annotations

import datetime as dt
import re

from .dateline import find_published
from .extractors.actors import extract_actors
from .extractors.counts import extract_counts
from .extractors.dates import extract_dates
from .extractors.events import extract_events
from .extractors.numbers import MAX_DIGITS
from .extractors.sources import extract_sources
from .invisible import visible
from .link import link_claims
from .models import Record
from .morph import Morph
from .nlp import Analysis, Models, load_models, load_morph_vocab, natasha_analysis, to_doc

LONG_NUMBER_RE = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


def extract(
    text: str,
    *,
    published: dt.date | None = None,
    id: str = "stdin",
    models: Models | None = None,
    published_from: str | None = None,
    analysis: Analysis | None = None,
) -> Record:
    """Extract actors, dated events, prisoner counts and sources from one Russian article.

    Without `published`, a dateline at the top of the text («МИНСК, 14 марта 2025 — …») gives the date.
    Invisible characters are left out of the analysis (`invisible.py`); the record's offsets are into
    `text` all the same. `analysis`, Natasha's analysis of `visible(text).text` made elsewhere
    (`nlp.natasha_analysis`), spares loading Natasha's models here.
    """
    view = visible(text)
    if published is None:
        published = find_published(view.text)
        published_from = "dateline" if published else None
    if analysis is None or analysis.text != view.text:
        analysis = natasha_analysis(view.text, models or load_models())
    doc = to_doc(analysis)
    morph = Morph(models.morph_vocab if models else load_morph_vocab())
    actors = extract_actors(doc, morph=morph)
    warnings: list[str] = []
    dates = extract_dates(doc, published=published, warnings=warnings)
    events = extract_events(doc, dates=dates, actors=actors)
    counts = extract_counts(doc, events=events, morph=morph)
    sources = extract_sources(doc, actors=actors, morph=morph)
    link_claims(doc.text, sources, events, counts)
    record = Record(
        id=id,
        published=published,
        published_from=published_from if published else None,
        actors=actors,
        events=events,
        prisoner_counts=counts,
        sources=sources,
        warnings=[*number_warnings(text), *warnings],
    )
    view.restore(record)
    return record


def number_warnings(text: str) -> list[str]:
    return [
        f"a number of {len(match.group()):,} digits at {match.start()} left unread"
        for match in LONG_NUMBER_RE.finditer(text)
    ]
