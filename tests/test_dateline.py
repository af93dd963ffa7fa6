from __future__ import annotations

import datetime as dt

import pytest

from claims.dateline import find_dateline, find_published, month_number

TODAY = dt.date(2025, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 ноября 2025, 10:15\nАдминистрация Трампа и Беларусь обсуждают освобождение.", dt.date(2025, 11, 24)),
        ("МОСКВА, 24 ноя — РИА Новости. Лукашенко помиловал 31 украинца.", dt.date(2025, 11, 24)),
        ("МИНСК, 14 марта 2025 — Лукашенко помиловал 18 человек.", dt.date(2025, 3, 14)),
        ("НЬЮ-ЙОРК, 16 января 2025 — По меньшей мере 347 журналистов находились в заключении.", dt.date(2025, 1, 16)),
        ("Минск, 3 мая 2024 — Суд вынес приговор.", dt.date(2024, 5, 3)),
        ("Лукашенко помиловал 31 украинца\n\n14.03.2025 10:15\nТекст статьи.", dt.date(2025, 3, 14)),
        ("Опубликовано: 3 мая 2024 г.\nТекст статьи.", dt.date(2024, 5, 3)),
        ("Вторник, 2 декабря 2025\nТекст статьи.", dt.date(2025, 12, 2)),
        ("2025-03-14\nТекст статьи.", dt.date(2025, 3, 14)),
        ("МОСКВА, 2 дек — РИА Новости.", dt.date(2024, 12, 2)),  # no year, and December 2025 is still ahead
    ],
)
def test_find_published_reads_datelines(text, expected):
    assert find_published(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "22 ноября Лукашенко помиловал 31 украинца.",
        "В понедельник, 24 ноября, его задержали.",
        "Вчера, 3 мая, его задержали.",
        "Заголовок\nПервый абзац.\nВторой абзац.\n24 ноября 2025",
        "МОСКВА, 31 февраля 2025 — Ошибка в дате.",
        "",
    ],
)
def test_find_published_ignores_ordinary_sentences(text):
    assert find_published(text, today=TODAY) is None


def test_find_dateline_spans_the_date_only():
    text = "МИНСК, 14 марта 2025 — Лукашенко помиловал 18 человек."
    dateline = find_dateline(text, today=TODAY)
    assert text[dateline.start : dateline.end] == "14 марта 2025"


@pytest.mark.parametrize(
    ("word", "number"),
    [("января", 1), ("февраль", 2), ("марте", 3), ("мая", 5), ("май", 5), ("ноя", 11), ("Дек.", 12), ("сент", 9)],
)
def test_month_number(word, number):
    assert month_number(word) == number
