"""The `claims` command: parse options, call the library, render. One module per command.

Models load only inside commands, so `claims --help` and `claims schema` stay instant.
"""

from __future__ import annotations

import click

from .batch import batch
from .db import db
from .ending import EndingGroup
from .eval import eval_command
from .extract import extract
from .report import report
from .schema import schema
from .show import show
from .stories import stories


@click.group(cls=EndingGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


for command in (extract, batch, schema, eval_command, show, report, db, stories):
    main.add_command(command)
