"""`claims db load`, and the database side of `claims batch --db`: records into SQLite (see store.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from .options import EXIT_FAILED, EXIT_USAGE, OneLineUsage, fail


@click.group()
def db() -> None:
    """Keep records in a SQLite database: one table per kind of item, full-text search, stories.

    Browse the database with `datasette claims.db`, or query it with any SQLite client.

    \b
    Example:
      claims db load claims.jsonl --db claims.db
      claims stories claims.db
    """


@db.command(cls=OneLineUsage)
@click.argument("inputs", nargs=-1, required=True, metavar="CLAIMS.jsonl...")
@click.option("--db", "db_path", required=True, metavar="CLAIMS.db", help="The database (created when missing).")
def load(inputs: tuple[str, ...], db_path: str) -> None:
    """Load the records of `claims batch` outputs into a database.

    An article already stored unchanged is left alone and a changed one is replaced whole, so loading the
    same file twice leaves the database as it was. Lines that are not records are listed and skipped
    (exit code 1).

    \b
    Example:
      claims db load claims.jsonl --db claims.db
    """
    from ..store import Loader, StoreError, jsonl_records

    database = open_store(db_path)
    problems = 0
    try:
        with Loader(database) as loader:
            for path in inputs:
                for item in jsonl_records(path):
                    if isinstance(item, str):
                        problems += 1
                        click.echo(f"claims: {item}", err=True)
                    else:
                        loader.add(item)
    except StoreError as error:
        fail(str(error))
    result = loader.result
    click.echo(
        f"claims: {db_path}: {result.added} articles added, {result.replaced} replaced, {result.unchanged} unchanged",
        err=True,
    )
    if problems:
        raise SystemExit(EXIT_FAILED)


def open_store(path: str, *, create: bool = True):
    from ..store import StoreError, open_db

    try:
        return open_db(path, create=create)
    except StoreError as error:
        fail(str(error), EXIT_USAGE)


class DatabaseSink:
    """Where `claims batch --db` writes: each JSON line into the database, and into the output file if any."""

    def __init__(self, stream, loader) -> None:
        self.stream, self.loader = stream, loader

    def write(self, text: str) -> None:
        from ..models import Record

        if self.stream is not None:
            self.stream.write(text)
        for line in text.splitlines():
            self.loader.add(Record.model_validate_json(line))

    def flush(self) -> None:
        if self.stream is not None:
            self.stream.flush()


class batch_database:  # noqa: N801  used as a context manager like a function
    """The database of `claims batch --db`: what --resume may skip, and a sink that writes into it."""

    def __init__(self, path: str, output: str | None, resume: bool) -> None:
        from ..store import Loader, article_ids

        self.database = open_store(path)
        self.loader = Loader(self.database)
        self.already = Counter(article_ids(self.database)) if resume and output is None else None
        if resume and output is not None and Path(output).is_file():
            self.catch_up(output)

    def catch_up(self, output: str) -> None:
        """Records in the output that a killed run wrote but did not commit to the database go in now."""
        from ..store import jsonl_records

        for item in jsonl_records(output):
            if not isinstance(item, str):
                self.loader.add(item)
        self.loader.flush()

    def done(self, from_output: Counter) -> Counter:
        return self.already if self.already is not None else from_output

    def sink(self, stream) -> DatabaseSink:
        return DatabaseSink(stream, self.loader)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.loader.close()


class NoDatabase:
    """`claims batch` without --db."""

    def done(self, from_output: Counter) -> Counter:
        return from_output

    def sink(self, stream):
        return stream

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass
