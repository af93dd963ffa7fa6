"""Date expressions: span, ISO value at the stated precision, resolved against the publication date.

Every rule in RULES is a regular expression over the text and a builder that turns a match into a
`Point` (a day, month or year, unknown parts left as X) or a `Period` (START/END). Where rules
overlap the longest match wins. Matches are then resolved in text order by a `Resolver` that knows
the publication date, the tense of the clause the date sits in and the last date resolved before it
(the anchor for «в том же году», «через три года» in a past-tense narrative).

A bare month or day takes the publication year, the year before when it would fall after the
publication date (unless the clause is in the future or present tense), the year after when it would
fall before it in a future-tense clause. Without a publication date the year stays `XXXX`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from ..dateline import MONTH, MONTH_ABBR, find_dateline, month_number
from ..literals import may_match, needed_literals
from ..models import DateSpan, explained

PRECISIONS = ("year", "month", "day")

# -- vocabulary ---------------------------------------------------------------------------------

DAY_WORDS = {"позавчера": -2, "вчера": -1, "накануне": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
WEEKDAYS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
# (first month, last month, year offset of the first month) for a season of year Y.
SEASONS = {"зим": (12, 2, -1), "весн": (3, 5, 0), "лет": (6, 8, 0), "осен": (9, 11, 0)}
# Relative modifiers: shift in units from the publication date («прошлом году» → -1).
SHIFTS = {
    "позапрошл": -2, "прошл": -1, "минувш": -1, "предыдущ": -1,
    "эт": 0, "текущ": 0, "нынешн": 0, "уходящ": 0,
    "следующ": 1, "будущ": 1, "наступающ": 1, "ближайш": 1, "грядущ": 1,
}
NUMBER_WORDS = {
    "один": 1, "одну": 1, "одного": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3,
    "четыре": 4, "четырех": 4, "четырёх": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7,
    "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "одиннадцать": 11, "одиннадцати": 11, "двенадцать": 12, "двенадцати": 12, "тринадцать": 13,
    "тринадцати": 13, "четырнадцать": 14, "четырнадцати": 14, "пятнадцать": 15, "пятнадцати": 15,
    "шестнадцать": 16, "шестнадцати": 16, "семнадцать": 17, "семнадцати": 17, "восемнадцать": 18,
    "восемнадцати": 18, "девятнадцать": 19, "девятнадцати": 19, "двадцать": 20, "двадцати": 20,
    "тридцать": 30, "тридцати": 30, "сорок": 40, "сорока": 40, "пятьдесят": 50, "пятидесяти": 50, "сто": 100,
}
# A vague count («несколько дней назад»): the nominal amount, and the precision the result keeps.
FEW = 3
FEW_PRECISION = {"day": "month", "month": "year"}
# Unit stems → (unit, multiplier, precision of the result).
UNITS = {
    "дн": ("day", 1, "day"), "ден": ("day", 1, "day"), "сут": ("day", 1, "day"),
    "недел": ("day", 7, "day"), "полгода": ("month", 6, "month"), "полугод": ("month", 6, "month"),
    "месяц": ("month", 1, "month"), "год": ("year", 1, "year"), "лет": ("year", 1, "year"),
}
# Lemmas that put the dated event in the future even when their own verb is in the present tense.
FUTURE_CUES = {
    "планировать", "планироваться", "намереваться", "собираться", "ожидаться", "предстоять",
    "намерен", "должный", "готовый", "хотеть", "пообещать", "обещать", "запланировать", "наметить", "намечать",
}
# Verbs whose infinitive complement happened («удалось вернуть»); under any other verb an infinitive
# looks ahead («договорились ввести санкции во вторник»).
ACHIEVED = {
    "удаться", "удаваться", "смочь", "успеть", "начать", "начинать", "стать", "продолжить", "продолжать",
    "прекратить", "перестать", "помочь", "позволить", "заставить", "решиться", "сметь", "суметь",
}
# Parts of a period that narrow its value; «в начале/середине/конце года» keep the year itself.
HALVES = {"перв": (1, 6), "втор": (7, 12)}
DECADE_PARTS = {"начал": (0, 3), "середин": (3, 6), "конц": (7, 9), "конец": (7, 9)}
DEADLINE_LEADS = {"до", "к", "ко", "вплоть до"}
# Leads that put a weekday ahead of the publication date: «назначена на воскресенье».
SCHEDULED_LEADS = {"на"}
# «Последние N лет», «в последние дни»: unit stems → the unit of the range, None for the publication month.
RECENT_UNITS = {"дн": None, "недел": None, "месяц": "month", "год": "year", "лет": "year"}
# Verbs whose infinitive looks ahead even where the parser hangs the date on the verb itself
# («договорились ввести санкции на встрече во вторник»).
AHEAD = {
    "договориться", "договариваться", "решить", "согласиться", "предложить", "призвать", "поручить",
    "пригрозить", "попросить", "потребовать", "пообещать", "обещать", "условиться",
}
# Phrases with a present-time or day word that date nothing: idioms, «на сегодня» (as of now).
NOT_DATES = (
    r"(?:на|по)\s+сегодня(?:шний\s+день)?", r"до\s+сегодняшнего\s+дня", r"здесь\s+и\s+сейчас",
    r"сейчас\s+или\s+никогда", r"не\s+сегодня\s*[-–]\s*завтра",
)
# «Однажды летом», «как-то в мае»: an indefinite time in some year the text does not give.
INDEFINITE = r"(?:однажды|как-то|как-нибудь)"
# Named periods: (pattern of the name, first year, last year).
NAMED_PERIODS = (
    (r"перв\w+\s+миров\w+(?:\s+войн\w+)?", 1914, 1918),
    (r"втор\w+\s+миров\w+(?:\s+войн\w+)?", 1939, 1945),
    (r"велик\w+\s+отечественн\w+(?:\s+войн\w+)?", 1941, 1945),
    (r"распада\s+(?:ссср|советского\s+союза)", 1991, 1991),  # lower case: the rules ignore case
)

# -- grammar fragments (placeholders <NAME> are filled in by `compile_rule`) ---------------------

FRAGMENTS = {
    "LEAD": r"(?P<lead>(?:в|во|на|с|со|к|ко|до|по|от|начиная\s+с|вплоть\s+до)\s+)",
    "PART": (
        r"(?P<part>(?:(?:самом|самого|самый)\s+)?(?:начал[еоау]|конц[еау]|конец|середин[еуы]"
        r"|(?:перв|втор)\w*\s+половин[еуы])\s+)"
    ),
    "MONTH": MONTH,
    "ABBR": MONTH_ABBR,
    "YW": r"(?:-?(?:го|м|й))?(?:\s*(?:год(?:а|у|ом|ах|ов|ы|ам|ами)?|гг?\.?)(?!\w))",
    "REL": r"(?:позапрошл|прошл|минувш|предыдущ|эт|текущ|нынешн|уходящ|следующ|будущ|наступающ|ближайш|грядущ)\w*",
    "WEEKDAY": r"(?:понедельник\w*|вторник\w*|сред[уаые]|четверг\w*|пятниц[уаые]|суббот[уаые]|воскресень[еяю])",
    "UNIT": r"(?:дн(?:я|ей)|день|сутки|суток|недел[юиь]|недель|месяц(?:а|ев)?|год(?:а)?|лет|полгода|полугода)",
    "NUMWORD": "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")",
    "SEP": r"(?:\s*[-–—]\s*|\s+(?:по|до)\s+)",
}
FRAGMENTS["P"] = rf"{FRAGMENTS['LEAD']}?{FRAGMENTS['PART']}?"


def compile_rule(template: str) -> re.Pattern:
    pattern = re.sub(r"<([A-Z]+)>", lambda m: FRAGMENTS[m.group(1)], template)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?!\w)", re.IGNORECASE)


TEXTS_SCANNED = itertools.count()  # by `candidates`: the first text of a process is scanned without the twins


def lowercase_twin(pattern: re.Pattern) -> re.Pattern | None:
    """`pattern` without IGNORECASE, to scan a lowercased text (twice as fast); None when a letter of
    the pattern itself is upper case (outside escapes and group names), which a lowercased text lacks."""
    letters = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern.pattern)
    if any(char.isupper() for char in letters):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def finditer_folded(pattern: re.Pattern, twin: re.Pattern | None, text: str, lowered: str | None):
    """`pattern.finditer(text)`, found by `twin` in `lowered` (`text.lower()` when it keeps every offset)
    and each match made again on `text` at the same place, so groups keep the text's case."""
    if twin is None or lowered is None:
        yield from pattern.finditer(text)
        return
    for found in twin.finditer(lowered):
        match = pattern.match(text, found.start())
        if match is None or match.end() != found.end():  # case folding that lowercasing does not mirror
            yield from pattern.finditer(text, found.start())
            return
        yield match


