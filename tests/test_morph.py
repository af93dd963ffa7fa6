import pytest

from claims.morph import lookup_form


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("Москвы", "москвы"),
        ("ПУТИН", "путин"),
        ("ВАЗ-21114", "ваз-21114"),
        ("И", "И"),  # a single capital is an initial to pymorphy2
        ("XIV", "XIV"),  # a Latin capital may be a Roman numeral
        ("Лёкке", "Лёкке"),  # «е» for «ё» finds other words
        ("москвы", "москвы"),
    ],
)
def test_lookup_form(word, form):
    assert lookup_form(word) == form


@pytest.mark.parametrize("word", ["Москвы", "Путина", "ГОК", "Сбербанка", "Ким", "Иванову", "Нью-Йорке", "И", "XIV"])
def test_parse_of_lookup_form_is_parse_of_word(morph, word):
    def analyses(parses):
        return [(p.word, str(p.tag), p.normal_form, p.score) for p in parses]

    assert analyses(morph.parse(word)) == analyses(morph.vocab.parse(word))
