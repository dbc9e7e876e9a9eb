"""Dates are Vietnamese calendar dates: day first, months, working days, today in Viet Nam."""

from __future__ import annotations

import datetime as dt

import pytest

from cvtracker import settings
from cvtracker.dates import (
    add_months,
    add_working_days,
    first_day,
    format_day,
    format_month,
    is_working_day,
    last_day,
    month_of,
    months_between,
    parse_date,
    parse_month,
    working_days,
)
from cvtracker.errors import InputError

UTC = dt.timezone.utc

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4/5/2022", D(2022, 5, 4)),
        ("04/05/2022", D(2022, 5, 4)),
        ("4-5-2022", D(2022, 5, 4)),
        ("4.5.2022", D(2022, 5, 4)),
        (" 30/4/2022 ", D(2022, 4, 30)),
        ("2022-05-04", D(2022, 5, 4)),
        ("2022-5-4", D(2022, 5, 4)),
        ("29/2/2024", D(2024, 2, 29)),
        ("13/1/2022", D(2022, 1, 13)),
    ],
)
def test_dates_are_day_first_or_iso(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_day_first_is_not_month_first() -> None:
    # 4/5/2022 is 4 May, never 5 April; 2022-05-04 is the same day, never swapped
    assert parse_date("4/5/2022") == parse_date("2022-05-04") == D(2022, 5, 4)
    assert parse_date("5/4/2022") == D(2022, 4, 5)


@pytest.mark.parametrize("text", ["31/2/2022", "29/2/2022", "32/1/2022", "0/1/2022", "1/13/2022"])
def test_days_that_do_not_exist_are_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert caught.value.key == "bad_date"
    assert caught.value.params["value"] == text


@pytest.mark.parametrize(
    "text", ["", "garbage", "tomorrow", "4/5", "4/5/22", "2022/05/04", "2022-05", "4//5/2022"]
)
def test_garbage_is_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert caught.value.key == "bad_date_format"
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2022-06", "2022-06"), ("6/2022", "2022-06"), ("06/2022", "2022-06"), ("12/2025", "2025-12")],
)
def test_months(text: str, expected: str) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize(
    "text", ["13/2022", "0/2022", "2022-13", "2022-00", "June", "2022", "6/22", "1/6/2022", ""]
)
def test_bad_months_are_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_month(text)
    assert caught.value.key == "bad_month"


def test_month_arithmetic() -> None:
    assert month_of(D(2022, 5, 31)) == "2022-05"
    assert first_day("2022-02") == D(2022, 2, 1)
    assert last_day("2022-02") == D(2022, 2, 28)
    assert last_day("2024-02") == D(2024, 2, 29)
    assert last_day("2022-12") == D(2022, 12, 31)
    assert add_months("2022-12", 1) == "2023-01"
    assert months_between("2022-11", "2023-02") == ["2022-11", "2022-12", "2023-01", "2023-02"]
    assert months_between("2022-05", "2022-05") == ["2022-05"]
    assert months_between("2022-06", "2022-05") == []


def test_vietnamese_formatting() -> None:
    assert format_day(D(2022, 4, 30)) == "30/4/2022"
    assert format_day(D(2022, 5, 4)) == "4/5/2022"
    assert format_month("2022-06") == "6/2022"


# --- working days ------------------------------------------------------------------------------


def test_weekends_are_not_working_days() -> None:
    assert is_working_day(D(2022, 5, 6))  # Friday
    assert not is_working_day(D(2022, 5, 7))  # Saturday
    assert not is_working_day(D(2022, 5, 8))  # Sunday


@pytest.mark.parametrize(
    "day",
    [
        D(2023, 1, 23),  # Tết Quý Mão, a Monday
        D(2023, 1, 24),
        D(2023, 1, 25),
        D(2023, 1, 26),
        D(2022, 2, 1),  # Tết Nhâm Dần, a Tuesday
        D(2022, 5, 2),  # 30/4 fell on a Saturday: the Monday off
        D(2022, 5, 3),  # 1/5 fell on a Sunday: the Tuesday off
        D(2023, 5, 1),  # 1/5, a Monday
        D(2022, 9, 1),  # Quốc khánh 2022 (1/9 and 2/9)
        D(2022, 9, 2),
        D(2023, 9, 1),
        D(2022, 4, 11),  # Giỗ Tổ Hùng Vương (observed)
    ],
)
def test_vietnamese_public_holidays_are_not_working_days(day: dt.date) -> None:
    assert day.weekday() < 5
    assert not is_working_day(day)