# -- values ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """A date at some precision; None parts are unknown (written X)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    precision: str = "year"

    def iso(self) -> str:
        parts = [f"{self.year:04d}" if self.year else "XXXX"]
        if self.precision in ("month", "day"):
            parts.append(f"{self.month:02d}" if self.month else "XX")
        if self.precision == "day":
            parts.append(f"{self.day:02d}" if self.day else "XX")
        return "-".join(parts)


@dataclass(frozen=True)
class Period:
    """START/END, each a Point; precision `range` or `decade`."""

    start: Point
    end: Point
    precision: str = "range"

    def iso(self) -> str:
        return f"{self.start.iso()}/{self.end.iso()}"


When = Point | Period


def point_of(date: dt.date, precision: str) -> Point:
    return truncate(Point(date.year, date.month, date.day, "day"), precision)


def truncate(point: Point, precision: str) -> Point:
    precision = min(point.precision, precision, key=PRECISIONS.index)
    month = point.month if precision != "year" else None
    day = point.day if precision == "day" else None
    return Point(point.year, month, day, precision)


def shift_date(date: dt.date, unit: str, amount: int) -> dt.date:
    if unit == "day":
        return date + dt.timedelta(days=amount)
    months = date.year * 12 + date.month - 1 + (amount if unit == "month" else 12 * amount)
    year, month = divmod(months, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def valid_day(year: int | None, month: int, day: int) -> bool:
    days = calendar.monthrange(year or 2000, month)[1] if 1 <= month <= 12 else 0
    return 1 <= day <= days


# -- resolution -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dated:
    """A resolved date and the sentence it sits in (character offsets), lower-cased."""

    start: int
    sentence: str
    sentence_start: int
    point: Point


@dataclass
class Resolver:
    """What a builder needs besides the match: publication date, clause tense, anchor."""

    published: dt.date | None
    tense: str | None = None
    anchor: Point | None = None
    local_year: int | None = None  # a year written earlier in the same sentence
    dated: list[Dated] = field(default_factory=list)  # the dates resolved so far, for «после ареста»
    news: bool = False  # a day near publication dated so far: the text reports news, «накануне» is yesterday
    past: int = 0  # dates so far in years before publication

    def year_of(self, month: int, day: int | None = None) -> int | None:
        """The year of a bare month or day (see the module docstring)."""
        if self.local_year is not None and not self.looks_back_from_future():
            return self.local_year
        if self.published is None:
            return None
        stated = (month, day or 0)
        now = (self.published.month, self.published.day if day else 0)
        if stated > now and self.tense not in ("future", "present"):
            return self.published.year - 1
        if stated < now and self.tense == "future":
            return self.published.year + 1
        return self.published.year

    def looks_back_from_future(self) -> bool:
        """«по делу от 2014 года приговор будет объявлен 28 ноября»: the future is after publication."""
        return self.tense == "future" and self.published is not None and self.local_year < self.published.year

    def narrated(self) -> bool:
        """The text so far tells of past years, not of news: it has dated NARRATED_DATES or more events in
        years before publication, the last date is one of them, and no day near publication has been dated."""
        if self.news or self.past < NARRATED_DATES or self.anchor is None or self.anchor.year is None:
            return False
        return self.published is None or self.anchor.year < self.published.year

    def note(self, when: When, rule: str) -> None:
        """Mark the text as news once a day near publication is dated (unresolved, without a publication date)."""
        point = when.start if isinstance(when, Period) else when
        if rule == "present":
            return
        if point.year and (self.published is None or point.year < self.published.year):
            self.past += 1
        if point.precision != "day":
            return
        if self.published is None or point.year is None:
            self.news = self.news or point.year is None
        elif point.month and point.day:
            days = (dt.date(point.year, point.month, point.day) - self.published).days
            self.news = self.news or abs(days) <= NEWS_DAYS

    def after_publication(self, point: Point) -> bool:
        if self.published is None or point.year is None:
            return False
        published = point_of(self.published, point.precision)
        return (point.year, point.month or 0, point.day or 0) > (published.year, published.month or 0,
                                                                 published.day or 0)

    def base(self, unit_precision: str, narrative: bool) -> Point | None:
        """The point an offset counts from: the anchor in a past narrative, else publication."""
        if narrative and self.anchor and self.anchor.year:
            return self.anchor
        return point_of(self.published, unit_precision) if self.published else None


def shift_point(base: Point, unit: str, amount: int, precision: str) -> Point:
    date = dt.date(base.year, base.month or 1, base.day or 1)
    return truncate(point_of(shift_date(date, unit, amount), precision), base.precision)


def unknown(precision: str) -> Point:
    return Point(None, None, None, precision)


def shift_of(word: str | None) -> int:
    word = (word or "").lower()
    return next((shift for stem, shift in SHIFTS.items() if word.startswith(stem)), 0)


def number_of(word: str | None) -> int | None:
    if not word:
        return 1
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def unit_of(word: str) -> tuple[str, int, str]:
    word = word.lower()
    return next(value for stem, value in UNITS.items() if word.startswith(stem))


def lead_of(match: re.Match) -> str:
    lead = match.groupdict().get("lead") or ""
    return " ".join(lead.lower().split())


def narrowed(m: re.Match, when: When | None) -> When | None:
    """Apply a part («в первой половине 2007 года», «до конца года», «с начала 1920-х»)."""
    part = " ".join((m.groupdict().get("part") or "").lower().split())
    if not part or when is None:
        return when
    if isinstance(when, Point) and when.precision == "year":
        half = next((months for stem, months in HALVES.items() if part.startswith(stem)), None)
        if half and "половин" in part:
            return Period(Point(when.year, half[0], None, "month"), Point(when.year, half[1], None, "month"))
        if part.startswith("конц") and lead_of(m) in DEADLINE_LEADS:
            return Point(when.year, 12, None, "month")
    if isinstance(when, Period) and when.precision == "decade" and when.start.year:
        first, last = next((span for stem, span in DECADE_PARTS.items() if part.startswith(stem)), (0, 9))
        return Period(Point(when.start.year + first), Point(when.start.year + last))
    return when


# -- builders: (match, resolver) -> Point | Period | None -----------------------------------------


def numeric_date(m: re.Match, res: Resolver) -> When | None:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and valid_day(year, month, day)):
        return None
    return Point(year, month, day, "day")


