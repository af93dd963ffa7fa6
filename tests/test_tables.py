"""Every rule table keyed by lemma holds lemmas as Natasha writes them: lower case, «е» for «ё», and a
normal form of itself in pymorphy2's dictionary (a word the dictionary lacks is taken as it is)."""

from __future__ import annotations

import pytest

from claims.extractors import actors, counts, dates, events, triggers
from claims.extractors.sources import rules
from claims.morph import fold

LEMMA_TABLES = {
    "triggers.EVENT_TRIGGERS": {lemma for lemmas in triggers.EVENT_TRIGGERS.values() for lemma in lemmas},
    "triggers.STATE_TRIGGERS": triggers.STATE_TRIGGERS,
    "counts.PRISON_PLACES": counts.PRISON_PLACES,
    "counts.PHRASE_TRIGGERS": counts.PHRASE_TRIGGERS,
    "counts.PLANNING": counts.PLANNING,
    "counts.BLOCKERS": counts.BLOCKERS,
    "counts.EXCHANGE_WORDS": counts.EXCHANGE_WORDS,
    "counts.SOURCE_HEADS": counts.SOURCE_HEADS,
    "events.LIGHT_VERBS": events.LIGHT_VERBS,
    "events.MODAL_VERBS": events.MODAL_VERBS,
    "dates.FUTURE_CUES": dates.FUTURE_CUES,
    "dates.ACHIEVED": dates.ACHIEVED,
    "actors.INSTITUTION_HEADS": actors.INSTITUTION_HEADS,
    "actors.GENERIC_HEADS": actors.GENERIC_HEADS,
    "actors.APPOINTING_LEMMAS": actors.APPOINTING_LEMMAS,
    **{
        f"actors.{name}": getattr(actors, name)
        for name in (
            "ACTING_HEADS", "NAME_BOUND_HEADS", "SELF_NAMING_HEADS", "PLURAL_HEADS", "REFERRING_NOUNS",
            "NAMING_PERSON_NOUNS", "LATIN_NAME_CLASSES", "DESCRIBING_ADJECTIVES", "CLASS_NOUNS", "VENUE_NOUNS",
        )
    },
    "actors.QUALIFIED_HEADS": {lemma for lemmas in actors.QUALIFIED_HEADS.values() for lemma in lemmas},
    **{
        f"sources.rules.{name}": getattr(rules, name)
        for name in (
            "REPORTING_VERBS", "CLAUSE_ONLY_VERBS", "OBJECT_BLOCKED_VERBS", "INFINITIVE_CLAIM_VERBS",
            "IMPERSONAL_VERBS", "PUBLICATION_VERBS", "CITING_VERBS", "ATTRIBUTION_NOUNS", "REFERENCE_NOUNS",
            "UNOWNED_DATA_NOUNS", "DECLINED_OBJECTS", "NON_ANSWERS", "NEGATED_NON_ANSWERS", "REQUEST_NOUNS",
            "NAME_DROP_LEMMAS", "PERSONAL_PRONOUNS", "ANAPHORIC_DOCUMENTS", "ANAPHORIC_ORGANIZATIONS",
            "NEW_PERSON_HEADS", "SPEAKER_HEADS", "MEDIA_HEADS", "SOCIAL_HEADS", "NGO_HEADS", "GOVERNMENT_HEADS",
            "OFFICIAL_HEADS", "CONDITIONAL_OFFICIAL_HEADS", "ROLE_SKIP_WORDS", "OFFICIAL_PLURAL_HEADS",
            "ANONYMOUS_HEADS", "ANONYMOUS_MARKERS", "DOCUMENT_HEADS", "ORGANIZATION_HEADS",
            "STANCE_VERBS", "CONTENT_OBJECTS", "PHRASAL_CUES", "SELF_DOCUMENTS", "UNNAMED_SOURCE_VERBS",
            "SPEAKER_POSSESSIVES", "NAMED_ANAPHORS", "INTERNATIONAL_MARKERS", "COURT_HEADS", "UNOWNED_DATA_KINDS",
        )
    },
    "sources.rules.PHRASAL_CUES nouns": {noun for nouns in rules.PHRASAL_CUES.values() for noun in nouns},
}
ENTRIES = sorted((table, entry) for table, entries in LEMMA_TABLES.items() for entry in entries)


def is_lemma(entry: str, morph) -> bool:
    if entry != fold(entry):
        return False
    parses = morph.parse(entry)
    known = [p for p in parses if p.is_known]
    return not known or entry in {fold(p.normal_form) for p in known}


def test_every_lemma_table_entry_is_a_lemma(morph):
    wrong = [f"{table}: {entry}" for table, entry in ENTRIES if " " not in entry and not is_lemma(entry, morph)]
    assert not wrong, "not lemmas: " + ", ".join(wrong)


@pytest.mark.parametrize(
    ("entry", "expected"), [("отчет", True), ("отчёт", False), ("министра", False), ("запрос", True)]
)
def test_is_lemma_tells_lemmas_from_other_forms(entry, expected, morph):
    assert is_lemma(entry, morph) is expected
