from __future__ import annotations

import pytest

from claims.extractors.numbers import (
    find_quantities,
    opens_amount,
    parse_cardinal,
    parse_digits,
    quantities_at,
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["трех"], 3),
        (["трёх"], 3),
        (["тремя"], 3),
        (["одиннадцати"], 11),
        (["тридцать", "одного"], 31),
        (["пятидесяти", "двух"], 52),
        (["сорока", "семи"], 47),
        (["двумстам"], 200),
        (["девятисот"], 900),
        (["ста", "двадцати"], 120),
        (["двадцать", "одну"], 21),
        (["двое"], None),
        (["несколько"], None),
        (["тысяча"], None),
        (["человек"], None),
        ([], None),
    ],
)
def test_parse_cardinal_reads_number_words_in_any_case(words, expected, morph):
    assert parse_cardinal(words, morph) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("1 000", 1000),
        ("1\u00a0000", 1000),
        ("1,5", 1.5),
        ("2.5", 2.5),
        ("12-й", None),
        ("", None),
    ],
)
def test_parse_digits_reads_separators_and_decimals(text, expected):
    assert parse_digits(text) == expected


def quantities(analyse, morph, text):
    doc = analyse(text)
    return [
        (doc[q.start : q.end].text, doc[q.number_start : q.number_end].text, q.low, q.high, q.qualifier)
        for q in find_quantities(doc, morph)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Задержаны 52 человека.", [("52", "52", 52, 52, "exact")]),
        ("Задержаны 1 000 человек.", [("1 000", "1 000", 1000, 1000, "exact")]),
        ("Задержаны 1\u00a0200 человек.", [("1\u00a0200", "1\u00a0200", 1200, 1200, "exact")]),
        ("Освобождены 1,5 тыс. человек.", [("1,5 тыс.", "1,5 тыс.", 1500, 1500, "exact")]),
        ("Арестованы 12 тыс. человек.", [("12 тыс.", "12 тыс.", 12000, 12000, "exact")]),
        ("Задержаны более 18 тысяч человек.", [("более 18 тысяч", "18 тысяч", 18001, None, "more_than")]),
        ("Суд осудил тридцать одного активиста.", [("тридцать одного", "тридцать одного", 31, 31, "exact")]),
        ("Помощь оказали двумстам заключенным.", [("двумстам", "двумстам", 200, 200, "exact")]),
        ("Полиция задержала пятерых.", [("пятерых", "пятерых", 5, 5, "exact")]),
        ("Семеро были осуждены.", [("Семеро", "Семеро", 7, 7, "exact")]),
        ("Оба вышли на свободу.", [("Оба", "Оба", 2, 2, "exact")]),
        ("Задержаны две тысячи пятьсот человек.", [("две тысячи пятьсот", "две тысячи пятьсот", 2500, 2500, "exact")]),
        ("Вышли полторы тысячи человек.", [("полторы тысячи", "полторы тысячи", 1500, 1500, "exact")]),
        ("Задержаны несколько человек.", [("несколько", "несколько", 2, 9, "vague")]),
        ("Освобождены десятки заключенных.", [("десятки", "десятки", 20, 99, "vague")]),
        ("Арестованы сотни людей.", [("сотни", "сотни", 200, 999, "vague")]),
        ("Задержаны тысячи людей.", [("тысячи", "тысячи", 2000, 9999, "vague")]),
        ("Задержаны несколько тысяч человек.", [("несколько тысяч", "несколько тысяч", 2000, 9999, "vague")]),
        ("Арестованы десятки тысяч людей.", [("десятки тысяч", "десятки тысяч", 20000, 99999, "vague")]),
        ("Освобождены более десятка пленных.", [("более десятка", "десятка", 11, None, "more_than")]),
        ("Освобождены более тысячи человек.", [("более тысячи", "тысячи", 1001, None, "more_than")]),
        ("Освобождены около сотни человек.", [("около сотни", "сотни", 100, 100, "approx")]),
        ("Освобождены по меньшей мере 100 человек.", [("по меньшей мере 100", "100", 100, None, "at_least")]),
        ("Освобождены как минимум 100 человек.", [("как минимум 100", "100", 100, None, "at_least")]),
        ("Освобождены не менее 100 человек.", [("не менее 100", "100", 100, None, "at_least")]),
        ("Освободят до 100 человек.", [("до 100", "100", None, 100, "up_to")]),
        ("Освободят не более 100 человек.", [("не более 100", "100", None, 100, "up_to")]),
        ("Освобождены менее 100 человек.", [("менее 100", "100", None, 99, "less_than")]),
        ("Освобождены около 300 человек.", [("около 300", "300", 300, 300, "approx")]),
        ("Освобождены порядка 300 человек.", [("порядка 300", "300", 300, 300, "approx")]),
        ("Освобождены примерно 300 человек.", [("примерно 300", "300", 300, 300, "approx")]),
        ("Освобождены свыше 300 человек.", [("свыше 300", "300", 301, None, "more_than")]),
        ("Освобождены 100 с лишним человек.", [("100 с лишним", "100", 101, None, "more_than")]),
        ("Освобождены от 5 до 10 человек.", [("от 5 до 10", "5 до 10", 5, 10, "range")]),
        ("Освобождены 5–10 человек.", [("5–10", "5–10", 5, 10, "range")]),
        ("Их приговорили к срокам от двух до 11 лет.", [("от двух до 11", "двух до 11", 2, 11, "range")]),
        ("Больше всего заключенных освободили в сентябре.", []),
        ("Никого не освободили.", []),
    ],
)
def test_find_quantities_reads_number_bounds_and_qualifier(analyse, morph, text, expected):
    assert quantities(analyse, morph, text) == expected


@pytest.mark.slow
def test_find_quantities_returns_doc_token_indices_across_whitespace_tokens(analyse, morph):
    doc = analyse("Заголовок\n\nЗадержаны  более 30 человек.")
    (quantity,) = find_quantities(doc, morph)
    assert doc[quantity.start : quantity.end].text == "более 30"
    assert doc[quantity.number_start].text == "30"


def test_find_quantities_of_nothing_is_empty(morph):
    assert find_quantities([], morph) == []


@pytest.mark.parametrize(
    ("word", "opens"),
    [
        ("12", True),
        ("1,5", True),
        ("3-х", True),
        ("трех", True),
        ("Тремя", True),
        ("двое", True),
        ("обеих", True),
        ("нескольких", True),
        ("полтора", True),
        ("полсотни", True),
        ("тысячи", True),
        ("десятки", True),
        ("Многие", True),
        ("тыс", True),
        ("человек", False),
        ("задержаны", False),
        ("от", False),
        ("более", False),
        ("", False),
    ],
)
def test_opens_amount_is_the_cheap_test_of_where_a_number_may_start(word, opens, morph):
    assert opens_amount(word, morph) is opens


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Задержаны от двух до 11 человек, из них трое — журналисты.",
        "По меньшей мере 1 000 человек и несколько десятков активистов остаются под стражей.",
        "Полсотни задержанных и полторы тысячи участников; около 120 с лишним человек отпущены.",
        "От обвинений отказались, от адвокатов ответа нет.",
        "Суд отпустил обоих фигурантов, двумстам заключенным смягчили режим.",
    ],
)
def test_the_pre_filter_finds_what_reading_at_every_token_finds(analyse, morph, text):
    doc = analyse(text)
    words = [token for token in doc if not token.is_space]
    assert find_quantities(doc, morph) == quantities_at(words, [True] * len(words), morph)