def day_month(m: re.Match, res: Resolver) -> When | None:
    month, day = month_number(m["mon"]), int(m["d"])
    year = int(m["y"]) if m.groupdict().get("y") else res.year_of(month, day)
    if not valid_day(year, month, day):
        return None
    return Point(year, month, day, "day")


def month_only(m: re.Match, res: Resolver) -> When | None:
    month = month_number(m["mon"])
    year = int(m["y"]) if m.groupdict().get("y") else res.year_of(month)
    return Point(year, month, None, "month")


def month_of_year(m: re.Match, res: Resolver) -> When | None:
    """«19 сентября этого года», «в октябре прошлого года», «в октябре того же года»."""
    month, day = month_number(m["mon"]), int(m["d"]) if m["d"] else None
    year = (res.anchor.year if res.anchor else None) if m["same"] else res.published and res.published.year
    if year is not None and not m["same"]:
        year += shift_of(m["rel"])
    if day is not None and not valid_day(year, month, day):
        return None
    return Point(year, month, day, "day" if day else "month")


def present(m: re.Match, res: Resolver) -> When | None:
    """«сейчас», «в настоящее время», «до сих пор»: the publication date."""
    return point_of(res.published, "day") if res.published else unknown("day")


def recent(m: re.Match, res: Resolver) -> When | None:
    """«в последние дни» → the publication month; «последние восемь лет» → the eight years up to publication."""
    unit = RECENT_UNITS[next(stem for stem in RECENT_UNITS if m["unit"].lower().startswith(stem))]
    count = number_of(m["n"]) if m["n"] else None
    if unit is None:
        return point_of(res.published, "month") if res.published else unknown("month")
    if count is None:
        return None  # «в последние годы»
    if res.published is None:
        return Period(unknown(unit), unknown(unit))
    end = point_of(res.published, unit)
    return Period(shift_point(end, unit, 1 - count, unit), end)


