"""Korean numbers as written in news: digits, Sino-Korean place units and their mixtures.

    parse_number("7조9천억") == 7_900_000_000_000      parse_number("1,500억") == 150_000_000_000
    parse_number("1.2만345.67") == 12345.67            parse_number("삼천2백2십삼") == 3223
    parse_number("530억 4400만") == 53_044_000_000

The digit words and place units come from the rules file ([numbers]); these functions only
add them up. Values are exact (Decimal arithmetic) and come back as int when whole.
"""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"


def number_pattern(sino_digits: dict, small_units: dict, big_units: dict) -> str:
    """A regular expression for one written number (no vague prefix, no unit)."""
    sd = "[" + "".join(sino_digits) + "]"
    su = "[" + "".join(small_units) + "]"
    bu = "[" + "".join(big_units) + "]"
    digits = rf"(?>{DIGITS})"      # atomic: 1234 is never tried as 1 + 234 (that backtracking was exponential)
    atom = rf"(?:(?:{digits}|{sd})?{su}|(?:{digits}|{sd})?{bu}|{digits})"
    # news writes a space after a big place unit inside one number: 530억 4400만, 3억 6600만
    return rf"(?:{atom})+(?:(?<={bu})\s(?=\d)(?:{atom})+)*{sd}?"


_TOKEN = re.compile(rf"{DIGITS}|\D")


def place_scale(text: str, small_units: dict, big_units: dict) -> int:
    """The value of the place units a written number ends with (2000~3000억: the 억 of 3000억
    applies to 2000 too); 1 when it ends with a digit."""
    scale, i = 1, len(text)
    while i > 0 and (text[i - 1] in small_units or text[i - 1] in big_units):
        i -= 1
    tail = text[i:]
    return int(parse_number(tail, {}, small_units, big_units)) if tail else scale


def as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str, sino_digits: dict, small_units: dict, big_units: dict) -> int | float:
    """The value of a written number; a bare place unit counts one of it (천만 = 10,000,000)."""
    total = Decimal(0)      # everything above the current big unit
    section = Decimal(0)    # the part below 10,000 being read
    current: Decimal | None = None
    for token in _TOKEN.findall(text.replace(" ", "")):
        if token[0].isdigit():
            current = Decimal(token.replace(",", ""))
        elif token in sino_digits:
            current = Decimal(sino_digits[token])
        elif token in small_units:
            section += (current if current is not None else 1) * small_units[token]
            current = None
        elif token in big_units:
            section += current if current is not None else 0
            total += (section if section else 1) * big_units[token]
            section, current = Decimal(0), None
        else:
            raise ValueError(f"not a number: {text!r}")
    return as_number(total + section + (current or 0))
