"""Many articles in, one outcome per article out, in input order; a bad article never stops the rest.

`run_batch` streams: it pulls articles lazily, keeps a bounded window in flight on an engine (this
process, a local process pool or a Dask cluster, see `engines.py`) and yields outcomes in input
order. `resume_state` repairs an output left by a killed run and tells which ids are already done.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import memory, readers
from .errors import ClaimsError, InputError
from .models import Record
from .readers import DEFAULT_OPTIONS, JSONL_SUFFIXES, Article, ReadOptions, finished, with_publication

# what a folder's files are read as (text, and HTML where the reader knows it)
ARTICLE_SUFFIXES = getattr(readers, "ARTICLE_SUFFIXES", readers.TEXT_SUFFIXES)


@dataclass
class Outcome:
    """What became of one article: its record as one JSON line, or the one-line reason it has none.

    The record is kept as JSON because that is what travels back from a worker: a Pydantic record
    unpickles several times slower than its JSON parses, and a batch writes the JSON as it is. Made in
    this process for this process (`process(..., as_json=False)`), it is kept as the record itself.
    """

    id: str
    source: str
    line: str | None = None
    error: str | None = None
    kept: Record | None = None

    @property
    def ok(self) -> bool:
        return self.line is not None or self.kept is not None

    @property
    def record(self) -> Record | None:
        if self.kept is not None:
            return self.kept
        return Record.model_validate_json(self.line) if self.line is not None else None


@dataclass(frozen=True)
class Job:
    """What every article of a run gets done to; picklable, so it travels to worker processes."""

    published: dt.date | None = None
    options: ReadOptions = DEFAULT_OPTIONS

    def __call__(self, item: Article | InputError, models=None) -> Outcome:
        outcome = process(item, published=self.published, models=models, options=self.options)
        memory.after_article()
        return outcome

    @staticmethod
    def failed(item: Article, problem: str) -> Outcome:
        return Outcome(id=item.id, source=item.source, error=problem)


def process(
    item: Article | InputError,
    *,
    published: dt.date | None = None,
    models=None,
    options: ReadOptions = DEFAULT_OPTIONS,
    analysis=None,
    as_json: bool = True,
) -> Outcome:
    if isinstance(item, InputError):
        return failed_input(item)
    from .pipeline import extract

    try:
        article = with_publication(finished(item, options), published)
        if options.strict and article.warnings:
            return Outcome(id=item.id, source=item.source, error="; ".join(article.warnings))
        record = extract(
            article.text,
            published=article.published,
            published_from=article.published_from,
            id=article.id,
            models=models,
            analysis=analysis,
        )
        record.warnings, record.encoding = [*article.warnings, *record.warnings], article.encoding
        record.text = article.text if options.include_text else None
    except InputError as error:
        return Outcome(id=item.id, source=item.source, error=error.problem)
    except ClaimsError as error:
        return Outcome(id=item.id, source=item.source, error=str(error))
    except Exception as error:  # noqa: BLE001  one article's failure must not stop the batch
        if getattr(options, "debug", False):
            raise
        return Outcome(id=item.id, source=item.source, error=f"internal error: {type(error).__name__}: {error}")
    if not as_json:
        return Outcome(id=item.id, source=item.source, kept=record)
    return Outcome(id=item.id, source=item.source, line=record.model_dump_json())


def failed_input(error: InputError) -> Outcome:
    return Outcome(id=error.source, source=error.source, error=error.problem)


def run_batch(
    items: Iterable[Article | InputError],
    *,
    published: dt.date | None = None,
    models=None,
    options: ReadOptions = DEFAULT_OPTIONS,
    on_done: Callable[[Outcome], None] | None = None,
    engine=None,
) -> Iterator[Outcome]:
    """Outcomes of `items` in input order, computed on `engine` (default: this process).

    The engine pulls `items` lazily and keeps only a bounded window in flight, so memory stays flat
    however long the input. `on_done` is called with each outcome before it is yielded.
    """
    from .engines import SerialEngine

    engine = engine or SerialEngine(models=models)
    for outcome in engine.map(Job(published=published, options=options), items):
        if on_done:
            on_done(outcome)
        yield outcome


def skip_done(
    items: Iterable[Article | InputError], done: Counter, on_skip: Callable[[str], None] | None = None
) -> Iterator[Article | InputError]:
    """Drop the articles whose records are already written: each id as often as it occurs in `done`."""
    for item in items:
        if isinstance(item, Article) and done[item.id] > 0:
            done[item.id] -= 1
            if on_skip:
                on_skip(item.id)
            continue
        yield item


def resume_state(path: str | Path) -> Counter:
    """Ids already in the output (with multiplicity), after cutting off a last line left half-written.

    Records are written a whole line at a time, so only the last line can be broken; a broken line
    before it means the file is not ours to append to, and raises InputError.
    """
    path = Path(path)
    if not path.exists():
        return Counter()
    done: Counter = Counter()
    keep, broken = 0, None
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if broken is not None:
                raise InputError(f"{path}:{broken}", "not a whole record, so the output cannot be resumed")
            record_id = complete_record_id(line)
            if record_id is None:
                broken = number
                continue
            done[record_id] += 1
            keep += len(line)
    if broken is not None:
        try:
            os.truncate(path, keep)
        except OSError as error:
            raise InputError(str(path), f"cannot cut its half-written last line: {error.strerror or error}") from None
    return done


def complete_record_id(line: bytes) -> str | None:
    if not line.endswith(b"\n"):
        return None
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return str(record["id"]) if isinstance(record, dict) and "id" in record else None


def count_articles(inputs: Iterable[str | Path]) -> int:
    """About how many articles `inputs` hold (files, plus lines of JSON Lines files): a progress total."""
    total = 0
    for name in inputs:
        path = Path(name)
        if str(name) == "-" or not path.exists():
            total += 1
        elif path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
        elif path.suffix.lower() in JSONL_SUFFIXES:
            total += count_lines(path)
        else:
            total += 1
    return total


def count_lines(path: Path) -> int:
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")
