"""Inputs: text and HTML files, folders of them, JSON Lines dumps and standard input, as Articles.

Bytes become text by the first rule that applies: `--encoding`, a byte-order mark, valid UTF-8, the
charset an HTML page declares, then detection (charset-normalizer's guess checked against the Cyrillic
code pages, keeping the decoding that reads most like Russian). HTML is reduced to its title and main
text, which is what gets analysed. An input that cannot be read becomes an InputError naming it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError, PublishedDateError
from .html_input import HTML_SUFFIXES, Page, looks_like_html, read_html
from .language import language_warnings, russian_plausibility

TEXT_SUFFIXES = (".txt",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SIDECAR_SUFFIX = ".meta.json"
DEFAULT_MAX_CHARS = 2_000_000

BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CYRILLIC_ENCODINGS = ("cp1251", "koi8-r", "cp866", "mac-cyrillic", "iso8859-5")
MIN_RUSSIAN_PLAUSIBILITY = 0.2
SAMPLE_BYTES = 1 << 16
MAX_BYTES_PER_CHAR = 4  # UTF-8 and UTF-32 at worst
MAX_HTML_BYTES_PER_CHAR = 16  # markup around the text
MAX_JSON_BYTES_PER_BYTE = 6  # a JSON string escapes a character as \uXXXX at worst
MAX_CONTROL_SHARE = 0.01
CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})""", re.IGNORECASE)
HIGH_BYTE_RE = re.compile(rb"[\x80-\xff]")
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")  # only JSON escapes can make them; no encoder takes them


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read; the same for every article of a run."""

    encoding: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    strict: bool = False
    include_text: bool = False
    debug: bool = False
    defer_html: bool = False  # leave reducing HTML to `finished`, in a batch worker


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
    markup: bool = False  # HTML not yet reduced to its main text (see `finished`)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


DOTTED_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """A publication date written `2025-11-24` or `24.11.2025`."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if dotted := DOTTED_DATE_RE.fullmatch(text):
            day, month, year = map(int, dotted.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PublishedDateError(str(value)) from None


# Bytes to text


def decode(data: bytes, source: str, options: ReadOptions = DEFAULT_OPTIONS) -> Decoded:
    """The text of `data` and the encoding it was read with; InputError for binary or undecodable bytes."""
    if options.encoding:
        decoded = forced(data, source, options.encoding)
    elif bom := bom_encoding(data):
        decoded = Decoded(strictly(data, bom, source), bom)
    elif b"\x00" in data[:8192]:
        raise InputError(source, "binary file, not text")
    else:
        decoded = as_utf8(data) or as_declared(data) or detected(data, source)
    if looks_binary(decoded.text):
        raise InputError(source, "binary file, not text")
    return decoded


def canonical(encoding: str) -> str:
    return codecs.lookup(encoding).name


def forced(data: bytes, source: str, encoding: str) -> Decoded:
    try:
        name = canonical(encoding)
    except LookupError:
        raise InputError(source, f"unknown encoding {encoding!r}") from None
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    text = strictly(data, name, source)
    return Decoded(text[1:] if text.startswith("\ufeff") else text, canonical(encoding))


def strictly(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(source, f"not valid {encoding}: {error.reason} at byte {error.start}") from None


def bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def as_utf8(data: bytes) -> Decoded | None:
    """UTF-8, also when cut off inside a character or with a few broken bytes (with a warning)."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(data):
            return as_truncated_utf8(data, error.start)
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - broken
    if multibyte >= 20 * broken:
        return Decoded(text, "utf-8", (f"{broken} invalid UTF-8 byte sequence(s) replaced by U+FFFD",))
    return None


def as_truncated_utf8(data: bytes, cut: int) -> Decoded | None:
    try:
        text = data[:cut].decode("utf-8")
    except UnicodeDecodeError:
        return None
    dropped = len(data) - cut
    return Decoded(text, "utf-8", (f"truncated: ends inside a UTF-8 character ({dropped} byte(s) dropped)",))


def as_declared(data: bytes) -> Decoded | None:
    """The charset an HTML page declares in a <meta> tag, when the bytes fit it."""
    match = CHARSET_RE.search(data[:8192])
    try:
        name = canonical(match.group(1).decode("ascii")) if match else None
        return Decoded(data.decode(name), name) if name else None
    except (LookupError, UnicodeDecodeError):
        return None


def detected(data: bytes, source: str) -> Decoded:
    """charset-normalizer's guess, unless a Cyrillic code page reads more like Russian.

    On short texts the detector confuses cp1251, KOI8-R and mac-cyrillic; the letters decide.
    """
    guess = charset_guess(data)
    # On a tie the familiar code page wins: cp1125 reads Russian exactly as cp866 does.
    names = list(dict.fromkeys(name for name in (*CYRILLIC_ENCODINGS, guess) if name))
    window = high_byte_window(data)
    scores = {name: russian_plausibility(window.decode(name, "replace")) for name in names}
    for name in sorted(names, key=lambda name: -scores[name]):
        if name == guess or scores[name] >= MIN_RUSSIAN_PLAUSIBILITY:
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError:
                continue
    if looks_binary(window.decode("latin-1")):
        raise InputError(source, "binary file, not text")
    raise InputError(source, "cannot tell the text encoding (give it with --encoding)")


def charset_guess(data: bytes) -> str | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    try:
        return canonical(best.encoding) if best else None
    except LookupError:
        return None


def high_byte_window(data: bytes) -> bytes:
    """Up to 64 KiB from the first non-ASCII byte: where decodings differ (skips a page's ASCII head)."""
    first = HIGH_BYTE_RE.search(data)
    start = max(0, first.start() - 64) if first else 0
    return data[start : start + SAMPLE_BYTES]


def looks_binary(text: str) -> bool:
    sample = text[:SAMPLE_BYTES]
    return len(CONTROL_RE.findall(sample)) > max(2, MAX_CONTROL_SHARE * len(sample))


# Text to article


def article_from_text(
    text: str,
    decoded_from: Decoded | None,
    *,
    id: str,
    source: str,
    options: ReadOptions,
    published: dt.date | None = None,
    html: bool = False,
) -> Article:
    """An Article of `text`, checked for size, emptiness and language; HTML reduced to its main text,
    unless `options.defer_html` leaves that to `finished` (in a batch worker: a big page takes a while)."""
    if not text.strip():
        raise InputError(source, "empty article")
    markup = html or looks_like_html(text)
    if markup:
        checked_markup(text, source, options)
    warnings = list(decoded_from.warnings) if decoded_from else []
    encoding = decoded_from.encoding if decoded_from else None
    article = Article(id, text, published, source=source, encoding=encoding, warnings=warnings, markup=markup)
    return article if markup and options.defer_html else checked_article(article, options)


def finished(article: Article, options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    """The article as it is analysed: the HTML of one read with `defer_html` reduced (and then checked)."""
    return checked_article(article, options) if article.markup else article


def checked_article(article: Article, options: ReadOptions) -> Article:
    """HTML reduced to its main text, size and language checked, lone surrogates replaced."""
    text, published = article.text, article.published
    if article.markup:
        page = main_text(text, article.source, options)
        text, published = page.text, published or page.published
    text, surrogates = SURROGATE_RE.subn("\ufffd", checked_text(text, article.source, options))
    warnings = [*article.warnings, *language_warnings(text)]
    if surrogates:
        warnings.append(f"{surrogates} lone surrogate(s) replaced by U+FFFD")
    return replace(article, text=text, published=published, warnings=warnings, markup=False)


def checked_markup(markup: str, source: str, options: ReadOptions) -> None:
    if len(markup) > options.max_chars * MAX_HTML_BYTES_PER_CHAR:
        raise InputError(source, f"HTML of {len(markup):,} characters is too big for an article (see --max-chars)")


def main_text(markup: str, source: str, options: ReadOptions) -> Page:
    checked_markup(markup, source, options)
    page = read_html(markup)
    if not page.text.strip():
        raise InputError(source, "no article text in the HTML")
    return page


def checked_text(text: str, source: str, options: ReadOptions) -> str:
    if not text.strip():
        raise InputError(source, "empty article")
    if len(text) > options.max_chars:
        raise InputError(
            source, f"article of {len(text):,} characters is over the limit of {options.max_chars:,} (--max-chars)"
        )
    return text


def with_publication(article: Article, published: dt.date | None) -> Article:
    """The option wins over the input's own field; without either, the pipeline reads the dateline."""
    if published is not None:
        article.published, article.published_from = published, "option"
    elif article.published is not None:
        article.published_from = "input"
    return article


# Sources


def byte_limit(options: ReadOptions, html: bool) -> int:
    per_char = MAX_HTML_BYTES_PER_CHAR if html else MAX_BYTES_PER_CHAR
    return options.max_chars * per_char + len(codecs.BOM_UTF32_LE)


def read_bytes(path: Path, limit: int) -> bytes:
    source = str(path)
    if not path.exists():
        raise InputError(source, "no such file or folder")
    if path.is_dir():
        raise InputError(source, "is a folder, not a file")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(source, f"cannot be read: {error.strerror or error}") from None
    if len(data) > limit:
        raise InputError(source, f"file of over {limit:,} bytes is too big for an article (see --max-chars)")
    return data


def read_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    html = path.suffix.lower() in HTML_SUFFIXES
    decoded = decode(read_bytes(path, byte_limit(options, html)), str(path), options)
    published = sidecar_published(path)
    return article_from_text(
        decoded.text, decoded, id=path.stem, source=str(path), options=options, html=html, published=published
    )


def sidecar_published(path: Path) -> dt.date | None:
    """The `published` of `NAME.meta.json` beside `NAME.txt`, if there is one."""
    sidecar = path.with_name(f"{path.stem}{SIDECAR_SUFFIX}")
    if not sidecar.is_file():
        return None
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(sidecar), f"unreadable sidecar: {error}") from None
    if not isinstance(meta, dict):
        raise InputError(str(sidecar), "a sidecar must be a JSON object")
    try:
        return parse_published(meta.get("published"))
    except PublishedDateError as error:
        raise InputError(str(sidecar), str(error)) from None


def read_publication_map(path: Path) -> dict[str, dt.date]:
    """Publication dates by article: a JSON object {name: date} or lines `name,date` (or tab-separated).

    A name is a file's name, its stem (the record id) or a JSON Lines record's id."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(source, f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    pairs = json_pairs(text, source) if text.lstrip().startswith("{") else line_pairs(text, source)
    dates = {}
    for name, value in pairs:
        try:
            dates[name] = parse_published(value)
        except PublishedDateError as error:
            raise InputError(source, f"{name}: {error}") from None
    return dates


def json_pairs(text: str, source: str) -> list[tuple[str, str]]:
    try:
        mapping = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(source, f"malformed JSON ({error.msg} at line {error.lineno})") from None
    return [(str(name), str(value)) for name, value in mapping.items()]


def line_pairs(text: str, source: str) -> list[tuple[str, str]]:
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in re.split(r"[,\t;]", line)]
        if len(parts) != 2 or not all(parts):
            raise InputError(f"{source}:{number}", "expected `name,date`")
        pairs.append((parts[0], parts[1]))
    return pairs


def dated_by(items: Iterable[Article | InputError], dates: dict[str, dt.date]) -> Iterator[Article | InputError]:
    """Articles named in `dates` (by file name or id) take their date from it, over their own."""
    for item in items:
        if isinstance(item, Article):
            found = next((dates[key] for key in (Path(item.source).name, item.id) if key in dates), None)
            item = replace(item, published=found) if found else item
        yield item


def read_stdin(options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    limit = byte_limit(options, html=True)
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError("<stdin>", f"over {limit:,} bytes is too big for an article (see --max-chars)")
    decoded = decode(data, "<stdin>", options)
    return article_from_text(decoded.text, decoded, id="stdin", source="<stdin>", options=options)


def read_jsonl(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Article | InputError]:
    """One Article per non-blank line; a bad line becomes an InputError named `path:line`."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield InputError(str(path), f"cannot be read: {error.strerror or error}")
        return
    with handle:
        for number, line in jsonl_lines(handle, str(path), options):
            if isinstance(line, InputError):
                yield line
            elif line.text.strip():
                yield guarded(jsonl_article, line, f"{path}:{number}", f"{path.stem}:{number}", options)


def jsonl_lines(handle, source: str, options: ReadOptions) -> Iterator[tuple[int, Decoded | InputError]]:
    """Decoded lines: the whole file in one encoding when it is known (--encoding, a BOM), else line by line."""
    head = handle.peek(4) if hasattr(handle, "peek") else b""
    encoding = canonical(options.encoding) if options.encoding else bom_encoding(head)
    limit = byte_limit(options, html=True) * MAX_JSON_BYTES_PER_BYTE
    if encoding is None:
        for number, raw in enumerate(bounded_lines(handle.readline, limit, b"\n"), 1):
            yield number, too_long(f"{source}:{number}", limit) if raw is None else guarded(
                decode, raw, f"{source}:{number}", options
            )
        return
    number = 0
    with io.TextIOWrapper(handle, encoding=encoding, newline="") as lines:
        try:
            for number, text in enumerate(bounded_lines(lines.readline, limit, "\n"), 1):
                if text is None:
                    yield number, too_long(f"{source}:{number}", limit)
                else:
                    yield number, Decoded(text.lstrip("\ufeff") if number == 1 else text, encoding)
        except UnicodeDecodeError as error:
            yield number + 1, InputError(f"{source}:{number + 1}", f"not valid {encoding}: {error.reason}")


def bounded_lines(readline, limit: int, newline):
    """Lines from `readline`; a line over `limit` (bytes or characters) comes as None, and is skipped
    without being held in memory."""
    while line := readline(limit + 1):
        if len(line) <= limit or line.endswith(newline):
            yield line
            continue
        while line and not line.endswith(newline):
            line = readline(1 << 20)
        yield None


def too_long(source: str, limit: int) -> InputError:
    return InputError(source, f"line of over {limit:,} bytes is too big for an article (see --max-chars)")


def jsonl_article(line: Decoded, source: str, default_id: str, options: ReadOptions) -> Article:
    try:
        item = json.loads(line.text)
    except json.JSONDecodeError as error:
        raise InputError(source, f"malformed JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(item, dict):
        raise InputError(source, "a JSON Lines record must be an object")
    text = item.get("text")
    if text is None:
        raise InputError(source, "record has no 'text'")
    if not isinstance(text, str):
        raise InputError(source, f"record's 'text' is a {type(text).__name__}, not a string")
    try:
        published = parse_published(item.get("published"))
    except PublishedDateError as error:
        raise InputError(source, str(error)) from None
    record_id = SURROGATE_RE.sub("\ufffd", str(item.get("id") or default_id))
    return article_from_text(text, line, id=record_id, source=source, options=options, published=published)


def iter_articles(
    inputs: Iterable[str | Path], options: ReadOptions = DEFAULT_OPTIONS, defer_html: bool = False
) -> Iterator[Article | InputError]:
    """Every article of the inputs in order; unreadable ones come as InputError items. With `defer_html`,
    HTML articles come unreduced, for `finished` (which `batch.process` calls) to reduce."""
    options = replace(options, defer_html=defer_html)
    for name in inputs:
        path = Path(name)
        if str(name) == "-":
            yield guarded(read_stdin, options)
        elif path.is_dir():
            for file in folder_files(path):
                yield file if isinstance(file, InputError) else guarded(read_file, file, options)
        elif path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            yield from read_jsonl(path, options)
        else:
            yield guarded(read_file, path, options)


def folder_files(folder: Path) -> Iterator[Path | InputError]:
    """Text and HTML files below `folder`, sorted; a subfolder that cannot be listed is an InputError."""
    errors: list[OSError] = []
    files = [
        Path(root) / name
        for root, _, names in os.walk(folder, onerror=errors.append)
        for name in names
        if Path(name).suffix.lower() in ARTICLE_SUFFIXES
    ]
    for error in errors:
        yield InputError(str(error.filename or folder), f"cannot be read: {error.strerror or error}")
    yield from sorted(files)


def guarded(read, *args) -> Article | Decoded | InputError:
    """read(*args), with an InputError returned instead of raised; so is a bug, unless debugging."""
    options = args[-1] if args and isinstance(args[-1], ReadOptions) else DEFAULT_OPTIONS
    try:
        return read(*args)
    except InputError as error:
        return error
    except Exception as error:
        if options.debug:
            raise
        source = next((str(arg) for arg in args if isinstance(arg, (Path, str))), "<stdin>")
        return InputError(source, f"internal error: {type(error).__name__}: {error}")
