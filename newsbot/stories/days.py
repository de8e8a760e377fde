"""The day of the month an undated article says it reports on, for story clustering.

A page that gives no date still names its day, mostly in its opening (김 의원은 21일 ...; 21일
경찰에 따르면 ...): without a month it resolves to no date, but it tells a report of the 21st
from one of the 26th. StoryIndex reads it for an undated article (see ``span_days`` there). It is
the day of the first date in the article's first OPENING characters that names a day of the month
as news names the day it reports (21일, 오늘(21일), 21일 경찰에 따르면): not 오늘 or 어제 alone,
which say nothing without a date; not 지난 21일 or 오는 25일, a day a while back or ahead (an
earlier turn of the story, a schedule); not a date that names its month or year (개교기념일(5월 17일),
지난달 31일, 지난해 3월 5일), which is mostly another time's. Expression.day says which dates
qualify; the words are the fact rules' (newsbot/rules/facts_ko.toml [dates]). Read on the bench's
dated articles, that day is the publication day or the day before for 88% of those that name one,
more than 4 days off for 2.6%.
"""

from __future__ import annotations

import hashlib
import json

from newsbot.facts.expressions import find_expressions
from newsbot.facts.rules import FactRules

OPENING = 400        # characters: the subtitles and the lede
VERSION = 1          # of what counts as the day (Expression.day and this module): in the fingerprint


class StatedDay:
    def __init__(self, rules: FactRules):
        self.rules = rules

    def fingerprint(self) -> str:
        """Changes when the fact rules or the reading do (a story index made with others must be
        made anew)."""
        return hashlib.sha256(json.dumps([self.rules.data, OPENING, VERSION], ensure_ascii=False, sort_keys=True,
                                         default=str).encode()).hexdigest()[:16]

    def __call__(self, text: str) -> int | None:
        """The day of the month the opening of an undated article's text names, or None."""
        for e in find_expressions((text or "")[:OPENING], self.rules):
            if e.kind in ("date", "datetime") and e.day:
                return e.day
        return None