def year_only(m: re.Match, res: Resolver) -> When | None:
    return Point(int(m["y"]))


def decade(m: re.Match, res: Resolver) -> When | None:
    digits = m["dec"]
    if not digits.endswith("0") or (len(digits) == 2 and not (m["lead"] or m["part"] or "год" in m[0].lower())):
        return None
    start = int(digits)
    if len(digits) == 2:
        now = (res.published or dt.date.today()).year
        start += 2000 if 2000 + start <= now else 1900
    return Period(Point(start), Point(start + 9), "decade")


def year_range(m: re.Match, res: Resolver) -> When | None:
    """«1992–1995 годов»; without a year word («от 1000 до 2000») both must look like years."""
    first, last = int(m["y1"]), int(m["y2"])
    if first >= last or ("г" not in m[0].lower() and not 1800 <= first < last <= 2100):
        return None
    return Period(Point(first), Point(last))


def month_range(m: re.Match, res: Resolver) -> When | None:
    """«с ноября по декабрь 2010 года», «в июле и августе 2019 года», «с мая 2003 года по 27 ноября 2005 года»."""
    first, last = month_number(m["m1"]), month_number(m["m2"])
    first_day, last_day = (int(day) if day else None for day in (m.groupdict().get("d1"), m.groupdict().get("d2")))
    last_year = int(m["y2"]) if m["y2"] else res.year_of(last, last_day)
    first_year = int(m["y1"]) if m.groupdict().get("y1") else before(last_year, (first,), (last,))
    ends = (Point(first_year, first, first_day, "day" if first_day else "month"),
            Point(last_year, last, last_day, "day" if last_day else "month"))
    if any(end.day and not valid_day(end.year, end.month, end.day) for end in ends):
        return None
    return Period(*ends)


def day_range(m: re.Match, res: Resolver) -> When | None:
    last_month, last_day = month_number(m["m2"]), int(m["d2"])
    first_month, first_day = month_number(m["m1"]) if m["m1"] else last_month, int(m["d1"])
    last_year = int(m["y2"]) if m["y2"] else res.year_of(last_month, last_day)
    first_year = int(m["y1"]) if m["y1"] else before(last_year, (first_month, first_day), (last_month, last_day))
    if not (valid_day(first_year, first_month, first_day) and valid_day(last_year, last_month, last_day)):
        return None
    if (first_year, first_month, first_day) == (last_year, last_month, last_day):
        return None
    return Period(Point(first_year, first_month, first_day, "day"), Point(last_year, last_month, last_day, "day"))


def before(year: int | None, first: tuple, last: tuple) -> int | None:
    """The year of a range's start given the year of its end."""
    if year is None:
        return None
    return year if first <= last else year - 1


def season(m: re.Match, res: Resolver) -> When | None:
    word = m["season"].lower()
    stem = next(stem for stem in SEASONS if word.startswith(stem))
    if not (m["y"] or m["rel"] or word.endswith(("ом", "ой", "ью"))):
        return None  # «Пражская весна», «осень патриарха»
    first, last, offset = SEASONS[stem]
    year = season_year(m, res, first, last)
    if year is None:
        return Period(Point(None, first, None, "month"), Point(None, last, None, "month"))
    return Period(Point(year + offset, first, None, "month"), Point(year, last, None, "month"))


def season_year(m: re.Match, res: Resolver, first: int, last: int) -> int | None:
    if m["y"]:
        return int(m["y"])
    if res.published is None:
        return None
    if m["rel"]:
        return res.published.year + shift_of(m["rel"])
    return res.year_of(first if first <= last else 1)


