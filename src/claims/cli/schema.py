"""`claims schema`: the JSON Schema of the record."""

from __future__ import annotations

import json

import click


@click.command()
def schema() -> None:
    """Print the JSON Schema of the record.

    \b
    Example:
      claims schema > record.schema.json
    """
    from ..models import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
