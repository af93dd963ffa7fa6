"""The record's tables as data (shared by the terminal and HTML views), the terminal's tables, and CSV rows."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from claims.models import Claim, Record
from claims.render.highlight import claim_line
from claims.render.spreadsheet import FIELDS, item_rows
from claims.render.terminal import content_width, fitted_tables, print_record, record_tables
from claims.render.views import NUMBER, WORD, claims_view, record_views, sources_view

from .test_show import TEXT, sample_record, span

LONG_CLAIM = "По данным «Вясны», в Беларуси остаются более 1000 политзаключенных."


def record_with_two_claims() -> Record:
    record = sample_record()
    quote = Claim(**span(TEXT, LONG_CLAIM[:-1]).model_dump(), direct=True)
    source = record.sources[0]
    return record.model_copy(update={"sources": [source.model_copy(update={"claims": [*source.claims, quote]})]})


def test_the_views_are_the_four_tables_of_the_record():
    views = record_views(sample_record())
    assert [view.title for view in views] == ["Actors — sample", "Dated events", "Prisoner counts", "Sources"]
    for view in views:
        assert all(len(row) == len(view.columns) for row in view.rows)


@pytest.mark.parametrize(
    ("title", "column", "wrap"),
    [("Actors — sample", "mentions", NUMBER), ("Prisoner counts", "low", NUMBER), ("Prisoner counts", "high", NUMBER),
     ("Dated events", "value", WORD), ("Sources", "id", WORD), ("Prisoner counts", "status", WORD)],
)  # fmt: skip
def test_numbers_and_codes_are_columns_that_never_wrap(title, column, wrap):
    [view] = [view for view in record_views(sample_record()) if view.title == title]
    assert {c.name: c.wrap for c in view.columns}[column] == wrap


def test_each_source_row_lists_its_claims_marked_direct_or_indirect():
    record = record_with_two_claims()
    [row] = sources_view(record).rows
    assert row[0] == "S1" and row[-1] == (
        "indirect: Вчера в Минске освободили 12 политзаключенных",
        "direct: «По данным «Вясны», в Беларуси остаются более 1000 политзаключенных»",
    )
    assert sources_view(record, with_claims=False).columns[-1].name == "via"


def test_the_claims_view_names_the_source_once_per_claim_list():
    rows = claims_view(record_with_two_claims()).rows
    assert [source for source, _ in rows] == ["S1 правозащитный центр «Вясна»", ""]
    assert [claim.split(":")[0] for _, claim in rows] == ["indirect", "direct"]


def test_a_long_claim_is_shortened_in_the_views_but_whole_in_csv():
    record = sample_record()
    long = record.sources[0].claims[0].model_copy(update={"text": "слово " * 100})
    source = record.sources[0].model_copy(update={"claims": [long]})
    record = record.model_copy(update={"sources": [source]})
    assert sources_view(record).rows[0][-1][0].endswith("…")
    [csv_source] = [row for row in item_rows(record) if row["item"] == "source"]
    assert csv_source["claims"] == claim_line(long, 10**9) and not csv_source["claims"].endswith("…")


# --- the terminal ----------------------------------------------------------------------------------------


def test_to_a_pipe_the_tables_are_as_wide_as_their_content(capsys):
    record = record_with_two_claims()
    print_record(record)
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) > 100
    assert not any("…" in line for line in lines)
    assert any("1000 политзаключенных»" in line for line in lines), "each claim on one line, uncut"


def test_width_keeps_the_tables_within_it(capsys):
    print_record(record_with_two_claims(), width=80)
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Claims" in [line.strip() for line in lines] and "1000" in "".join(lines)


def test_claims_move_to_a_table_of_their_own_only_when_the_sources_table_would_not_fit():
    record = record_with_two_claims()
    wide = [table.title for table in record_tables(record, width=300).renderables]
    narrow = [table.title for table in record_tables(record, width=80).renderables]
    assert wide[-1] == "Sources" and narrow[-2:] == ["Sources", "Claims"]


def test_a_piped_console_widens_to_the_tables():
    console = Console(file=io.StringIO(), width=80)
    tables = fitted_tables(record_with_two_claims(), console, None)
    assert console.width == content_width(tables, console) > 80


# --- CSV -------------------------------------------------------------------------------------------------


def test_csv_has_one_row_per_item_with_its_article_and_span():
    record = sample_record()
    rows = list(item_rows(record))
    assert [row["item"] for row in rows] == ["actor"] * 3 + ["event"] + ["count"] * 2 + ["source"]
    assert all(list(row) == list(FIELDS) and row["article"] == "sample" for row in rows)
    assert all(TEXT[row["start"] : row["end"]] == row["text"] for row in rows)
    count = rows[5]
    assert (count["id"], count["low"], count["high"], count["qualifier"]) == ("C2", 1001, "", "more_than")
    assert rows[3]["date_value"] == "2025-11-23" and rows[6]["claims"].startswith("indirect: Вчера")
