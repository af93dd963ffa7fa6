import re

import pytest

from claims.extractors.dates import RULES, compile_rule, finditer_folded, lowercase_twin


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.mark.parametrize(
    ("template", "text"),
    [
        (r"(?P<d>\d{1,2})\s+(?P<mon>марта)", "С 8 Марта по 8 марта, и ещё 9 МАРТА."),
        (r"(?:в\s+)?(?P<word>среду|четверг)", "В среду и В ЧЕТВЕРГ, но не всреду."),
        (r"сегодня", "Сегодня-то нет, а сегодня да; СЕГОДНЯШНИЙ — нет."),
    ],
)
def test_a_lowercase_scan_finds_what_the_case_blind_pattern_finds_with_the_text_s_own_case(template, text):
    pattern = compile_rule(template)
    twin = lowercase_twin(pattern)
    assert twin is not None
    assert spans(finditer_folded(pattern, twin, text, text.lower())) == spans(pattern.finditer(text))


@pytest.mark.parametrize(
    ("source", "twin"),
    [
        (r"(?P<mon>марта)\s+\d{4}", True),
        (r"\S+\s+\D", True),  # escapes are no letters
        (r"День\s+Победы", False),  # a capital in the pattern itself: a lowercased text never has it
    ],
)
def test_a_pattern_with_a_capital_letter_of_its_own_gets_no_lowercase_twin(source, twin):
    assert (lowercase_twin(re.compile(source, re.IGNORECASE)) is not None) == twin


def test_without_a_lowercased_text_the_pattern_scans_the_text_itself():
    pattern = compile_rule(r"марта")
    assert spans(finditer_folded(pattern, lowercase_twin(pattern), "8 МАРТА", None)) == [(2, 7, "МАРТА")]


def test_every_date_rule_has_its_lowercase_twin():
    assert [rule.name for rule in RULES if rule.twin is None] == []
