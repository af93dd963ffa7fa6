"""Checks that a record is well formed against its text: every span slices the text to its own `text`, and
no actor name or mention has an unbalanced bracket or quote. `scripts/realtext.py` runs them over every
real article in ../shared; the extractors must give no problem on any of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .brackets import is_balanced


def spans(node: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every object of the record with start, end and text, with where it sits."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys() and isinstance(node["start"], int):
            yield path, node
        for key, value in node.items():
            yield from spans(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from spans(value, f"{path}[{index}]")


def record_problems(record: dict, text: str) -> list[str]:
    """One line per problem: a span whose offsets do not slice its text, an unbalanced actor name or mention."""
    problems = [
        f"{path}: offsets {span['start']}:{span['end']} give {text[span['start']:span['end']]!r}, not {span['text']!r}"
        for path, span in spans(record)
        if text[span["start"] : span["end"]] != span["text"]
    ]
    for actor in record.get("actors", []):
        phrases = [("name", actor["name"])] + [("mention", m["text"]) for m in actor.get("mentions", [])]
        unbalanced = [(kind, text) for kind, text in phrases if not is_balanced(text)]
        problems += [f"actor {actor['id']} {kind} {text!r} is unbalanced" for kind, text in unbalanced]
    return problems
