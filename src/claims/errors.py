"""The library's named exceptions; the CLI turns them into one-line messages and exit codes."""

from __future__ import annotations


class ClaimsError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(ClaimsError):
    """An input that cannot be read or is not an article; names the input and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class PublishedDateError(ClaimsError):
    def __init__(self, value: str) -> None:
        super().__init__(f"invalid publication date {value!r}: expected YYYY-MM-DD or DD.MM.YYYY")
        self.value = value
