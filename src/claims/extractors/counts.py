from __future__ import annotations

from ..context import Context
from ..models import PrisonerCount


def extract_counts(doc, context: Context) -> list[PrisonerCount]:
    return []
