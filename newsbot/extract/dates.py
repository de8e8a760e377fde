"""Where a page's publication date comes from: only what the page states, and which part said it.

In order: structured data (JSON-LD), <meta> tags, an embedded article payload, a labelled date
line in the page's text (the language rules' ``published`` lines: 입력 2016.09.17 18:59), the
page's markup as htmldate reads it without its text search (<time>, itemprop, date classes),
and a date in the URL's path. Never a year the text mentions: htmldate's extensive search
guesses January 1 of such a year, and a wrong date splits stories; no date is better.
A day-only date gives way to a later, more precise source that states the same day.
"""

from __future__ import annotations

import re
from datetime import datetime

from htmldate import find_date
from lxml import etree

from newsbot.extract.common import visible_text
from newsbot.processors import date_precision, parse_datetime
from newsbot.rules import Rules

#: the values of a record's ``published_source``
SOURCES = ("json-ld", "meta", "embedded", "date-line", "markup", "url", "given")

#: a day in a URL's path: /2016/09/17/, /20160917..., and at the head of an article id after an
#: outlet's letters or its section number (/AKR20260129187800004, /NISX20260130_0003496515,
#: /0101_202601310402114111: 연합뉴스, 뉴시스, YTN)
#: (written with separators it may end the path; run together it is followed by more of the id:
#: /article/20000125 is an id, not 25 January 2000)
_URL_DATE = re.compile(r"(?:/|/[A-Z]{2,5}|/\d{4}_)(?:((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
                       r"|((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[_.-]|\d{3,}))")
_HAS_DATE = etree.XPath("//body//text()[re:test(., '(19|20)[0-9]{2}[-./년 ]')][not(ancestor::script or ancestor::style)]",
                        namespaces={"re": "http://exslt.org/regular-expressions"})
#: a date line is short: the text of the element around the date, at most this long
MAX_DATE_LINE = 160


def url_date(url: str | None) -> str | None:
    """The day a URL's path names (``/2016/09/17/``, ``/20160917...``), as YYYY-MM-DD."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    m = _URL_DATE.search(path)
    if not m:
        return None
    y, mo, d = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
    return f"{y}-{mo}-{d}"


def date_line(tree, rules: Rules) -> str | None:
    """The date of the first labelled date line in the page's text (the element around a text
    that holds a year, or its parent when the label sits in a sibling). None at once when the
    page's language has no date-line rules."""
    if not rules.sections.get("published"):
        return None
    for text in _HAS_DATE(tree):
        element = text.getparent()
        for candidate in (element, element.getparent() if element is not None else None):
            if candidate is None:
                continue
            line = visible_text(candidate)
            if len(line) > MAX_DATE_LINE:
                break
            found = rules.find_published(line)
            if found:
                return found
    return None


def markup_date(tree) -> str | None:
    """The date htmldate reads from the markup alone (extensive_search off: no text guesses)."""
    try:
        return find_date(tree, extensive_search=False, original_date=True)
    except Exception:          # htmldate on a broken tree: no date rather than no page
        return None


def first_date(candidates) -> tuple[str | None, str | None]:
    """(date as written, source) of the first (value, source) pair that reads as a date; a
    day-only one gives way to a later candidate stating the same day more precisely. Candidates
    may be callables, called only when needed."""
    chosen: tuple[str, str] | None = None
    for value, source in candidates:
        if callable(value):
            value = value()
        if not isinstance(value, str) or parse_datetime(value, "UTC") is None:
            continue
        if chosen is None:
            chosen = (value, source)
            if date_precision(value) != "day":
                break
        elif date_precision(value) != "day" and _same_day(chosen[0], value):
            chosen = (value, source)
            break
    return chosen if chosen else (None, None)


def _day(value: str):
    parsed = parse_datetime(value, "UTC")
    if parsed is None:
        return None
    moment = parsed[0]
    return moment.date() if isinstance(moment, datetime) else moment


def _same_day(a: str, b: str) -> bool:
    """Whether two dates name the same calendar day (in UTC, the way parse_datetime reads them)."""
    day = _day(a)
    return day is not None and day == _day(b)
