from __future__ import annotations

import pytest

from claims.link import is_quoted


@pytest.mark.parametrize(
    ("text", "claim", "direct"),
    [
        ('"Штаты готовы к диалогу", — заявил спикер.', "Штаты готовы к диалогу", True),
        ("«Мы освободим всех», — сказал он.", "Мы освободим всех", True),
        ("Он сказал: «Мы освободим всех».", "«Мы освободим всех»", True),
        ("Он сказал, что власти освободят всех.", "власти освободят всех", False),
        ("По словам адвоката, суд отложен.", "суд отложен", False),
    ],
)
def test_direct_quotes_are_told_from_indirect_speech(text, claim, direct):
    start = text.index(claim)
    assert is_quoted(text, start, start + len(claim)) is direct


@pytest.mark.slow
def test_seed_claims_carry_directness_events_and_counts(seed_record):
    spokesman = next(s for s in seed_record.sources if s.name == "спикер ведомства")
    assert any(claim.direct and claim.text.startswith("Штаты готовы") for claim in spokesman.claims)
    counts = seed_record.prisoner_counts
    for source in seed_record.sources:
        for claim in source.claims:
            for index in claim.counts:
                assert claim.start <= counts[index].start and counts[index].end <= claim.end
    assert any(claim.counts for source in seed_record.sources for claim in source.claims)
    assert any(claim.events for source in seed_record.sources for claim in source.claims)
