from __future__ import annotations

import pytest

from claims.audit import record_problems
from claims.brackets import closes, is_balanced, opens, unmatched


@pytest.mark.parametrize(
    ("phrase", "balanced"),
    [
        ("Радиостанция «Говорит Москва»", True),
        ("Радиостанция «Говорит Москва", False),
        ("Джеймс «Бадди» Макгирт (James (Buddy) McGirt)", True),
        ("Джеймс «Бадди» Макгирт (James (Buddy) McGirt", False),
        ("Hochheim am Main)", False),
        ("РИА \"Новости\"", True),
        ("РИА \"Новости", False),
        ("Центр „Свобода и прогресс“", True),
        ("Центр „Свобода и прогресс", False),
        ("the “Times”", True),
        ("(«)»", False),
        ("", True),
    ],
)
def test_is_balanced(phrase, balanced):
    assert is_balanced(phrase) is balanced


@pytest.mark.parametrize(
    ("marks", "lonely"),
    [
        (["ХДС", "(", "союз"], [1]),
        (["Main", ")"], [1]),
        (["П", '"', "ФСБ"], [1]),
        (["«", "а", "»", ")", "("], [3, 4]),
        (["(", "а", ")"], []),
    ],
)
def test_unmatched_positions(marks, lonely):
    assert unmatched(marks) == lonely


@pytest.mark.parametrize(
    ("marks", "following", "expected"),
    [
        (["Радио", "«", "Говорит", "Москва"], "»", True),
        (["ХДС", "(", "союз"], ")", True),
        (["ХДС", "(", "союз"], "»", False),
        (["РИА", '"', "Новости"], '"', True),
        (["Иван", "Петров"], ")", False),
    ],
)
def test_closes(marks, following, expected):
    assert closes(marks, following) is expected


@pytest.mark.parametrize(
    ("preceding", "marks", "expected"),
    [
        ("(", ["Main", ")"], True),
        ('"', ["П", '"', "ФСБ"], True),
        ("«", ["Main", ")"], False),
        ("(", ["Иван"], False),
    ],
)
def test_opens(preceding, marks, expected):
    assert opens(preceding, marks) is expected


TEXT = "Радиостанция «Говорит Москва» сообщила."


def actor_with(start: int, end: int) -> dict:
    mention = {"start": start, "end": end, "text": TEXT[start:end]}
    return {"actors": [{"id": "A1", "name": "Говорит Москва", "mentions": [mention]}]}


@pytest.mark.parametrize(
    ("record", "problems"),
    [
        (actor_with(14, 28), []),
        (actor_with(13, 28), ["actor A1 mention '«Говорит Москва' is unbalanced"]),
        ({"events": [{"trigger": {"start": 0, "end": 5, "text": "Радио"}}]}, []),
        ({"events": [{"trigger": {"start": 1, "end": 6, "text": "Радио"}}]},
         ["events[0].trigger: offsets 1:6 give 'адиос', not 'Радио'"]),
    ],
)
def test_record_problems(record, problems):
    assert record_problems(record, TEXT) == problems
