import pytest

from claims.extractors.spans import SpanIndex
from claims.link import within

SPANS = [(30, 35, "a"), (5, 9, "b"), (10, 40, "c"), (12, 14, "d"), (40, 44, "e")]


@pytest.mark.parametrize(
    ("start", "end", "found"),
    [
        (0, 50, ["a", "b", "c", "d", "e"]),
        (10, 40, ["a", "c", "d"]),  # a span ending at the claim's end is inside, one starting there is not
        (11, 36, ["a", "d"]),
        (6, 12, []),  # (5, 9) starts before, (10, 40) ends after
        (44, 60, []),
    ],
)
def test_the_spans_inside_a_claim_come_in_their_own_order(start, end, found):
    assert within(SpanIndex(SPANS), start, end) == found
