"""Inputs: text files, folders of them, JSON Lines dumps and standard input, as Articles."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, PublishedDateError

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read; the same for every article of a run."""

    encoding: str | None = None
    max_chars: int = 2_000_000
    strict: bool = False
    include_text: bool = False


DEFAULT_OPTIONS = ReadOptions()


@dataclass
class Article:
    id: str
    text: str
    published: dt.date | None = None
    published_from: str | None = None
    source: str = ""
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


def parse_published(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise PublishedDateError(str(value)) from None


def decode(data: bytes, source: str, options: ReadOptions = DEFAULT_OPTIONS) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "binary file, not text")
    if options.encoding:
        try:
            return data.decode(options.encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(source, f"cannot decode as {options.encoding}: {error}") from None
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise InputError(source, "not valid UTF-8 text")


def read_text(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> str:
    source = str(path)
    if not path.exists():
        raise InputError(source, "no such file or folder")
    if path.is_dir():
        raise InputError(source, "is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(source, error.strerror or "cannot be read") from None
    return checked_text(decode(data, source, options), source, options)


def checked_text(text: str, source: str, options: ReadOptions) -> str:
    if not text.strip():
        raise InputError(source, "empty article")
    if len(text) > options.max_chars:
        raise InputError(source, f"article of {len(text):,} characters is over the limit of {options.max_chars:,}")
    return text


def with_publication(article: Article, published: dt.date | None) -> Article:
    """The option wins over the input's own field, which wins over a dateline in the text."""
    if published is not None:
        article.published, article.published_from = published, "option"
    elif article.published is not None:
        article.published_from = "input"
    else:
        from .dateline import find_published

        article.published = find_published(article.text)
        article.published_from = "dateline" if article.published else None
    return article


def read_stdin(options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    text = checked_text(decode(sys.stdin.buffer.read(), "<stdin>", options), "<stdin>", options)
    return Article(id="stdin", text=text, source="<stdin>")


def read_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    return Article(id=path.stem, text=read_text(path, options), source=str(path))


def read_jsonl(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Article | InputError]:
    try:
        handle = path.open("rb")
    except OSError as error:
        yield InputError(str(path), error.strerror or "cannot be read")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            if raw.strip():
                yield jsonl_article(raw, f"{path}:{number}", f"{path.stem}:{number}", options)


def jsonl_article(raw: bytes, source: str, default_id: str, options: ReadOptions) -> Article | InputError:
    try:
        item = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return InputError(source, f"malformed JSON ({error.msg if hasattr(error, 'msg') else error})")
    if not isinstance(item, dict):
        return InputError(source, "a JSON Lines record must be an object")
    text = item.get("text")
    if not isinstance(text, str):
        return InputError(source, "record has no 'text'")
    try:
        text = checked_text(text, source, options)
        published = parse_published(item.get("published"))
    except PublishedDateError as error:
        return InputError(source, str(error))
    except InputError as error:
        return error
    return Article(id=str(item.get("id") or default_id), text=text, published=published, source=source)


def iter_articles(
    inputs: Iterable[str | Path], options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | InputError]:
    """Every article of the inputs in order; unreadable ones come as InputError items."""
    for name in inputs:
        path = Path(name)
        if str(name) == "-":
            yield guarded(read_stdin, options)
        elif path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()):
                yield guarded(read_file, file, options)
        elif path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            yield from read_jsonl(path, options)
        else:
            yield guarded(read_file, path, options)


def guarded(read, *args) -> Article | InputError:
    try:
        return read(*args)
    except InputError as error:
        return error
