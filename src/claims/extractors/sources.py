from __future__ import annotations

from ..context import Context
from ..models import Source


def extract_sources(doc, context: Context) -> list[Source]:
    return []