def day_word(m: re.Match, res: Resolver) -> When | None:
    word = m["word"].lower()
    if word == "накануне" and res.tense == "past" and res.narrated():
        return shift_point(res.anchor, "day", -1, "day") if res.anchor.precision == "day" else None
    if res.published is None:
        return unknown("day")
    return point_of(res.published + dt.timedelta(days=DAY_WORDS[word]), "day")


def weekday(m: re.Match, res: Resolver) -> When | None:
    if res.published is None:
        return unknown("day")
    word = m["wd"].lower()
    target = next(i for i, stem in enumerate(WEEKDAYS) if word.startswith(stem))
    days = (target - res.published.weekday()) % 7
    shift = shift_of(m["rel"])
    if shift == 0 and m["rel"]:  # «в эту пятницу»: within the publication week
        days = target - res.published.weekday()
    elif shift > 0 or (shift == 0 and (res.tense == "future" or is_scheduled(m))):
        days = days or (7 if shift else 0)
    else:
        days = days - 7 if days or shift else 0
    return point_of(res.published + dt.timedelta(days=days), "day")


def is_scheduled(m: re.Match) -> bool:
    """«назначена на воскресенье» (not «на вечер воскресенья»): a weekday ahead."""
    return lead_of(m) in SCHEDULED_LEADS and m.end("lead") == (m.start("rel") if m["rel"] else m.start("wd"))


def relative_unit(m: re.Match, res: Resolver) -> When | None:
    unit = m["unit"].lower()
    shift = shift_of(m.groupdict().get("rel"))
    narrative = shift == 1 and res.tense == "past" and res.anchor is not None
    kind = "week" if unit.startswith("недел") else "month" if unit.startswith("месяц") else "year"
    if kind == "week":
        return week(res, shift)
    base = res.base(kind, narrative)
    if base is None:
        return unknown(kind)
    return shift_point(base, kind, shift, kind)


def week(res: Resolver, shift: int) -> When:
    if res.published is None:
        return Period(unknown("day"), unknown("day"))
    monday = res.published - dt.timedelta(days=res.published.weekday()) + dt.timedelta(weeks=shift)
    return Period(point_of(monday, "day"), point_of(monday + dt.timedelta(days=6), "day"))


def same_unit(m: re.Match, res: Resolver) -> When | None:
    unit = m["unit"].lower()
    precision = "day" if unit.startswith(("ден", "дн", "числ")) else "month" if unit.startswith("месяц") else "year"
    if res.anchor is None or res.anchor.precision not in PRECISIONS[PRECISIONS.index(precision) :]:
        return None
    return truncate(res.anchor, precision)


def ago(m: re.Match, res: Resolver) -> When | None:
    return offset(m, res, -1, narrative=False)


def later(m: re.Match, res: Resolver) -> When | None:
    narrative = m["dir"].lower() == "спустя" or res.tense == "past"
    return offset(m, res, 1, narrative=narrative)


def offset(m: re.Match, res: Resolver, sign: int, narrative: bool) -> When | None:
    unit, multiplier, precision = unit_of(m["unit"])
    count = number_of(m["n"])
    if count is None and (m["n"] or "").lower() == "несколько":
        count, precision = FEW, FEW_PRECISION.get(unit)  # «несколько дней назад» → the month
    if count is None or precision is None:
        return None  # «несколько лет назад»
    base = res.base("day", narrative)
    if base is None:
        return unknown(precision)
    shifted = shift_point(base, unit, sign * count * multiplier, precision)
    return None if res.tense == "past" and res.after_publication(shifted) else shifted  # «через два года умер»


def next_day(m: re.Match, res: Resolver) -> When | None:
    """«на следующий день», «годом позже»: from the date before it in the text, else from publication."""
    sign = -1 if (m["dir"] or "").lower().startswith(("предыдущ", "накануне", "ранее", "раньше")) else 1
    unit, multiplier, precision = unit_of(m["unit"])
    base = res.base("day", narrative=True)
    if base is None:
        return unknown(precision)
    if PRECISIONS.index(base.precision) < PRECISIONS.index(precision):
        return None  # the next day of a month
    return shift_point(base, unit, sign * multiplier, precision)


def after_event(m: re.Match, res: Resolver) -> When | None:
    """«через три дня после взрывов», «за день до задержания», «в день его ареста»: from the date of the
    event named, found by the stem of its noun in the sentence of the first date that names it."""
    anchor = event_date(m, res)
    unit, multiplier, precision = unit_of(m.groupdict().get("unit") or "день")
    if anchor is None or anchor.precision != "day" and precision == "day":
        return next_day(m, res) if (m.groupdict().get("dir") or "").lower().startswith("следующ") else None
    if not m.groupdict().get("unit"):
        return anchor
    count = number_of(m["n"])
    if count is None:
        return None
    sign = -1 if (m["dir"] or "").lower() == "за" else 1
    return shift_point(anchor, unit, sign * count * multiplier, precision)


def event_date(m: re.Match, res: Resolver) -> Point | None:
    stems = [word[:STEM] for word in re.findall(r"\w+", m["event"].lower()) if len(word) > STEM]
    found = [d for d in res.dated if any(names_event(d, stem, m) for stem in stems)]
    best = found[0] if found else None
    return best.point if best and best.point.year else None


