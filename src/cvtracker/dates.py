"""Vietnamese calendar dates: day-first parsing, months, and working days.

Dates typed by people are day-first (``4/5/2022`` is 4 May 2022); ISO dates work too. Parsing is
done by pattern and ``datetime.date`` rather than ``dateutil.parser``, whose ``dayfirst`` also
swaps the fields of ISO dates (``2022-05-04`` would become 5 April).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from dateutil.relativedelta import relativedelta

from cvtracker.errors import InputError

TIMEZONE = "Asia/Ho_Chi_Minh"
# Years a person may type: wide enough for any real directive, narrow enough that the month and
# working-day arithmetic never leaves the range of datetime.date.
MIN_YEAR = 1900
MAX_YEAR = 2999

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_MONTH_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_MONTH_DAY_FIRST = re.compile(r"^\s*(\d{1,2})/(\d{4})\s*$")


def parse_date(text: str) -> dt.date:
    """``4/5/2022``, ``04/05/2022``, ``4-5-2022``, ``4.5.2022`` or ``2022-05-04``."""
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise InputError("bad_date_format", value=text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError("bad_date", value=text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError("bad_date", value=text) from None


_DAY_MONTH = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})\s*$")
# words a clerk types for a day, folded (no diacritics, lower case): days before today
_DAY_WORDS = {"hom nay": 0, "today": 0, "hom qua": 1, "yesterday": 1, "hom kia": 2}


def _folded(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")
    return " ".join(plain.split())


def parse_day(text: str, today: dt.date) -> dt.date:
    """A day as a clerk types it: a date (:func:`parse_date`), "hôm nay" / "today", "hôm qua" /
    "yesterday", or a day and month without the year ("8/6"): this year's, or last year's when
    this year's would be after today (in January, "28/12" is last December)."""
    words = _folded(text)
    if words in _DAY_WORDS:
        return today - dt.timedelta(days=_DAY_WORDS[words])
    if match := _DAY_MONTH.match(text):
        day, month = (int(g) for g in match.groups())
        for year in (today.year, today.year - 1):
            try:
                found = dt.date(year, month, day)
            except ValueError:
                raise InputError("bad_date", value=text) from None
            if found <= today:
                return found
        return found
    return parse_date(text)


def parse_period(text: str, on: dt.date) -> str:
    """A month as :func:`parse_month` takes it, or a month number alone ("5", "05") for that
    month of the year of ``on`` (the day the work was done)."""
    value = text.strip()
    if value.isascii() and value.isdigit() and len(value) <= 2:
        month = int(value)
        if not 1 <= month <= 12:
            raise InputError("bad_month", value=text)
        return f"{on.year:04d}-{month:02d}"
    return parse_month(text)


def parse_year(text: str) -> int:
    """A year of four digits, within the years the calendar handles."""
    value = text.strip()
    # isdigit() takes "2²22" (superscripts); only the ASCII digits are a year
    if not (
        value.isascii()
        and value.isdecimal()
        and len(value) == 4
        and MIN_YEAR <= int(value) <= MAX_YEAR
    ):
        raise InputError("bad_year", value=text)
    return int(value)


def parse_month(text: str) -> str:
    """``2022-06``, ``6/2022`` or ``06/2022`` to ``2022-06``."""
    if match := _MONTH_ISO.match(text):
        year, month = (int(g) for g in match.groups())
    elif match := _MONTH_DAY_FIRST.match(text):
        month, year = (int(g) for g in match.groups())
    else:
        raise InputError("bad_month", value=text)
    if not 1 <= month <= 12 or not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError("bad_month", value=text)
    return f"{year:04d}-{month:02d}"


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@cache  # a few dozen months, asked for by every occurrence
def first_day(month: str) -> dt.date:
    year, mon = month.split("-")
    return dt.date(int(year), int(mon), 1)


@cache
def last_day(month: str) -> dt.date:
    year, mon = (int(part) for part in month.split("-"))
    return dt.date(year, mon, calendar.monthrange(year, mon)[1])


def add_months(month: str, count: int) -> str:
    return month_of(first_day(month) + relativedelta(months=count))


def months_between(start: str, end: str) -> list[str]:
    """Every month from ``start`` through ``end``, both included (empty if end < start)."""
    first, last = first_day(start), first_day(end)
    if last < first:
        return []
    count = (last.year - first.year) * 12 + last.month - first.month
    return [
        f"{first.year + (first.month - 1 + n) // 12:04d}-{(first.month - 1 + n) % 12 + 1:02d}"
        for n in range(count + 1)
    ]


def format_day(day: dt.date) -> str:
    """The way Vietnamese documents write a day: 30/4/2022 (no leading zeros)."""
    return f"{day.day}/{day.month}/{day.year}"


def format_month(month: str) -> str:
    year, mon = month.split("-")
    return f"{int(mon)}/{year}"


@dataclass(frozen=True)
class YearCalendar:
    """One year of the Vietnamese calendar as the ``holidays`` library gives it: the days that
    are not working days (weekends, public holidays, the days off the government moves onto
    weekdays, less the Saturdays it makes working days in exchange) and the public holidays."""

    year: int
    days_off: frozenset[dt.date]
    public_holidays: frozenset[dt.date]


def compute_year(year: int) -> YearCalendar:
    """The year from the ``holidays`` library, asked about every day of the year."""
    import holidays

    found = holidays.country_holidays("VN", years=year)
    day = dt.date(year, 1, 1)
    days_off: set[dt.date] = set()
    while day.year == year:
        if not found.is_working_day(day):
            days_off.add(day)
        day += dt.timedelta(days=1)
    public = frozenset(d for d in found if isinstance(d, dt.date) and d.year == year)
    return YearCalendar(year, frozenset(days_off), public)


YearSource = Callable[[int], YearCalendar]
_source: YearSource = compute_year


def use_year_source(source: YearSource | None) -> None:
    """Where the years come from: a source that gives what :func:`compute_year` gives (the
    shell's cache of it, so that a command need not import ``holidays``); None: the library."""
    global _source
    _source = source if source is not None else compute_year
    _year.cache_clear()


@cache
def _year(year: int) -> YearCalendar:
    return _source(year)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, not a Vietnamese public holiday (lunar ones included, and the days
    off the government moves onto weekdays), plus the Saturdays it makes working days in
    exchange (4/5/2024)."""
    return day not in _year(day.year).days_off


def is_public_holiday(day: dt.date) -> bool:
    return day in _year(day.year).public_holidays


@cache
def next_working_day(day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the first working day after it: where a
    time limit whose last day is a day off ends (Bộ luật Dân sự 2015, Điều 148 khoản 5)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days from ``start`` through ``end``, both included (0 if end < start)."""
    count = 0
    day = start
    while day <= end:
        if is_working_day(day):
            count += 1
        day += dt.timedelta(days=1)
    return count


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The day ``count`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    left = count
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day
