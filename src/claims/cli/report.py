"""`claims report`: a batch's records (one JSON a line) as an HTML overview with a timeline chart."""

from __future__ import annotations

from pathlib import Path

import click

from .options import EXIT_FAILED, OneLineUsage, fail
from .show import write_page


@click.command(cls=OneLineUsage)
@click.argument("records", type=click.Path(dir_okay=False), metavar="CLAIMS.jsonl|CLAIMS.db")
@click.option("--html", "html_path", required=True, metavar="OUT.html", help="Where to write the page.")
@click.option("--title", help="The page's title (default: the input's file name).")
def report(records: str, html_path: str, title: str | None) -> None:
    """Turn the output of `claims batch` into one offline HTML overview.

    The page shows the most cited sources and their kinds, the actors, and a timeline chart of dated events
    and prisoner counts across the articles. Lines that are not records are listed and skipped (exit code 1).
    From a database (`claims batch --db`), the page also shows the stories, each with its figures, and a
    profile of each source; the articles of the stories get their own `claims show` pages beside it.

    \b
    Example:
      claims batch articles/ -o claims.jsonl
      claims report claims.jsonl --html report.html
      claims report claims.db --html report.html
    """
    from ..render.html import report_page

    if is_database(Path(records)):
        return database_report(records, html_path, title)
    loaded, problems = read_records(Path(records))
    if not loaded:
        fail(f"{records}: no records" + (f" ({problems[0]})" if problems else ""))
    write_page(html_path, report_page(loaded, title=title or Path(records).name, problems=problems))
    click.echo(f"claims: wrote {html_path} ({len(loaded)} records)", err=True)
    for problem in problems:
        click.echo(f"claims: {problem}", err=True)
    if problems:
        raise SystemExit(EXIT_FAILED)


def read_records(path: Path) -> tuple[list, list[str]]:
    """The records of a JSON Lines file, and one line of text for each line that is not a record."""
    from pydantic import ValidationError

    from ..models import Record

    if not path.is_file():
        fail(f"{path}: no such file")
    try:
        lines = path.read_text(encoding="utf-8").split("\n")  # JSON Lines end at \n only, not at U+2028
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{path}: {getattr(error, 'strerror', None) or error}")
    records, problems = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(Record.model_validate_json(line))
        except ValidationError as error:
            problems.append(f"{path}:{number}: not a record ({first_error(error)})")
    return records, problems


def first_error(error) -> str:
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem.get("loc", ()))
    return f"[{where}] {problem['msg']}" if where else problem["msg"]


def is_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def database_report(path: str, html_path: str, title: str | None) -> None:
    """The overview of a database, with its stories and the show pages of their articles."""
    from ..render.html import report_page
    from ..render.stories_html import story_views
    from ..store import read_records as stored_records
    from ..stories import cluster
    from .db import open_store

    records = list(stored_records(open_store(path, create=False)))
    if not records:
        fail(f"{path}: no records")
    clustering = cluster(records)
    links = write_show_pages(records, story_views(clustering), Path(html_path))
    page = report_page(records, title=title or Path(path).name, clustering=clustering, links=links)
    write_page(html_path, page)
    click.echo(f"claims: wrote {html_path} ({len(records)} records, {len(links)} article pages)", err=True)


def write_show_pages(records: list, views: list, html_path: Path) -> dict[str, str]:
    """`claims show` pages of the stories' articles that have their text, in a folder beside the report."""
    from ..render.html import show_page
    from ..render.stories_html import link_of, show_file

    wanted = {article for view in views for article, _ in view.articles}
    folder = html_path.with_name(html_path.stem + "-articles")
    links = {}
    for record in records:
        if record.id in wanted and record.text:
            folder.mkdir(exist_ok=True)
            write_page(str(folder / show_file(record.id)), show_page(record, record.text))
            links[record.id] = link_of(folder.name, record.id)
    return links
