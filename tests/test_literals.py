import re

import pytest

from claims.literals import may_match, needed_literals

CASES = [
    ("назад", [{"назад"}]),
    (r"(?:в|во)\s+(?P<m>январ[еья]|март[еа])", [{"в", "во"}, {"январе", "январь", "января", "марте", "марта"}]),
    (r"(?<![\w-])(?:через|спустя)\s+\d+\s+(?:дней|лет)(?!\w)", [{"через", "спустя"}, {"дней", "лет"}]),
    (r"(?:сегодня|завтра)?\s*утром", [{"утром"}]),
    (r"\d{4}", []),
    (r"(?:ма[йяе]|июн)", [{"май", "мая", "мае", "июн"}]),
    (r"[а-я]+ого", [{"ого"}]),
    (r"(?:год|)\s+назад", [{"назад"}]),
    (r"(?:\d+|несколько)\s+лет", [{"лет"}]),
]


@pytest.mark.parametrize(("pattern", "expected"), CASES)
def test_needed_literals(pattern, expected):
    assert sorted(map(set, needed_literals(re.compile(pattern))), key=sorted) == sorted(expected, key=sorted)


@pytest.mark.parametrize(("pattern", "text"), [(p, t) for p, _ in CASES for t in ("", "через 5 лет", "в мае", "x")])
def test_a_text_without_the_literals_holds_no_match(pattern, text):
    compiled = re.compile(pattern)
    if compiled.search(text):
        assert may_match(needed_literals(compiled), text)


def test_case_folding_patterns_ask_for_nothing():
    assert needed_literals(re.compile("назад", re.IGNORECASE)) == ()


def test_the_date_rules_skip_only_texts_where_their_pattern_finds_nothing():
    from claims.extractors.dates import EVENT_RULES, RULES

    texts = ["Через три дня после выборов, 5 мая 2024 года, суд вынес приговор.", "В понедельник прошли обыски."]
    for rule in RULES + EVENT_RULES:
        for text in texts:
            lowered = text.lower()
            if rule.twin is not None and rule.twin.search(lowered):
                assert may_match(rule.needs, lowered), rule.name
