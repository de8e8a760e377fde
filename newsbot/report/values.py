"""A reconciled fact's value as a reader writes it: 4개월, 2,000억원, 10.5-17.5일, 2024-06-11.

The suffix of each unit is data (newsbot/rules/report.toml); a value is an interval {min, max, unit}
(newsbot/facts), written as one number when both ends are equal."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

REPORT_RULES = Path(__file__).resolve().parent.parent / "rules" / "report.toml"


@lru_cache(maxsize=4)
def report_rules(path: str = str(REPORT_RULES)) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def number(value) -> str:
    """A number with thousands separators and no trailing zeros (1,500, 10.5)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: dict | None) -> str:
    """An interval as text; "?" for a value the story could not resolve (None)."""
    if not value:
        return "?"
    unit = value.get("unit") or ""
    suffix = report_rules()["unit_suffix"].get(unit, f" {unit}" if unit else "")
    low, high = value.get("min"), value.get("max")
    text = number(low) if low == high else f"{number(low)}–{number(high)}"
    return text + suffix


def status_meaning(status: str) -> str:
    return report_rules()["status"].get(status, status)