def names_event(dated: Dated, stem: str, m: re.Match) -> bool:
    """The sentence of `dated` has a word on `stem` outside the expression `m` itself."""
    for word in re.finditer(rf"(?<!\w){stem}", dated.sentence):
        at = dated.sentence_start + word.start()
        if not m.start() <= at < m.end():
            return True
    return False


def skip(m: re.Match, res: Resolver) -> When | None:
    return None


def named_period(m: re.Match, res: Resolver) -> When | None:
    """«во время Первой мировой войны» → 1914/1918."""
    first, last = next((first, last) for pattern, first, last in NAMED_PERIODS
                       if re.fullmatch(pattern, m["name"], re.IGNORECASE))
    return Point(first) if first == last else Period(Point(first), Point(last))


# -- rules ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    build: Callable[[re.Match, Resolver], When | None]
    guard: Callable[[re.Match, object], bool] | None = None

    @cached_property
    def twin(self) -> re.Pattern | None:
        """`lowercase_twin(pattern)`, compiled when first asked for: a process that reads one text spares it."""
        return lowercase_twin(self.pattern)

    @cached_property
    def needs(self) -> tuple[frozenset[str], ...]:
        """Literals a lowercased text must hold for the twin to match there (`literals.needed_literals`)."""
        return needed_literals(self.twin) if self.twin is not None else ()


def month_is_name(m: re.Match, doc) -> bool:
    """«Марта Иванова»: a capitalised month word with nothing before it is a name."""
    word = m["mon"]
    return not (m["lead"] or m["part"]) and word[:1].isupper() and token_at(doc, m.start("mon")).pos_ == "PROPN"


def is_preposition(m: re.Match, doc) -> bool:
    """«накануне выборов»: накануне governing a genitive dates nothing by itself."""
    token = token_at(doc, m.start("word"))
    return token.dep_ == "case" and "Gen" in token.head.morph.get("Case")


def token_at(doc, offset: int):
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0]


def rule(name: str, template: str, build: Callable, guard: Callable | None = None) -> Rule:
    return Rule(name, compile_rule(template), build, guard)


