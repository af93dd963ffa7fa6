"""Many articles in, one outcome per article out, in input order; a bad article never stops the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .errors import ClaimsError, InputError
from .models import Record
from .readers import DEFAULT_OPTIONS, Article, ReadOptions, with_publication


@dataclass
class Outcome:
    id: str
    source: str
    record: Record | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.record is not None


def process(
    item: Article | InputError,
    *,
    published: dt.date | None = None,
    models=None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> Outcome:
    from .pipeline import extract

    if isinstance(item, InputError):
        return Outcome(id=item.source, source=item.source, error=item.problem)
    if options.strict and item.warnings:
        return Outcome(id=item.id, source=item.source, error="; ".join(item.warnings))
    try:
        article = with_publication(item, published)
        record = extract(
            article.text,
            published=article.published,
            published_from=article.published_from,
            id=article.id,
            models=models,
        )
        record.warnings, record.encoding = list(article.warnings), article.encoding
        record.text = article.text if options.include_text else None
    except ClaimsError as error:
        return Outcome(id=item.id, source=item.source, error=str(error))
    except Exception as error:  # noqa: BLE001  one article's failure must not stop the batch
        return Outcome(id=item.id, source=item.source, error=f"internal error: {type(error).__name__}: {error}")
    return Outcome(id=item.id, source=item.source, record=record)


def run_batch(
    items: Iterable[Article | InputError],
    *,
    published: dt.date | None = None,
    models=None,
    options: ReadOptions = DEFAULT_OPTIONS,
    on_done: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    for item in items:
        outcome = process(item, published=published, models=models, options=options)
        if on_done:
            on_done(outcome)
        yield outcome
