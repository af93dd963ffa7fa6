import pytest

from claims.link import SpanIndex

SPANS = [(30, 35), (5, 9), (10, 40), (12, 14), (40, 44)]


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        (0, 50, [0, 1, 2, 3, 4]),
        (10, 40, [0, 2, 3]),  # a span ending at the claim's end is inside, one starting there is not
        (11, 36, [0, 3]),
        (6, 12, []),  # (5, 9) starts before, (10, 40) ends after
        (44, 60, []),
    ],
)
def test_the_spans_inside_a_claim_come_in_their_own_order(start, end, inside):
    assert SpanIndex(SPANS).inside(start, end) == inside
