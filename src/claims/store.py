"""Records in SQLite (through sqlite-utils): one row per article, actor, mention, event, count, source and claim.

Every table is keyed by the article's id plus the record's own ids (A1, E2, S3; a count or a mention by
its index), with foreign keys to the row it belongs to. `articles_fts` and `claims_fts` index the
article and claim texts for full-text search. Loading is idempotent: an article whose record is
already stored unchanged is left alone (so loading the same batch twice leaves the file as it was),
and a changed one is replaced whole. Stories (see `stories.py`) go into `stories` and `story_events`,
which any change to the articles empties, since they were computed from the old ones.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from .errors import ClaimsError
from .intervals import date_range
from .models import Record

CHUNK = 200  # articles written per transaction, at most
FLUSH_SECONDS = 2.0  # and at least this often, so that an interrupted batch keeps what it did

# table -> (columns, primary key, foreign keys); created in this order, dropped children first
SCHEMA: dict[str, tuple[dict, tuple[str, ...], list]] = {
    "articles": (
        {
            "id": str,
            "published": str,
            "published_from": str,
            "encoding": str,
            "warnings": str,
            "text": str,
            "schema_version": str,
            "record_hash": str,
        },
        ("id",),
        [],
    ),
    "actors": (
        {"article_id": str, "id": str, "name": str, "type": str, "roles": str},
        ("article_id", "id"),
        [("article_id", "articles", "id")],
    ),
    "mentions": (
        {"article_id": str, "actor_id": str, "n": int, "start": int, "end": int, "text": str, "kind": str},
        ("article_id", "actor_id", "n"),
        [(("article_id", "actor_id"), "actors", ("article_id", "id"))],
    ),
    "events": (
        {
            "article_id": str,
            "id": str,
            "kind": str,
            "lemma": str,
            "trigger_start": int,
            "trigger_end": int,
            "trigger_text": str,
            "agents": str,
            "date_start": int,
            "date_end": int,
            "date_text": str,
            "date_value": str,
            "date_precision": str,
            "date_first": str,
            "date_last": str,
        },
        ("article_id", "id"),
        [("article_id", "articles", "id")],
    ),
    "counts": (
        {
            "article_id": str,
            "n": int,
            "start": int,
            "end": int,
            "text": str,
            "number": str,
            "low": int,
            "high": int,
            "qualifier": str,
            "status": str,
            "group": str,
            "event_id": str,
        },
        ("article_id", "n"),
        [("article_id", "articles", "id"), (("article_id", "event_id"), "events", ("article_id", "id"))],
    ),
    "sources": (
        {
            "article_id": str,
            "id": str,
            "name": str,
            "kind": str,
            "actor_id": str,
            "cue": str,
            "stance": str,
            "count": int,
            "via": str,
            "mentions": str,
        },
        ("article_id", "id"),
        [("article_id", "articles", "id"), (("article_id", "actor_id"), "actors", ("article_id", "id"))],
    ),
    "claims": (
        {
            "article_id": str,
            "source_id": str,
            "n": int,
            "start": int,
            "end": int,
            "text": str,
            "direct": bool,
            "events": str,
            "counts": str,
        },
        ("article_id", "source_id", "n"),
        [(("article_id", "source_id"), "sources", ("article_id", "id"))],
    ),
    "stories": (
        {
            "id": int,
            "kind": str,
            "title": str,
            "first": str,
            "last": str,
            "articles": int,
            "reports": int,
            "actors": str,
            "places": str,
            "disagreement": bool,
        },
        ("id",),
        [],
    ),
    "story_events": (
        {"story_id": int, "article_id": str, "event_id": str, "lead": bool},
        ("story_id", "article_id", "event_id"),
        [("story_id", "stories", "id"), (("article_id", "event_id"), "events", ("article_id", "id"))],
    ),
    "story_counts": (
        {"story_id": int, "article_id": str, "n": int, "conflicts": str},
        ("story_id", "article_id", "n"),
        [("story_id", "stories", "id"), (("article_id", "n"), "counts", ("article_id", "n"))],
    ),
}
RECORD_TABLES = ("actors", "mentions", "events", "counts", "sources", "claims")
STORY_TABLES = ("stories", "story_events", "story_counts")
NOT_NULL = {"articles": {"record_hash"}, "actors": {"name", "type"}, "events": {"kind", "lemma"}}
FTS = {"articles": ["text"], "claims": ["text"]}
INDEXES = [
    ("articles", ["published"]),
    ("actors", ["name"]),
    ("events", ["kind", "date_first"]),
    ("counts", ["status"]),
    ("counts", ["article_id", "event_id"]),
    ("sources", ["name"]),
    ("sources", ["kind"]),
    ("story_events", ["article_id", "event_id"]),
]


class StoreError(ClaimsError):
    """A database that cannot be opened or is not one of ours; names the file."""

    def __init__(self, path: str | Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


@dataclass
class LoadResult:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.added + self.replaced


def open_db(path: str | Path, *, create: bool = True) -> Database:
    """The database at `path` with our tables (created when missing) and foreign keys enforced."""
    path = Path(path)
    if not create and not path.is_file():
        raise StoreError(path, "no such database")
    try:
        db = Database(path)
        db.execute("PRAGMA foreign_keys = ON")
        if create:
            ensure_schema(db)
        elif not db["articles"].exists():
            raise StoreError(path, "not a claims database (no articles table)")
    except Exception as error:  # noqa: BLE001  sqlite3.DatabaseError and friends become one line
        if isinstance(error, StoreError):
            raise
        raise StoreError(path, f"cannot open: {error}") from None
    return db


def ensure_schema(db: Database) -> None:
    with db.atomic():
        for name, (columns, pk, foreign_keys) in SCHEMA.items():
            if not db[name].exists():
                db[name].create(
                    columns, pk=pk if len(pk) > 1 else pk[0], foreign_keys=foreign_keys, not_null=NOT_NULL.get(name)
                )
        for name, columns in INDEXES:
            db[name].create_index(columns, if_not_exists=True)
    for name, columns in FTS.items():
        if not db[f"{name}_fts"].exists():
            db[name].enable_fts(columns, create_triggers=True, tokenize="unicode61")


# --- loading ---------------------------------------------------------------------------------------------------


class Loader:
    """Writes records a chunk (or a few seconds) at a time; `close()` (or leaving the `with`) writes the rest."""

    def __init__(self, db: Database, chunk: int = CHUNK, seconds: float = FLUSH_SECONDS) -> None:
        self.db, self.chunk, self.seconds = db, chunk, seconds
        self.flushed = time.monotonic()
        self.hashes = {row["id"]: row["record_hash"] for row in db.query("select id, record_hash from articles")}
        self.pending: dict[str, tuple[Record, str]] = {}
        self.result = LoadResult()

    def __enter__(self) -> Loader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, record: Record) -> None:
        digest = record_hash(record)
        if self.hashes.get(record.id) == digest:
            self.pending.pop(record.id, None)
            self.result.unchanged += 1
            return
        if record.id in self.hashes:
            self.result.replaced += 1
        else:
            self.result.added += 1
        self.hashes[record.id] = digest
        self.pending[record.id] = (record, digest)
        if len(self.pending) >= self.chunk or time.monotonic() - self.flushed > self.seconds:
            self.flush()

    def flush(self) -> None:
        self.flushed = time.monotonic()
        if not self.pending:
            return
        with self.db.atomic():
            forget_stories(self.db)
            delete_articles(self.db, list(self.pending))
            rows = table_rows(self.pending.values())
            for name in ("articles", *RECORD_TABLES):
                if rows[name]:
                    self.db[name].insert_all(rows[name], batch_size=1000)
        self.pending.clear()

    def close(self) -> None:
        self.flush()


def load_records(db: Database, records: Iterable[Record]) -> LoadResult:
    with Loader(db) as loader:
        for record in records:
            loader.add(record)
    return loader.result


def jsonl_records(path: str | Path) -> Iterator[Record | str]:
    """The records of a JSON Lines file one by one, and for a line that is no record a one-line problem."""
    from pydantic import ValidationError

    path = Path(path)
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    yield Record.model_validate_json(line)
                except ValidationError as error:
                    yield f"{path}:{number}: not a record ({first_error(error)})"
    except FileNotFoundError:
        raise StoreError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(path, getattr(error, "strerror", None) or str(error)) from None


def first_error(error) -> str:
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem.get("loc", ()))
    return f"[{where}] {problem['msg']}" if where else problem["msg"]


def record_hash(record: Record) -> str:
    return hashlib.sha256(record.model_dump_json().encode("utf-8")).hexdigest()


def delete_articles(db: Database, ids: list[str]) -> None:
    """Every row of these articles, children first (the FTS triggers see each delete; stories are gone)."""
    marks = ", ".join("?" for _ in ids)
    for name in reversed(RECORD_TABLES):
        db.execute(f"delete from [{name}] where article_id in ({marks})", ids)
    db.execute(f"delete from articles where id in ({marks})", ids)


def forget_stories(db: Database) -> None:
    """Stories were computed from the articles as they were; after a change they are recomputed."""
    for name in reversed(STORY_TABLES):
        db.execute(f"delete from [{name}]")


def save_stories(db: Database, clustering) -> None:
    """The stories of `stories.cluster` in place of those stored before."""
    leads = set(clustering.lead.items())
    with db.atomic():
        forget_stories(db)
        db["stories"].insert_all(story_row(story) for story in clustering.stories)
        db["story_events"].insert_all(
            {"story_id": story.id, "article_id": r.article, "event_id": r.event, "lead": (r.article, story.id) in leads}
            for story in clustering.stories
            for r in story.reports
        )
        db["story_counts"].insert_all(
            {"story_id": story.id, "article_id": f.article, "n": f.index, "conflicts": as_json(conflicts_of(story, f))}
            for story in clustering.stories
            for f in story.figures
        )


def story_row(story) -> dict:
    return {
        "id": story.id,
        "kind": story.kind,
        "title": story.title(),
        "first": story.start.isoformat(),
        "last": story.end.isoformat(),
        "articles": len(story.articles),
        "reports": len(story.reports),
        "actors": as_json(story.names(10)),
        "places": as_json(story.names(10, places=True)),
        "disagreement": bool(story.conflicts),
    }


def conflicts_of(story, figure) -> list[str]:
    """The figures of the story that `figure` cannot be true beside, as «article#count index»."""
    others = [b if a == figure else a for a, b in story.conflicts if figure in (a, b)]
    return [f"{other.article}#{other.index}" for other in others]


