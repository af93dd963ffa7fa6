"""What the commands share: options, exit codes, one-line failures."""

from __future__ import annotations

import codecs
import sys

import click

from ..errors import PublishedDateError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_CODES_HELP = """\
    \b
    Exit codes:
      0  every input was read and extracted
      1  some inputs failed (each is one line on stderr: the input, then the problem)
      2  usage error (a bad option or argument)
"""


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line on stderr, like every other failure."""

    def show(self, file=None) -> None:
        click.echo(f"claims: {self.format_message()}", err=True)


class OneLineUsage(click.Command):
    """A command whose usage errors (a missing argument, an unknown option, ...) are one line too."""

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except OneLineUsageError:
            raise
        except click.UsageError as error:
            message = f"{ctx.info_name}: {error.format_message()} (see '{ctx.command_path} --help')"
            raise OneLineUsageError(message, ctx) from None


def published_option(function):
    return click.option(
        "--published",
        metavar="YYYY-MM-DD|DD.MM.YYYY",
        callback=check_published,
        help="Publication date for resolving relative dates (overrides the input's own and any dateline).",
    )(function)


def check_published(ctx, param, value):
    from ..readers import parse_published

    try:
        return parse_published(value)
    except PublishedDateError as error:
        raise OneLineUsageError(f"--published: {error}", ctx) from None


def check_encoding(ctx, param, value):
    try:
        codecs.lookup(value) if value else None
    except LookupError:
        raise OneLineUsageError(f"--encoding: unknown encoding {value!r}", ctx) from None
    return remember("encoding")(ctx, param, value)


def fail(message: str, code: int = EXIT_FAILED) -> None:
    click.echo(f"claims: {message}", err=True)
    sys.exit(code)


def remember(name: str):
    def callback(ctx, param, value):
        ctx.meta[f"claims.{name}"] = value
        return value

    return callback


INPUT_OPTIONS = {
    "encoding": click.option(
        "--encoding",
        metavar="NAME",
        expose_value=False,
        callback=check_encoding,
        help="Decode inputs with this encoding (cp1251, koi8-r, utf-16, ...) instead of detecting it.",
    ),
    "max_chars": click.option(
        "--max-chars",
        type=click.IntRange(min=1),
        default=2_000_000,
        show_default=True,
        expose_value=False,
        callback=remember("max_chars"),
        help="Refuse articles longer than this (of HTML, the extracted text counts).",
    ),
    "strict": click.option(
        "--strict",
        is_flag=True,
        expose_value=False,
        callback=remember("strict"),
        help="Treat input warnings (too little Cyrillic, broken or truncated bytes) as errors.",
    ),
    "include_text": click.option(
        "--include-text",
        is_flag=True,
        expose_value=False,
        callback=remember("include_text"),
        help="Put the analysed text (of HTML, the extracted text) into each record.",
    ),
    "debug": click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=remember("debug"),
        help="Show the traceback of an internal error instead of one line.",
    ),
}


def input_options(function, leave_out: tuple[str, ...] = ()):
    """The reading options, and the exit codes in the command's help (before its example)."""
    for name, option in reversed(INPUT_OPTIONS.items()):
        if name not in leave_out:
            function = option(function)
    function.__doc__ = with_exit_codes(function.__doc__ or "")
    return function


def viewing_options(function):
    """The reading options of a command that shows a record rather than writing one: no --include-text."""
    return input_options(function, leave_out=("include_text",))


def width_option(function):
    return click.option(
        "--width",
        type=click.IntRange(min=20),
        metavar="COLUMNS",
        help="Draw tables this wide  [default: the terminal's width; to a pipe or file, as wide as they need].",
    )(function)


def with_exit_codes(doc: str) -> str:
    marker = "    \b\n    Example:"
    if marker in doc:
        return doc.replace(marker, EXIT_CODES_HELP + "\n" + marker, 1)
    return doc.rstrip() + "\n\n" + EXIT_CODES_HELP


def read_options():
    """The ReadOptions of the running command, from its --encoding/--max-chars/--strict/--include-text/--debug."""
    from ..readers import ReadOptions

    meta = click.get_current_context().meta
    return ReadOptions(
        encoding=meta.get("claims.encoding"),
        max_chars=meta.get("claims.max_chars", 2_000_000),
        strict=bool(meta.get("claims.strict")),
        include_text=bool(meta.get("claims.include_text")),
        debug=bool(meta.get("claims.debug")),
    )


def read_article(path: str, options):
    """An article from a file or standard input ('-'), or the InputError that says why not."""
    from pathlib import Path

    from ..readers import guarded, read_file, read_stdin

    return guarded(read_stdin, options) if path == "-" else guarded(read_file, Path(path), options)


def read_one(path: str, options):
    """The one article of `claims extract` or `claims show`, or a one-line failure."""
    from ..errors import InputError

    item = read_article(path, options)
    if isinstance(item, InputError):
        fail(str(item))
    return item


def outcome_of(item, published, options):
    """The outcome of extracting one article: its record, or the problem."""
    from ..background import analysis_of

    analysis = analysis_of(item.text)  # first: importing the record models before it would delay its child
    from ..batch import process

    return process(item, published=published, options=options, analysis=analysis, as_json=False)


def record_of(item, published, options):
    """The record of one article, or a one-line failure."""
    outcome = outcome_of(item, published, options)
    if not outcome.ok:
        fail(f"{outcome.source}: {outcome.error}")
    return outcome.record