YEAR_TAIL = r"(?:\s+(?P<y>\d{4})(?:<YW>)?)?"
RULES = [
    rule("not_a_date", "|".join(NOT_DATES), skip),
    rule("indefinite", INDEFINITE + r"\s+(?:(?:ранн|поздн)\w*\s+)?(?:летом|зимой|весной|осенью|(?:в|во)\s+"
         r"(?:<WEEKDAY>|<MONTH>))(?!\s+\d)", skip),
    rule("named_period", r"(?:во\s+время|в\s+годы|в\s+период|в\s+ходе|в\s+эпоху)\s+(?P<name>"
         + "|".join(pattern for pattern, _, _ in NAMED_PERIODS) + ")", named_period),
    # absolute and partial dates
    rule("numeric", r"<P>(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:<YW>)?", numeric_date),
    rule("iso", r"<P>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", numeric_date),
    rule("day_month", r"<P>(?P<d>\d{1,2})(?:-?го)?\s+(?P<mon><MONTH>)" + YEAR_TAIL, day_month),
    rule("day_month_abbr", r"<P>(?P<d>\d{1,2})\s+(?P<mon><ABBR>)", day_month),
    rule("weekday_date", r"<P>(?:<REL>\s+)?<WEEKDAY>\s*[,—–-]?\s+(?P<d>\d{1,2})\s+(?P<mon><MONTH>)" + YEAR_TAIL,
         day_month),
    rule("month", r"<P>(?P<mon><MONTH>)" + YEAR_TAIL, month_only, month_is_name),
    rule("month_of_year", r"<P>(?:(?P<d>\d{1,2})\s+)?(?P<mon><MONTH>)\s+(?:(?P<same>того\s+же)|(?P<rel><REL>))\s+года",
         month_of_year),
    rule("year", r"<P>(?P<y>\d{4})<YW>", year_only),
    rule("year_ordinal", r"<P>(?P<y>1[89]\d\d|20\d\d)-(?:м|го)", year_only),
    # ranges and periods
    rule("decade", r"<P>(?P<dec>\d{4}|\d{2})-?(?:е|х|ые|ых|ми)(?:\s+год(?:ы|ов|ах|ам|ами))?", decade),
    rule("year_range", r"(?:(?:с|со|от)\s+)?(?P<y1>\d{4})(?:<YW>)?<SEP>(?:(?:начала|конца|середины)\s+)?"
         r"(?P<y2>\d{4})(?:<YW>)?", year_range),
    rule("year_between", r"между\s+(?P<y1>\d{4})(?:<YW>)?\s+и\s+(?P<y2>\d{4})<YW>", year_range),
    rule("month_range", r"(?:(?:в|во|с|со|от)\s+)?(?P<m1><MONTH>)(?:\s+(?P<y1>\d{4})(?:<YW>)?)?<SEP>"
         r"(?P<m2><MONTH>)(?:\s+(?P<y2>\d{4})(?:<YW>)?)?", month_range),
    rule("day_range", r"(?:(?:с|со|от)\s+)?(?P<d1>\d{1,2})(?:\s+(?P<m1><MONTH>)(?:\s+(?P<y1>\d{4})(?:<YW>)?)?)?<SEP>"
         r"(?P<d2>\d{1,2})\s+(?P<m2><MONTH>)(?:\s+(?P<y2>\d{4})(?:<YW>)?)?", day_range),
    rule("season", r"<P>(?:(?P<rel><REL>)\s+)?(?P<season>летом|зимой|весной|осенью|лет[оа]|зим[аыу]|весн[аыу]|осен[ьи])"
         + YEAR_TAIL, season),
    # relative to the publication date or to the date before
    rule("day_word", r"<LEAD>?(?P<word>позавчера|вчера|накануне|сегодня|послезавтра|завтра)", day_word, is_preposition),
    rule("weekday", r"(?P<lead>(?:в|во|на|к|ко)\s+)(?:(?:ночь\s+на|вечер\w*|утр\w*|середин\w*|ночь|ночи)\s+)?"
         r"(?:(?P<rel><REL>)\s+)?(?P<wd><WEEKDAY>)", weekday),
    rule("relative_unit", r"<P>(?P<rel><REL>)\s+(?P<unit>недел[еиюя]|месяц[еау]?|год[уа]?)", relative_unit),
    rule("part_of_unit", r"<LEAD><PART>(?P<unit>недели|месяца|года)", relative_unit),
    rule("same_unit", r"<P>т(?:ом|от|ого|у|ой|е)\s+(?:же|сам(?:ый|ого|ом|ой|ую))\s+"
         r"(?P<unit>году|года|месяце|месяца|день|дня|числа|числе)",
         same_unit),
    rule("ago", r"(?:(?P<n>\d+|<NUMWORD>|несколько)\s+)?(?P<unit><UNIT>)\s+(?:тому\s+)?назад", ago),
    rule("later", r"(?P<dir>через|спустя)\s+(?:(?P<n>\d+|<NUMWORD>|несколько)\s+)?(?P<unit><UNIT>)(?!\s+после)", later),
    rule("next_day", r"<LEAD>?(?P<dir>следующ\w+|предыдущ\w+)\s+(?P<unit>день|дня|дне)(?!\s+после)", next_day),
    rule("later_by", r"(?P<unit>дн[её]м|неделей|месяцем|годом)\s+(?P<dir>позже|позднее|ранее|раньше)", next_day),
    # present and recent time
    rule("present", r"сейчас|ныне|до\s+сих\s+пор|(?:в\s+)?настоящ(?:ее|ий)\s+(?:время|момент)"
         r"|(?:на\s+)?данн(?:ый|ом)\s+(?:момент|этапе)|сегодняшн(?:ий|его|ему|ем|яя|ей|юю|ее|ие|их|им|ими)", present),
    rule("recent", r"(?:(?:в|за)\s+)?последни[ех]\s+(?:(?P<n>\d+|<NUMWORD>)\s+)?"
         r"(?P<unit>дн(?:и|ей)|недел[иь]|месяц(?:ы|ев|а)|год(?:ы|а)?|лет)", recent),
    # coordination and mixed ranges
    rule("month_and", r"(?:(?:в|во)\s+)?(?P<m1><MONTH>)\s+и\s+(?:(?:в|во)\s+)?(?P<m2><MONTH>)"
         r"(?:\s+(?P<y2>\d{4})(?:<YW>)?)?", month_range),
    rule("mixed_range", r"(?:с|со|от)\s+(?:(?P<d1>\d{1,2})\s+)?(?P<m1><MONTH>)(?:\s+(?P<y1>\d{4})(?:<YW>)?)?"
         r"\s+(?:по|до)\s+(?:(?P<d2>\d{1,2})\s+)?(?P<m2><MONTH>)(?:\s+(?P<y2>\d{4})(?:<YW>)?)?", month_range),
]
# Dates of one event counted from another the text dates; resolved once every other date is.
EVENT_RULES = [
    rule("after_event", r"(?P<dir>через|спустя|за)\s+(?:(?P<n>\d+|<NUMWORD>)\s+)?(?P<unit><UNIT>)\s+(?:после|до)\s+"
         r"(?P<event>\w+(?:\s+\w+)?)", after_event),
    rule("next_day_after", r"<LEAD>?(?P<dir>следующ\w+)\s+(?P<unit>день|дня|дне)\s+после\s+(?P<n>)?"
         r"(?P<event>\w+(?:\s+\w+)?)", after_event),
    rule("day_of_event", r"(?:в|во)\s+(?:(?:тот|этот)\s+)?день\s+(?:(?:его|её|ее|их)\s+)?(?P<event>\w+)", after_event),
]
STEM = 5
NEWS_DAYS = 14
NARRATED_DATES = 2
UNRESOLVED_SHOWN = 3


# -- extraction ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


