from __future__ import annotations

from ..context import Context
from ..models import DateSpan


def extract_dates(doc, context: Context) -> list[DateSpan]:
    return []
