"""Every article of a batch gets its publication date: sidecars, a mapping file, `--published` formats."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.errors import InputError, PublishedDateError
from claims.readers import dated_by, parse_published, read_file, read_publication_map

ARTICLE = "Вчера в Минске задержали 12 человек. В пятницу их отпустили, а в сентябре снова арестовали."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-11-24", dt.date(2025, 11, 24)),
        ("24.11.2025", dt.date(2025, 11, 24)),
        ("4.3.2021", dt.date(2021, 3, 4)),
        (" 01.02.2020 ", dt.date(2020, 2, 1)),
        (None, None),
    ],
)
def test_published_accepts_iso_and_dotted_dates(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["31.02.2025", "24/11/2025", "2025.11.24", "вчера", "24.11.25"])
def test_published_refuses_other_dates(value):
    with pytest.raises(PublishedDateError, match="expected YYYY-MM-DD or DD.MM.YYYY"):
        parse_published(value)


def test_a_sidecar_dates_its_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"published": "24.11.2025", "source": "агентство"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    assert read_file(tmp_path / "a.txt").published == dt.date(2025, 11, 24)
    assert read_file(tmp_path / "b.txt").published is None


@pytest.mark.parametrize(
    ("sidecar", "problem"),
    [
        ("{not json", "unreadable sidecar"),
        ('["2025-11-24"]', "a sidecar must be a JSON object"),
        ('{"published": "2025-13-01"}', "invalid publication date '2025-13-01'"),
    ],
)
def test_a_bad_sidecar_names_itself(tmp_path, sidecar, problem):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(sidecar, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_file(tmp_path / "a.txt")
    assert error.value.source == str(tmp_path / "a.meta.json")
    assert problem in error.value.problem


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ('{"a.txt": "2025-11-24", "b": "01.03.2024"}', "dates.json"),
        ("# name,date\na.txt,2025-11-24\nb\t01.03.2024\n", "dates.csv"),
    ],
)
def test_publication_map_from_json_or_lines(tmp_path, content, name):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert read_publication_map(path) == {"a.txt": dt.date(2025, 11, 24), "b": dt.date(2024, 3, 1)}


@pytest.mark.parametrize(
    ("content", "source", "problem"),
    [
        ("a.txt,2025-11-24\nb.txt\n", "dates.csv:2", "expected `name,date`"),
        ("a.txt,2025-02-30\n", "dates.csv", "a.txt: invalid publication date '2025-02-30'"),
    ],
)
def test_a_bad_publication_map_names_the_line(tmp_path, content, source, problem):
    path = tmp_path / "dates.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_publication_map(path)
    assert error.value.source == str(tmp_path / source)
    assert error.value.problem.startswith(problem)


def test_the_map_dates_articles_by_file_name_or_id(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE, encoding="utf-8")
    items = [read_file(tmp_path / name) for name in ("a.txt", "b.txt", "c.txt")]
    dates = {"a.txt": dt.date(2025, 11, 24), "b": dt.date(2024, 3, 1)}
    assert [item.published for item in dated_by(items, dates)] == [dt.date(2025, 11, 24), dt.date(2024, 3, 1), None]


@pytest.mark.slow
def test_a_folder_batch_with_sidecars_resolves_every_relative_date(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, published in (("first", "2025-11-24"), ("second", "14.03.2025"), ("third", None)):
        (folder / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
        if published:
            (folder / f"{name}.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--quiet", "--workers", "1"])

    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    values = {name: [e["date"]["value"] for e in r["events"] if e["date"]] for name, r in records.items()}
    assert values["first"] == ["2025-11-23", "2025-11-21", "2025-09"]
    assert values["second"] == ["2025-03-13", "2025-03-14", "2024-09"]
    assert (records["first"]["published_from"], records["first"]["warnings"]) == ("input", [])
    assert records["second"]["warnings"] == []
    assert all("X" in value for value in values["third"])
    assert records["third"]["warnings"] == [
        "3 relative date(s) left unresolved for lack of a publication date: «Вчера», «В пятницу», «в сентябре»"
    ]


@pytest.mark.slow
def test_published_from_dates_the_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "third.txt").write_text(ARTICLE, encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("third.txt,24.11.2025\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["batch", str(folder), "-o", str(out), "--quiet", "--workers", "1", "--published-from", str(dates)]
    result = CliRunner().invoke(main, args)

    assert result.exit_code == 0, result.output
    (record,) = map(json.loads, out.read_text(encoding="utf-8").splitlines())
    assert (record["published"], record["warnings"]) == ("2025-11-24", [])


def test_a_bad_published_from_file_is_a_usage_error(tmp_path):
    dates = tmp_path / "dates.csv"
    dates.write_text("just one column\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--published-from", str(dates)])
    assert result.exit_code == 2
    assert f"--published-from: {dates}:1: expected `name,date`" in result.output


def test_published_option_takes_a_dotted_date(tmp_path):
    result = CliRunner().invoke(main, ["extract", "--published", "31.11.2025", "-"], input="Текст.")
    assert result.exit_code == 2
    assert "invalid publication date '31.11.2025'" in result.output
