"""Publication date from a dateline at the top of an article.

A dateline is a date on one of the first lines, written the way news sites print it:
«24 ноября 2025, 10:15», «МОСКВА, 24 ноя — …», «МИНСК, 14 марта 2025 — …», «14.03.2025 10:15».
A date opening an ordinary sentence («22 ноября Лукашенко помиловал…») is not a dateline: the date
must stand alone on its line, follow a city in capitals, or be followed by a time or a dash.

The month vocabulary here is shared with the date extractor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTH = (
    r"(?:январ[ьяюеё]м?|феврал[ьяюеё]м?|март(?:а|е|у|ом)?|апрел[ьяюеё]м?|ма(?:й|я|ю|е|ем)"
    r"|июн[ьяюеё]м?|июл[ьяюеё]м?|август(?:а|е|у|ом)?|сентябр[ьяюеё]м?|октябр[ьяюеё]м?"
    r"|ноябр[ьяюеё]м?|декабр[ьяюеё]м?)"
)
MONTH_ABBR = r"(?:янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.?"
# Three-letter prefixes in calendar order; «ма» (May) is tried after «мар» (March).
MONTH_PREFIXES = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")

HEAD_LINES = 3
CITY = r"(?P<city>(?-i:[A-ZА-ЯЁ][A-ZА-ЯЁ.\- ]*[A-ZА-ЯЁ])\s*,\s*)"
PLACE = r"(?P<place>(?-i:[А-ЯЁA-Z][а-яёa-z]+(?:[- ][А-ЯЁA-Z]?[а-яёa-z]+)*)\s*,\s*)"
LABEL = r"(?P<label>(?:опубликовано|дата публикации|обновлено|дата)\s*:?\s*)"
WEEKDAY = r"(?:(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\s*,\s*)"
WORD_DATE = rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH}|{MONTH_ABBR})(?:\s+(?P<year>\d{{4}})(?:\s*(?:г\.|года))?)?"
NUMERIC_DATE = r"(?P<nday>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<nyear>\d{4})"
ISO_DATE = r"(?P<iyear>\d{4})-(?P<imonth>\d{2})-(?P<iday>\d{2})"
TIME = r"(?P<time>,?\s*(?:в\s+)?\d{1,2}:\d{2}(?::\d{2})?)"
DASH = r"(?P<dash>\s*[—–-]\s)"
DATELINE_RE = re.compile(
    rf"^\s*(?:{CITY}|{PLACE}|{LABEL})?{WEEKDAY}?(?P<date>{WORD_DATE}|{NUMERIC_DATE}|{ISO_DATE})(?!\w){TIME}?"
    rf"(?:{DASH}|(?P<end>\s*(?:[|/·•].*)?$))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    date: dt.date


def month_number(word: str) -> int | None:
    """The month (1–12) named by a Russian month word or abbreviation in any case."""
    word = word.lower()
    for number, prefix in enumerate(MONTH_PREFIXES, 1):
        if word.startswith(prefix):
            return number
    return None


def find_published(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """The publication date stated by a dateline at the top of `text`, or None.

    A dateline without a year («МОСКВА, 24 ноя — …») takes the latest year that does not put it
    after `today` (default: the current date).
    """
    dateline = find_dateline(text, today=today)
    return dateline.date if dateline else None


def find_dateline(text: str, *, today: dt.date | None = None) -> Dateline | None:
    """The dateline at the top of `text`: its span (the date itself) and the date."""
    for offset, line in head_lines(text):
        match = DATELINE_RE.match(line)
        if match and is_dateline(match):
            date = dateline_date(match, today or dt.date.today())
            if date:
                return Dateline(offset + match.start("date"), offset + match.end("date"), date)
    return None


def head_lines(text: str):
    """(offset, line) for the first non-empty lines of the text."""
    found = 0
    for match in re.finditer(r"[^\n\r]+", text):
        if match.group().strip():
            yield match.start(), match.group()
            found += 1
            if found == HEAD_LINES:
                return


def is_dateline(match: re.Match) -> bool:
    """A place in title case («Минск, 14 марта — …») needs a dash or nothing after the date."""
    if match.group("place") is not None:
        return match.group("dash") is not None or match.group("end") is not None
    return any(match.group(name) is not None for name in ("city", "label", "time", "dash", "end"))


def dateline_date(match: re.Match, today: dt.date) -> dt.date | None:
    if match.group("nday"):
        parts = match.group("nyear", "nmonth", "nday")
    elif match.group("iday"):
        parts = match.group("iyear", "imonth", "iday")
    else:
        parts = match.group("year"), month_number(match.group("month")), match.group("day")
    year, month, day = (int(part) if part else None for part in parts)
    if year is None:
        return latest_date(month, day, today)
    return safe_date(year, month, day)


def latest_date(month: int, day: int, today: dt.date) -> dt.date | None:
    date = safe_date(today.year, month, day)
    if date and date > today:
        date = safe_date(today.year - 1, month, day)
    return date


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
