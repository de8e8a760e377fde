"""Dates and clock times as Korean news writes them, resolved against an anchor date.

The anchor is the article's publication date (or, for an undated article, its story's first
date). Absolute dates (2024년 6월 11일, 2024.06.11) need none; relative ones (지난달 31일,
지난 4일, 오는 7일, 이달 중순, 11일, 3월) do, and without one they stay unresolved (None).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def is_relative(parts: dict) -> bool:
    """Whether the date needs an anchor to become a calendar date."""
    if parts.get("iso_y") or parts.get("y"):
        return False
    return True


def resolve(parts: dict, anchor: date | None, words: dict) -> tuple[date, date] | None:
    """The first and last day a date expression can mean, or None when it cannot be told.

    ``parts`` are the named groups of the date pattern; ``words`` the [dates] rules section.
    """
    if parts.get("iso_y"):
        return _day(int(parts["iso_y"]), int(parts["iso_m"]), int(parts["iso_d"]))
    if is_relative(parts) and anchor is None:
        return None
    direction = parts.get("dir")
    past = direction in words.get("past", ())
    future = direction in words.get("future", ())
    if parts.get("dw"):
        day = anchor + timedelta(days=words["day_words"][parts["dw"]])
        return day, day
    day = parts.get("d") or parts.get("d2")
    day = int(day) if day else None
    period = parts.get("period") or parts.get("period2")

    year = int(parts["y"]) if parts.get("y") else None
    if year is None and parts.get("yw"):
        year = anchor.year + words["year_words"][parts["yw"]]
    month = None
    if parts.get("mw"):
        year, month = _shift_month(anchor.year, anchor.month, words["month_words"][parts["mw"]])
    elif parts.get("m"):
        month = int(parts["m"])
        if year is None:
            year = anchor.year
            if past and month > anchor.month:
                year -= 1
            elif future and month < anchor.month:
                year += 1
    if month is None:
        if day is None:
            if year is None:
                return None
            return date(year, 1, 1), date(year, 12, 31)
        if year is not None:           # "2024년 11일": not a date
            return None
        year, month = anchor.year, anchor.month
        if past and day > anchor.day:
            year, month = _shift_month(year, month, -1)
        elif future and day < anchor.day:
            year, month = _shift_month(year, month, 1)
        elif not past and not future and day > anchor.day + int(words.get("bare_day_ahead", 7)):
            year, month = _shift_month(year, month, -1)
    if not 1 <= month <= 12:
        return None
    if day is not None:
        return _day(year, month, day)
    last = _last_day(year, month)
    if period:
        first, end = words["periods"][period]
        return date(year, month, first), date(year, month, min(end, last))
    return date(year, month, 1), date(year, month, last)


def _day(year: int, month: int, day: int) -> tuple[date, date] | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value, value


def clock(parts: dict, words: dict) -> tuple[int, int | None] | None:
    """(hour 0-23, minute or None) of a clock time, None when there is none or it is not one."""
    if not parts.get("h"):
        return None
    hour = int(parts["h"])
    ampm = parts.get("ampm") or words.get("day_clock", {}).get(parts.get("dw") or "", "")
    hour += words.get("clock_before", {}).get(ampm, 0) if hour < 12 else 0
    minute = int(parts["min"]) if parts.get("min") else (30 if parts.get("half") else None)
    if hour > 24 or (minute is not None and minute > 59):
        return None
    return hour % 24, minute


def at(day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)
