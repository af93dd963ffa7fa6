"""`claims stories`: group the events of a database's articles into stories (see stories.py)."""

from __future__ import annotations

import click

from .options import OneLineUsage, fail


@click.command(cls=OneLineUsage)
@click.argument("database", metavar="CLAIMS.db")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="Stories shown.")
def stories(database: str, top: int) -> None:
    """Group events that different articles report about one happening into stories.

    Events go together when their kinds agree (a pardon and a release of the same people are one
    happening), their dates can both be true at their precision, the articles name the same actors
    and no other places. The stories go into the `stories`, `story_events` and `story_counts` tables
    (replacing those of an earlier run); the most reported are shown with their figures, and the
    figures that cannot both be true side by side.

    \b
    Example:
      claims batch articles/ --db claims.db
      claims stories claims.db --top 10
    """
    from rich.console import Console

    from ..render.stories import stories_view
    from ..store import StoreError, read_records, save_stories
    from ..stories import cluster
    from .db import open_store

    store = open_store(database, create=False)
    try:
        clustering = cluster(read_records(store))
        save_stories(store, clustering)
    except StoreError as error:
        fail(str(error))
    console = Console()
    console.width = max(console.width, 160)
    console.print(stories_view(clustering, top))
    articles = len(clustering.lead)
    click.echo(f"claims: {database}: {len(clustering.stories)} stories over {articles} articles", err=True)
