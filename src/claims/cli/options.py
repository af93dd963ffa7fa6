"""What the commands share: options, exit codes, one-line failures."""

from __future__ import annotations

import sys

import click

from ..errors import PublishedDateError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def published_option(function):
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        callback=check_published,
        help="Publication date for resolving relative dates (overrides the input's own and any dateline).",
    )(function)


def check_published(ctx, param, value):
    from ..readers import parse_published

    try:
        return parse_published(value)
    except PublishedDateError as error:
        raise click.BadParameter(str(error)) from None


def fail(message: str, code: int = EXIT_FAILED) -> None:
    click.echo(f"claims: {message}", err=True)
    sys.exit(code)


def remember(name: str):
    def callback(ctx, param, value):
        ctx.meta[f"claims.{name}"] = value
        return value

    return callback


INPUT_OPTIONS = [
    click.option(
        "--encoding",
        metavar="NAME",
        expose_value=False,
        callback=remember("encoding"),
        help="Decode inputs with this encoding instead of detecting it.",
    ),
    click.option(
        "--max-chars",
        type=click.IntRange(min=1),
        default=2_000_000,
        show_default=True,
        expose_value=False,
        callback=remember("max_chars"),
        help="Refuse articles longer than this.",
    ),
    click.option(
        "--strict",
        is_flag=True,
        expose_value=False,
        callback=remember("strict"),
        help="Treat input warnings (e.g. too little Cyrillic) as errors.",
    ),
    click.option(
        "--include-text",
        is_flag=True,
        expose_value=False,
        callback=remember("include_text"),
        help="Put the analysed text into each record.",
    ),
]


def input_options(function):
    for option in reversed(INPUT_OPTIONS):
        function = option(function)
    return function


def read_options():
    """The ReadOptions of the running command, from its --encoding/--max-chars/--strict/--include-text."""
    from ..readers import ReadOptions

    meta = click.get_current_context().meta
    return ReadOptions(
        encoding=meta.get("claims.encoding"),
        max_chars=meta.get("claims.max_chars", 2_000_000),
        strict=bool(meta.get("claims.strict")),
        include_text=bool(meta.get("claims.include_text")),
    )