def test_working_days_over_tet_2023() -> None:
    # Mon 16/1 … Fri 3/2/2023: three weeks of weekdays (15) less Tết 20/1 and 23–26/1 (5)
    assert working_days(D(2023, 1, 16), D(2023, 2, 3)) == 10
    # the Friday before Tết; the next working day is Friday 27/1
    assert add_working_days(D(2023, 1, 19), 1) == D(2023, 1, 27)


def test_working_days_around_30_4_and_1_5() -> None:
    # Fri 29/4 … Fri 6/5/2022: 30/4 and 1/5 fall on the weekend, made up on 2 and 3 May
    assert working_days(D(2022, 4, 29), D(2022, 5, 6)) == 4
    assert add_working_days(D(2022, 4, 29), 1) == D(2022, 5, 4)


def test_working_days_around_2_9() -> None:
    # Mon 29/8 … Fri 2/9/2022: 1/9 and 2/9 off
    assert working_days(D(2022, 8, 29), D(2022, 9, 2)) == 3


def test_working_days_counts_both_ends_and_empty_ranges() -> None:
    assert working_days(D(2022, 5, 4), D(2022, 5, 4)) == 1
    assert working_days(D(2022, 5, 5), D(2022, 5, 4)) == 0
    assert add_working_days(D(2022, 5, 4), 0) == D(2022, 5, 4)


# --- today in Viet Nam -------------------------------------------------------------------------


def test_today_is_in_ho_chi_minh_when_the_clock_is_utc() -> None:
    late_evening_utc = dt.datetime(
        2022, 5, 9, 18, 30, tzinfo=dt.timezone.utc
    )  # 01:30 on 10/5 in Viet Nam
    assert settings.today(now=late_evening_utc) == D(2022, 5, 10)
    morning_utc = dt.datetime(
        2022, 5, 9, 16, 59, tzinfo=dt.timezone.utc
    )  # 23:59 on 9/5 in Viet Nam
    assert settings.today(now=morning_utc) == D(2022, 5, 9)
    at_midnight = dt.datetime(
        2022, 5, 9, 17, 0, tzinfo=dt.timezone.utc
    )  # 00:00 on 10/5 in Viet Nam
    assert settings.today(now=at_midnight) == D(2022, 5, 10)


def test_today_whatever_the_machine_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        moment = dt.datetime(
            2022, 12, 31, 20, 0, tzinfo=dt.timezone.utc
        )  # 03:00 on 1/1/2023 in Viet Nam
        assert settings.today(now=moment) == D(2023, 1, 1)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_days_as_a_clerk_types_them() -> None:
    import datetime as dt

    from cvtracker.dates import parse_day, parse_period

    today = dt.date(2022, 6, 9)
    assert parse_day("hôm nay", today) == today
    assert parse_day("hom nay", today) == today
    assert parse_day("Today", today) == today
    assert parse_day("hôm qua", today) == dt.date(2022, 6, 8)
    assert parse_day("8/6", today) == dt.date(2022, 6, 8)
    # a day and month later than today is last year's
    assert parse_day("28/12", dt.date(2023, 1, 5)) == dt.date(2022, 12, 28)
    assert parse_day("9/6", today) == today
    assert parse_day("4/5/2022", today) == dt.date(2022, 5, 4)
    for bad in ("31/2", "hôm mai", "32/1"):
        with pytest.raises(InputError):
            parse_day(bad, today)
    on = dt.date(2022, 6, 9)
    assert parse_period("5", on) == "2022-05"
    assert parse_period("05", on) == "2022-05"
    assert parse_period("6/2021", on) == "2021-06"
    for bad in ("13", "0", "٥"):
        with pytest.raises(InputError):
            parse_period(bad, on)
