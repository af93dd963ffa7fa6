"""Properties of any input: extraction never raises, spans point into the text, records fit the schema."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from claims.errors import InputError
from claims.models import Record
from claims.readers import decode

from .conftest import SAMPLES

pytestmark = pytest.mark.slow

SETTINGS = settings(
    max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def sample_words() -> list[str]:
    words = {word for path in sorted(SAMPLES.glob("*.txt")) for word in path.read_text(encoding="utf-8").split()}
    return sorted(words)


NEWS_WORDS = sample_words()
SEPARATORS = [" ", " ", " ", "\n", "\n\n", ", ", ". ", " — ", "\t", "\u00a0", "\r\n", "\u2028"]



ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
NEWS_LIKE = st.lists(
    st.one_of(
        st.sampled_from(NEWS_WORDS),
        st.sampled_from(SEPARATORS),
        st.integers(0, 10**7).map(str),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=3),
    ),
    max_size=80,
).map("".join)


def spans_of(record: Record):
    """Every span of the record, with where it comes from."""
    for actor in record.actors:
        for mention in actor.mentions:
            yield f"actor {actor.id} mention", mention
    for event in record.events:
        yield f"event {event.id} trigger", event.trigger
        if event.date:
            yield f"event {event.id} date", event.date
    for count in record.prisoner_counts:
        yield "prisoner count", count
    for source in record.sources:
        for mention in source.mentions:
            yield f"source {source.id} mention", mention
        for claim in source.claims:
            yield f"source {source.id} claim", claim


def check_record(record: Record, text: str) -> None:
    for where, span in spans_of(record):
        assert 0 <= span.start <= span.end <= len(text), (where, span)
        assert text[span.start : span.end] == span.text, (where, span)
    for count in record.prisoner_counts:
        assert count.number in count.text, count
    assert Record.model_validate_json(record.model_dump_json()) == record


@SETTINGS
@given(text=ANY_TEXT)
def test_any_unicode_text_gives_a_valid_record(extract, text):
    check_record(extract(text), text)


@pytest.mark.parametrize("text", ["\U00017000", "Освобождены 𗀀 заключенных"])
def test_letters_without_a_unicode_name(extract, text):
    check_record(extract(text), text)


@SETTINGS
@given(text=NEWS_LIKE)
def test_news_like_text_gives_a_valid_record(extract, text):
    check_record(extract(text), text)


@settings(max_examples=200, deadline=None, database=None)
@given(data=st.binary(max_size=400))
def test_any_bytes_decode_or_raise_input_error(data):
    try:
        decoded = decode(data, "x")
    except InputError:
        return
    assert isinstance(decoded.text, str)


@settings(max_examples=100, deadline=None, database=None)
@given(text=st.text(max_size=200), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_encodings_round_trip(text, encoding):
    # UTF-16's BOM followed by U+0000 is byte for byte UTF-32's BOM: no reader can tell them apart.
    assume(not (encoding == "utf-16" and text.startswith("\x00")))
    try:
        decoded = decode(text.encode(encoding), "x")
    except InputError as error:
        assert error.problem == "binary file, not text"  # control characters are not articles
        return
    bom_eaten = encoding == "utf-8" and text.startswith("\ufeff")  # a leading U+FEFF reads as a byte-order mark
    assert decoded.text == (text[1:] if bom_eaten else text)
