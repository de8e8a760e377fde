"""Matching a report with a story written in another script: an English report with the story of
Korean reports of its event, or a Korean report with an English story. No machine translation:
what carries across is names (newsbot.stories.names: the Hangul form of an English report's names,
a Korean name and a romanized one in the form they share) and numbers.

- The script of an article is its language's (Hangul for the name table's, Latin for the others);
  a story's is the script most of its words are written in, but for the Hangul forms of names an
  English report holds.
- An article looks up stories in the other script by names too: an English report by the Hangul
  names its romanized Korean names may be (Lee Jae-yong: 이재용, 이제용 ...), a Korean one by the
  crossing forms of its names (이재용: 이+jeyong), the terms English reports hold.
- ``score``: the cosine of their TF-IDF weights over the names both scripts write, plus
  NUMBER_WEIGHT for each number both state (``number_forms``: unit and stated value, 1억 원 and
  100 million won alike; a clock time, and a day away from the report's own: 25일 오후 4시 and
  Feb. 25 at 4 p.m.). Zero unless they share a person and two particular things, one a name
  that at most PARTICULAR of the articles (or FEW) hold, the other such a name or a number: the
  same people's other events share the people and the common names (민주당, 서울), and polls
  their percentages, which alone prove nothing. Zero too when the report states numbers (moments
  aside) and the story TELLING or more, none of them alike: reports of one event that state
  numbers share some (every such English report of the crossing benchmark's labels does), the
  same people's other events do not.
- Names that no table writes (a district, a market: 성동, Seongdong) meet by their sound
  (NameTable.sounds), and count only where both sides write them.
- A report goes with no story of the other script when two of them score within MARGIN of each
  other (newsbot.stories.index applies it).
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Callable

from newsbot.stories.names import ROMANIZED, NameTable, is_hangul

PARTICULAR = 0.1       # a name at most this share of the articles hold tells an event
FEW = 20               # ... or at most this many of them (in a small folder every name is in a tenth)
NUMBER_WEIGHT = 0.1    # added for each number an article and a story both state, for at most NUMBERS
NUMBERS = 3
MIN_COUNT = 3          # counts below this are not compared (any report may state them)
TELLING = 3            # a story stating this many numbers, none of them a report's, is another event
NEAR_DAYS = 1          # days from an article's own in which the days it names tell no event
WHEN = "when:"         # before a moment among an article's numbers
MARGIN = 0.1           # by which the best story of the other script must beat the next
PROBE_NAMES = 20       # a Korean report's names that look English stories up
HANGUL, LATIN = "hangul", "latin"


def number_forms(facts: list[dict], published: date | None = None) -> frozenset[str]:
    """The numbers an article states about its event, as they compare in any language (unit and
    stated value: 1억 원 and 100 million won are "KRW:100000000"), counts below MIN_COUNT (which
    any report may hold) left out; and the moments it names that few reports of other events
    would: a clock time on a day ("when:2026-02-25T16:00", its zone aside) and a day more than
    NEAR_DAYS from the article's `published` day ("when:2026-02-25"; a report's own days are in
    every report of the week)."""
    forms = set()
    for fact in facts or ():
        value, stated = fact.get("value"), fact.get("stated")
        if not value or not stated or fact.get("other_event"):
            continue
        unit = value.get("unit")
        if unit in ("date", "datetime"):
            moment = _moment(unit, stated, published)
            if moment:
                forms.add(moment)
            continue
        if unit == "count" and value.get("min") is not None and value["min"] < MIN_COUNT:
            continue
        forms.add(f"{unit}:{stated}")
    return frozenset(forms)


def _moment(unit: str, stated: str, published: date | None) -> str | None:
    if unit == "datetime":
        return WHEN + stated[:16] if len(stated) >= 16 else None
    try:
        day = date.fromisoformat(stated)
    except ValueError:
        return None                         # a span of days (2026-02-01/2026-02-28)
    return WHEN + stated if published is not None and abs((day - published).days) > NEAR_DAYS else None


class Crossing:
    """What an index needs to match across scripts, with one name table (None: nothing crosses)."""

    def __init__(self, names: NameTable | None):
        self.names = names

    def crosses(self, language: str | None) -> bool:
        """An article in `language` is written in another script than the name table's Hangul."""
        return self.names is not None and self.names.crosses(language)

    def script(self, weights: dict[str, float], language: str | None = None) -> str:
        """The script an article in `language` is written in, or, without one, that of most of the
        weight of its words (or a story's centroid), but for the Hangul forms of English names."""
        if self.names is not None and language is not None:
            return LATIN if self.crosses(language) else HANGUL
        hangul = latin = 0.0
        bridged = self.names.bridged if self.names is not None else (lambda term: False)
        for term, weight in weights.items():
            if is_hangul(term[0]):
                if not bridged(term):
                    hangul += weight
            else:
                latin += weight
        return HANGUL if hangul >= latin else LATIN

    def probes(self, title: str, text: str, terms: dict[str, float], language: str | None) -> list[str]:
        """The terms by which an article looks up stories in the other script: an English report's
        romanized Korean names as the Hangul names they may be, a Korean report's names in their
        crossing form (its PROBE_NAMES heaviest)."""
        if self.names is None:
            return []
        if self.crosses(language):
            return self.names.korean_names(f"{title}\n{text}")
        form = self.names.crossing_form
        return [form(t) for t in sorted(terms, key=lambda t: (-terms[t], t)) if form(t) != t][:PROBE_NAMES]

    def score(self, vector: dict[str, float], centroid: dict[str, float], idf: Callable[[list[str]], dict],
              particular: Callable[[str], bool], numbers: frozenset[str] = frozenset(),
              story_numbers: Callable[[], frozenset[str]] = frozenset) -> float:
        """How well an article (`vector`: its TF-IDF weights) matches a story (`centroid`: its
        term weights) in the other script; `idf`: the IDF of story terms, `particular`: whether few
        articles hold a story term, `numbers` and `story_numbers()`: their number_forms."""
        if self.names is None:
            return 0.0
        mine, mine_sure, persons = Counter(), set(), set()
        mine_unheard = self._side(vector, mine, mine_sure, persons)
        if not mine:
            return 0.0
        theirs = [t for t in centroid if any(self._form(p) is not None or self._heard(p, mine)
                                             for p in self.names.parts(t))]
        if not theirs:
            return 0.0
        weights = idf(theirs)
        weighted = {t: centroid[t] * weights[t] for t in theirs}
        mapped, theirs_sure = Counter(), set()
        theirs_unheard = self._side(weighted, mapped, theirs_sure, persons)
        # names no table writes, by their sound: a Hangul name of one side and a Latin word of the other
        self._hear(mine_unheard, vector, mine, mapped)
        self._hear(theirs_unheard, weighted, mapped, mine)
        shared = mine.keys() & mapped.keys()
        if not shared & persons:
            return 0.0
        particulars = {f for t in theirs for p in self.names.parts(t)
                       for f in (self._form(p), *self.names.sounds(p)) if f in shared and particular(t)}
        stated = story_numbers() if numbers else frozenset()
        same_numbers = numbers & stated
        if not particulars or len(particulars) + len(same_numbers) < 2:
            return 0.0
        amounts = {n for n in numbers if not n.startswith(WHEN)}
        if amounts and not amounts & stated and sum(not n.startswith(WHEN) for n in stated) >= TELLING:
            return 0.0          # the numbers of two events: a report's and a story's, none alike
        # what a side holds for sure counts whether the other has it or not (a name of the table or
        # a romanized name in an English report; any Hangul word in a Korean one); an English
        # report's other capitalized words (Saturday, Calls) only where a Korean report writes them
        mine = {f: w for f, w in mine.items() if f in shared or f in mine_sure}
        mapped = {f: w for f, w in mapped.items() if f in shared or f in theirs_sure}
        dot = math.fsum(w * mapped.get(f, 0.0) for f, w in mine.items())
        cosine = dot / (math.sqrt(math.fsum(w * w for w in mine.values()))
                        * math.sqrt(math.fsum(w * w for w in mapped.values())))
        return cosine + NUMBER_WEIGHT * min(len(same_numbers), NUMBERS)

    def _form(self, name: str) -> str | None:
        """How a name both scripts write compares: a Hangul one by its crossing form (이+jeyong), a
        Latin one by its sound (CEO, Seongdong); None for a word that does not carry."""
        names = self.names
        if not names.carries(name):
            return None
        if is_hangul(name[0]) or ROMANIZED in name:
            return names.crossing_form(name)
        return next(iter(names.sounds(name)), name)

    def _side(self, weights: dict[str, float], forms: Counter, sure: set, persons: set) -> list[tuple[str, str]]:
        """Adds the names of one side that carry to `forms` (those it holds for sure to `sure`, the
        people to `persons`); returns the Hangul names that do not, (part, term), to be heard."""
        names = self.names
        unheard = []
        for term in weights:
            for part in names.parts(term):
                form = self._form(part)
                if form is None:
                    if is_hangul(part[0]):
                        unheard.append((part, term))
                    continue
                forms[form] += weights[term]
                if names.for_sure(part):
                    sure.add(form)
                if names.is_person(part):
                    persons.add(form)
        return unheard

    def _heard(self, name: str, other: Counter) -> str | None:
        """The sound of a Hangul name that a Latin word of the other side has (성동, Seongdong)."""
        if not is_hangul(name[0]):
            return None
        return next((s for s in self.names.sounds(name) if s in other), None)

    def _hear(self, unheard: list[tuple[str, str]], weights: dict[str, float], forms: Counter, other: Counter):
        """Adds the Hangul names of a side that the other side has a Latin word for, by their sound."""
        for part, term in unheard:
            sound = self._heard(part, other)
            if sound is not None:
                forms[sound] += weights[term]
