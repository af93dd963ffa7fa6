"""The days an ISO date value stands for: «2025-11-22» one day, «2025-11» a month, «2025» a year, «A/B» a range."""

from __future__ import annotations

import datetime as dt


def date_range(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO value (YYYY-MM-DD, YYYY-MM, YYYY or START/END) stands for."""
    first, _, last = value.partition("/")
    start, end = date_side(first, last=False), date_side(last or first, last=True)
    return (start, end) if start and end and start <= end else None


def date_side(value: str, *, last: bool) -> dt.date | None:
    parts = value.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(parts[0]) != 4 or len(numbers) > 3:
            return None
        if len(numbers) == 3:
            return dt.date(*numbers)
        if len(numbers) == 2:
            year, month = numbers
            return dt.date(year, month, month_days(year, month) if last else 1)
        return dt.date(numbers[0], 12, 31) if last else dt.date(numbers[0], 1, 1)
    except ValueError:
        return None


def month_days(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
