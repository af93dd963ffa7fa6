from __future__ import annotations

import pytest

from claims.normalize import inflect_phrase, natasha_tokens


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Суд арестовал Дмитрия Иванова.", "Дмитрия Иванова", "Дмитрий Иванов"),
        ("Вчера в Москве суд арестовал Дмитрия Иванова.", "Дмитрия Иванова", "Дмитрий Иванов"),
        ("Адвокаты Дмитрия Иванова обжаловали арест.", "Дмитрия Иванова", "Дмитрий Иванов"),
    ],
)
def test_a_phrase_is_put_in_the_nominative_wherever_it_stands(analyse, models, text, phrase, expected):
    doc = analyse(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert inflect_phrase(span, models.morph_vocab) == expected


@pytest.mark.slow
def test_the_same_words_give_the_same_cache_key_wherever_they_stand(analyse):
    first, second = analyse("Суд арестовал Дмитрия Иванова."), analyse("Вчера суд арестовал Дмитрия Иванова.")
    assert natasha_tokens(first[2:4]) == natasha_tokens(second[3:5])
    assert hash(natasha_tokens(first[2:4])) == hash(natasha_tokens(second[3:5]))
