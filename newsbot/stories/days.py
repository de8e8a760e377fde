"""The day of the month an undated article says its event fell on, for story clustering.

A page that gives no date still names its event's day, mostly in its first sentence (김 의원은
21일 ...): without a month it resolves to no date, but it tells a report of the 21st from one of
the 26th. StoryIndex reads it for an undated article (see ``span_days`` there). It is the day of
the first of the article's date claims (the facts stage's, in their order) that speaks of the
article's own event and names a day of the month as news names the day it reports (21일, 1월
21일): not 오늘 or 어제, which say nothing without a date; not 지난 21일 or 오는 25일, a day a
while back or ahead (an earlier turn of the story, a schedule); not another month's or year's
(지난달 31일, 지난해 3월 5일). Expression.day says which dates qualify; the words are the fact
rules' (newsbot/rules/facts_ko.toml [dates]).
"""

from __future__ import annotations

import hashlib
import json

from newsbot.facts.expressions import find_expressions
from newsbot.facts.rules import FactRules


class StatedDay:
    def __init__(self, rules: FactRules):
        self.rules = rules

    def fingerprint(self) -> str:
        """Changes when the fact rules do (a story index made with others must be made anew)."""
        return hashlib.sha256(json.dumps(self.rules.data, ensure_ascii=False, sort_keys=True,
                                         default=str).encode()).hexdigest()[:16]

    def __call__(self, facts: list[dict] | None) -> int | None:
        """The day of the month an undated article's facts name for its event, or None."""
        for fact in facts or ():
            if fact.get("value") is not None or fact.get("other_event"):
                continue                    # resolved (the page is dated), or another event's
            for e in find_expressions(fact.get("text") or "", self.rules)[:1]:
                if e.kind in ("date", "datetime") and e.day:
                    return e.day
        return None