def table_rows(records: Iterable[tuple[Record, str]]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {name: [] for name in ("articles", *RECORD_TABLES)}
    for record, digest in records:
        for name, produced in record_rows(record, digest).items():
            rows[name].extend(produced)
    return rows


def record_rows(record: Record, digest: str) -> dict[str, list[dict]]:
    article = record.id
    return {
        "articles": [article_row(record, digest)],
        "actors": [
            {"article_id": article, "id": a.id, "name": a.name, "type": a.type, "roles": as_json(a.roles)}
            for a in record.actors
        ],
        "mentions": [
            {"article_id": article, "actor_id": a.id, "n": n, **m.model_dump()}
            for a in record.actors
            for n, m in enumerate(a.mentions)
        ],
        "events": [event_row(article, event) for event in record.events],
        "counts": [
            {"article_id": article, "n": n, **c.model_dump(exclude={"event"}), "event_id": c.event}
            for n, c in enumerate(record.prisoner_counts)
        ],
        "sources": [source_row(article, source) for source in record.sources],
        "claims": [
            {
                "article_id": article,
                "source_id": s.id,
                "n": n,
                **c.model_dump(exclude={"events", "counts"}),
                "events": as_json(c.events),
                "counts": as_json(c.counts),
            }
            for s in record.sources
            for n, c in enumerate(s.claims)
        ],
    }


def article_row(record: Record, digest: str) -> dict:
    return {
        "id": record.id,
        "published": record.published.isoformat() if record.published else None,
        "published_from": record.published_from,
        "encoding": record.encoding,
        "warnings": as_json(record.warnings),
        "text": record.text,
        "schema_version": record.schema_version,
        "record_hash": digest,
    }


def event_row(article: str, event) -> dict:
    date = event.date
    days = date_range(date.value) if date else None
    return {
        "article_id": article,
        "id": event.id,
        "kind": event.kind,
        "lemma": event.lemma,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "trigger_text": event.trigger.text,
        "agents": as_json(event.agents),
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_text": date.text if date else None,
        "date_value": date.value if date else None,
        "date_precision": date.precision if date else None,
        "date_first": days[0].isoformat() if days else None,
        "date_last": days[1].isoformat() if days else None,
    }


def source_row(article: str, source) -> dict:
    return {
        "article_id": article,
        "id": source.id,
        "name": source.name,
        "kind": source.kind,
        "actor_id": source.actor,
        "cue": source.cue,
        "stance": source.stance,
        "count": source.count,
        "via": as_json(source.via),
        "mentions": as_json([m.model_dump() for m in source.mentions]),
    }


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- reading records back ----------------------------------------------------------------------------------------


def article_ids(db: Database) -> list[str]:
    return [row["id"] for row in db.query("select id from articles order by id")]


def read_records(db: Database, ids: Iterable[str] | None = None) -> Iterator[Record]:
    """The stored records, rebuilt from their rows, in id order (or in the order of `ids`)."""
    for article in article_ids(db) if ids is None else ids:
        yield read_record(db, article)


def read_record(db: Database, article: str) -> Record:
    rows = {
        name: list(db.query(f"select * from [{name}] where article_id = ? order by rowid", [article]))
        for name in RECORD_TABLES
    }
    head = next(db.query("select * from articles where id = ?", [article]))
    mentions: dict[str, list[dict]] = {}
    for row in rows["mentions"]:
        mentions.setdefault(row["actor_id"], []).append(pick(row, "start", "end", "text", "kind"))
    claims: dict[str, list[dict]] = {}
    for row in rows["claims"]:
        claims.setdefault(row["source_id"], []).append(
            {
                **pick(row, "start", "end", "text"),
                "direct": bool(row["direct"]),
                "events": json.loads(row["events"]),
                "counts": json.loads(row["counts"]),
            }
        )
    return Record.model_validate(
        {
            "schema_version": head["schema_version"],
            "id": head["id"],
            "published": head["published"],
            "published_from": head["published_from"],
            "actors": [
                {
                    **pick(r, "id", "name", "type"),
                    "roles": json.loads(r["roles"]),
                    "mentions": mentions.get(r["id"], []),
                }
                for r in rows["actors"]
            ],
            "events": [event_of(row) for row in rows["events"]],
            "prisoner_counts": [
                {
                    **pick(r, "start", "end", "text", "number", "low", "high", "qualifier", "status", "group"),
                    "event": r["event_id"],
                }
                for r in rows["counts"]
            ],
            "sources": [source_of(row, claims.get(row["id"], [])) for row in rows["sources"]],
            "warnings": json.loads(head["warnings"]),
            "encoding": head["encoding"],
            "text": head["text"],
        }
    )


def event_of(row: dict) -> dict:
    date = None
    if row["date_value"] is not None:
        date = {
            "start": row["date_start"],
            "end": row["date_end"],
            "text": row["date_text"],
            "value": row["date_value"],
            "precision": row["date_precision"],
        }
    return {
        "id": row["id"],
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"], "text": row["trigger_text"]},
        "lemma": row["lemma"],
        "kind": row["kind"],
        "agents": json.loads(row["agents"]),
        "date": date,
    }


def source_of(row: dict, claims: list[dict]) -> dict:
    return {
        **pick(row, "id", "name", "kind", "cue", "stance", "count"),
        "actor": row["actor_id"],
        "via": json.loads(row["via"]),
        "claims": claims,
        "mentions": json.loads(row["mentions"]),
    }


def pick(row: dict, *names: str) -> dict:
    return {name: row[name] for name in names}


def dump(db: Database) -> str:
    """The whole database as SQL text, for comparing two databases."""
    return "\n".join(db.conn.iterdump())
