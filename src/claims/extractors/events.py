from __future__ import annotations

from ..context import Context
from ..models import Event


def extract_events(doc, context: Context) -> list[Event]:
    return []
