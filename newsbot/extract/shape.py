"""What a body looks like, line by line: how much of it is running text, and how much is teasers.

Cheap measures the validate stage uses to tell an article (whatever its layout: paragraphs, a
table, a list) from a listing page (a section front, search results, a tag page), whose lines
are headlines and teasers cut short, each with its time stamp.
"""

from __future__ import annotations

import re

from newsbot.extract.text import is_prose

#: a line that ends with a time stamp ("2016-09-17 14:26", "12-01 23:26", "2024.06.14") or is
#: cut short with an ellipsis, an outlet's name perhaps after it ("… 중앙일보")
_TEASER_END = re.compile(
    r"(?:(?<!\d)(?:(?:19|20)?\d{2}[-./]\d{1,2}[-./]\d{1,2}\.?|\d{1,2}[-./]\d{1,2})(?:\s*\([^)\d]{1,3}\))?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|…|\.\.\.)\s*\S{0,12}$")
#: a sentence's worth of text: a line (or table cell) at least this long that ends like a sentence
MIN_SENTENCE = 20


def cells(lines: list[str]) -> list[str]:
    """The lines with table rows ("a | b | c", as trafilatura writes them) split into their cells."""
    return [cell.strip() for line in lines for cell in line.split("|") if cell.strip()]


def prose_share(parts: list[str]) -> float:
    """The share of the characters of the body's cells (see cells) that read as sentences."""
    total = sum(map(len, parts))
    return sum(len(p) for p in parts if is_prose(p, MIN_SENTENCE)) / total if total else 0.0


def teaser_share(parts: list[str]) -> float:
    """The share of the body's cells (its lines, table rows split into their cells) that end
    with a time stamp or an ellipsis, as a listing's teasers do."""
    return sum(1 for part in parts if _TEASER_END.search(part)) / len(parts) if parts else 0.0
