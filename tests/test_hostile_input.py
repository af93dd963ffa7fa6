from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from claims.batch import process
from claims.cli import main
from claims.errors import InputError
from claims.invisible import visible
from claims.models import Record
from claims.readers import ReadOptions, finished, iter_articles, read_file

from .conftest import SEED_PUBLISHED

PAGE = (
    "<html><head><title>Помилование</title></head><body><article>"
    "<p>Президент помиловал 31 заключенного, сообщила пресс-служба.</p></article></body></html>"
)

INVISIBLE_CASES = [
    ("abc", "abc"),
    ("за\u200bклю\u200dченных", "заключенных"),
    ("\u200f100\u200f", "100"),
    ("заключе\u0301нных", "заключенных"),
    ("и\u0306 е\u0308", "й ё"),
    ("мягкий\u00adзнак\ufeff", "мягкийзнак"),
    ("\u202aМинск\u202c \u2066Гомель\u2069", "Минск Гомель"),
]


@pytest.mark.parametrize(("text", "seen"), INVISIBLE_CASES)
def test_invisible_characters_are_left_out_of_the_analysed_text(text, seen):
    assert visible(text).text == seen


@pytest.mark.parametrize(("text", "seen"), INVISIBLE_CASES)
def test_every_visible_span_maps_onto_the_same_letters_of_the_original(text, seen):
    view = visible(text)
    for start in range(len(seen)):
        for end in range(start + 1, len(seen) + 1):
            first, last = view.span(start, end)
            assert visible(text[first:last]).text == seen[start:end]
            assert not visible(text[first:last]).text.startswith(("\u200b", "\u200f"))


def test_spans_end_before_trailing_marks_and_start_after_leading_ones():
    view = visible("a \u200f100\u200f b")
    assert view.text == "a 100 b"
    start, end = view.span(2, 5)
    assert view.original[start:end] == "100"


@pytest.mark.slow
@pytest.mark.parametrize("mark", ["\u200b", "\u200f", "\u0301", "\u00ad"])
def test_invisible_marks_inside_the_seed_change_no_count(extract, seed_text, seed_record, mark):
    marked = seed_text.replace("00", "0" + mark + "0").replace("заключ", "за" + mark + "ключ")
    assert marked != seed_text
    record = extract(marked, published=SEED_PUBLISHED)
    assert [(c.low, c.high, c.status) for c in record.prisoner_counts] == [
        (c.low, c.high, c.status) for c in seed_record.prisoner_counts
    ]
    for span in [*record.prisoner_counts, *(m for a in record.actors for m in a.mentions)]:
        assert marked[span.start : span.end] == span.text


@pytest.mark.slow
def test_bidi_marks_around_a_number_keep_the_count(extract):
    text = "Вчера освободили \u200f100\u200f заключенных."
    record = extract(text, published=dt.date(2025, 3, 1))
    assert [(c.low, c.status) for c in record.prisoner_counts] == [(100, "released")]
    count = record.prisoner_counts[0]
    assert text[count.start : count.end] == count.text


OUT_OF_RANGE = [
    ("Завтра освободят 10 заключенных.", dt.date(9999, 12, 31), "date «Завтра» left unresolved"),
    ("Вчера освободили 10 заключенных.", dt.date(1, 1, 1), "date «Вчера» left unresolved"),
    ("Освобождены " + "7" * 5000 + " заключенных.", None, "a number of 5,000 digits at 12 left unread"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "published", "warning"), OUT_OF_RANGE)
def test_numbers_and_dates_beyond_range_are_left_unresolved_with_a_warning(models, text, published, warning):
    from claims.readers import Article

    outcome = process(Article(id="x", text=text), published=published, models=models)
    assert outcome.ok, outcome.error
    assert warning in outcome.record.warnings[0]


def test_batch_reduces_html_in_the_worker_not_while_reading(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [item] = iter_articles([tmp_path], defer_html=True)
    assert item.markup and item.text == PAGE
    assert finished(item).text == read_file(tmp_path / "page.html").text
    assert "31 заключенного" in finished(item).text


def test_a_jsonl_line_over_the_limit_is_refused_before_it_is_parsed(tmp_path):
    dump = tmp_path / "dump.jsonl"
    huge = json.dumps({"id": "huge", "text": "<p>" + "Минск. " * 1000 + "</p>"}, ensure_ascii=True)
    dump.write_text(huge + "\n" + json.dumps({"id": "ok", "text": "Задержаны двое."}) + "\n", encoding="utf-8")
    items = list(iter_articles([dump], ReadOptions(max_chars=20)))
    assert isinstance(items[0], InputError) and items[0].problem.startswith("line of over 1,944 bytes is too big")
    assert items[1].id == "ok"


def test_report_reads_records_whose_text_holds_unicode_line_separators(tmp_path):
    lines = [Record(id=f"r{n}", text=f"строка\u2028вторая\u0085третья {n}").model_dump_json() for n in range(2)]
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(path), "--html", str(tmp_path / "report.html")])
    assert result.exit_code == 0, result.output
    assert "(2 records)" in result.output
