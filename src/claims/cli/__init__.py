"""The `claims` command: parse options, call the library, render. One module per command.

Models load only inside commands, so `claims --help` and `claims schema` stay instant.
"""

from __future__ import annotations

import click

from .batch import batch
from .eval import eval_command
from .extract import extract
from .options import EXIT_OK, silence_stdout
from .report import report
from .schema import schema
from .show import show


class Claims(click.Group):
    """The command group; a reader that goes away (`claims ... | head`) ends a command quietly, as in Unix tools."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            silence_stdout()
            ctx.exit(EXIT_OK)


@click.group(cls=Claims, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claims")
def main() -> None:
    """Extract actors, dated events, prisoner counts and sources from Russian news articles.

    \b
    Example:
      claims extract article.txt --published 2025-11-24 --format table

    \b
    Shell completion (bash; zsh and fish alike, with zsh_source or fish_source):
      eval "$(_CLAIMS_COMPLETE=bash_source claims)"
    """


for command in (extract, batch, schema, eval_command, show, report):
    main.add_command(command)