def extract_dates(doc, *, published: dt.date | None, warnings: list[str] | None = None) -> list[DateSpan]:
    """Every date expression in `doc` with its span, ISO value and precision, in text order; a date beyond
    the calendar is left out with a line in `warnings`."""
    resolver = Resolver(published)
    spans = []
    written: dict[int, int] = {}  # sentence start -> the last year written in it
    found = select(candidates(doc))
    for candidate in [c for c in found if c.rule not in EVENT_RULES] + [c for c in found if c.rule in EVENT_RULES]:
        sentence = token_at(doc, candidate.start).sent
        resolver.tense = clause_tense(doc, candidate.start, candidate.end)
        resolver.local_year = written.get(sentence.start)
        when = resolved(candidate, resolver, warnings)
        if when is None:
            continue
        spans.append(explained(date_span(doc.text, candidate, when), candidate.rule.name))
        if candidate.rule in EVENT_RULES:
            continue
        resolver.note(when, candidate.rule.name)
        if point := anchor_of(when):
            resolver.anchor = point
            resolver.dated.append(Dated(candidate.start, sentence.text.lower(), sentence.start_char, point))
        if writes_year(candidate.match) and resolver.anchor:
            written[sentence.start] = resolver.anchor.year
    spans.sort(key=lambda span: span.start)
    if published is None and warnings is not None and (unresolved := [d.text for d in spans if "X" in d.value]):
        warnings.append(unresolved_warning(unresolved))
    return spans


def unresolved_warning(texts: list[str]) -> str:
    shown = ", ".join(f"«{text[:40]}»" for text in texts[:UNRESOLVED_SHOWN])
    more = f" and {len(texts) - UNRESOLVED_SHOWN} more" if len(texts) > UNRESOLVED_SHOWN else ""
    return f"{len(texts)} relative date(s) left unresolved for lack of a publication date: {shown}{more}"


def resolved(candidate: Candidate, resolver: Resolver, warnings: list[str] | None) -> When | None:
    try:
        return narrowed(candidate.match, candidate.rule.build(candidate.match, resolver))
    except (OverflowError, ValueError):  # beyond the calendar: «завтра» on 9999-12-31, a 5,000-digit year
        if warnings is not None:
            warnings.append(f"date «{candidate.match.group()[:40]}» left unresolved: beyond the calendar")
        return None


def writes_year(match: re.Match) -> bool:
    return any(match.groupdict().get(name) for name in ("y", "y1", "y2"))


def candidates(doc) -> list[Candidate]:
    text = doc.text
    lowered = text.lower() if next(TEXTS_SCANNED) else None  # one text alone would not repay compiling the twins
    lowered = lowered if lowered is not None and len(lowered) == len(text) else None  # «İ» lowercases to two
    dateline = find_dateline(text)
    found = []
    for rule in RULES + EVENT_RULES:
        if lowered and rule.twin is not None and not may_match(rule.needs, lowered):
            continue
        for match in finditer_folded(rule.pattern, rule.twin if lowered else None, text, lowered):
            if dateline and match.start() < dateline.end and dateline.start < match.end():
                continue
            if rule.guard and rule.guard(match, doc):
                continue
            found.append(Candidate(match.start(), match.end(), rule, match))
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """Longest first, then leftmost; keep those that overlap nothing kept; return in text order."""
    kept: list[Candidate] = []  # in text order, none overlapping another
    for candidate in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        place = bisect_left(kept, candidate.start, key=lambda k: k.start)
        before_free = place == 0 or kept[place - 1].end <= candidate.start
        after_free = place == len(kept) or candidate.end <= kept[place].start
        if before_free and after_free:
            kept.insert(place, candidate)
    return kept


def date_span(text: str, candidate: Candidate, when: When) -> DateSpan:
    return DateSpan(
        start=candidate.start,
        end=candidate.end,
        text=text[candidate.start : candidate.end],
        value=when.iso(),
        precision=when.precision,
    )


def anchor_of(when: When) -> Point | None:
    point = when.start if isinstance(when, Period) else when
    return point if point.year else None


# -- tense of the clause a date sits in ------------------------------------------------------------

TENSES = {"Past": "past", "Pres": "present", "Fut": "future"}


def clause_tense(doc, start: int, end: int) -> str | None:
    """past / present / future from the nearest finite verb or participle above the date."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tense = next((tense for token in span.root.ancestors if (tense := token_tense(token))), None)
    return "future" if tense == "past" and after_ahead_infinitive(span) else tense


def after_ahead_infinitive(span) -> bool:
    """«договорились ввести на встрече во вторник санкции»: an infinitive under a verb of AHEAD stands
    before the date in the same clause (nothing but its dependents between)."""
    for token in reversed(span.doc[span.sent.start : span.start]):
        if token.pos_ == "PUNCT" or "Fin" in token.morph.get("VerbForm"):
            return False
        if "Inf" in token.morph.get("VerbForm"):
            return token.head.lemma_ in AHEAD
    return False


def is_future_auxiliary(token) -> bool:
    """«будет объявлен»: the parser may tag «будет» present."""
    return "Fut" in token.morph.get("Tense") or (token.lemma_ == "быть" and token.text.lower().startswith("буд"))


def token_tense(token) -> str | None:
    if token.lemma_ in FUTURE_CUES:
        return "future"
    if "Inf" in token.morph.get("VerbForm") and token.head is not token and token.head.lemma_ not in ACHIEVED:
        return "future"
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    for child in token.children:
        if child.dep_.startswith("aux") and is_future_auxiliary(child):
            return "future"
    if "Cnd" in token.morph.get("Mood"):
        return None
    tenses = token.morph.get("Tense")
    return TENSES.get(tenses[0]) if tenses else None
