"""Small questions about a token's place in the dependency tree."""

from __future__ import annotations


def has_case(token, prepositions: set[str]) -> bool:
    """A preposition from `prepositions` attached to the token: «по словам», «в докладе»."""
    return any(c.dep_ in ("case", "fixed") and c.lower_ in prepositions for c in token.children)


def has_any_case(token) -> bool:
    return any(c.dep_ == "case" for c in token.children)


def case_token(token):
    """The token's first preposition, or the token itself."""
    cases = [c for c in token.children if c.dep_ == "case"]
    return cases[0] if cases else token
