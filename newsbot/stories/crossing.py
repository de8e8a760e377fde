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
  100 million won alike). Zero unless they share a person and two particular things, one a name
  that at most PARTICULAR of the articles (or FEW) hold, the other such a name or a number: the
  same people's other events share the people and the common names (민주당, 서울), and polls
  their percentages, which alone prove nothing.
- A report goes with no story of the other script when two of them score within MARGIN of each
  other (newsbot.stories.index applies it).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable

from newsbot.stories.names import NameTable

PARTICULAR = 0.1       # a name at most this share of the articles hold tells an event
FEW = 20               # ... or at most this many of them (in a small folder every name is in a tenth)
NUMBER_WEIGHT = 0.1    # added for each number an article and a story both state, for at most NUMBERS
NUMBERS = 3
MIN_COUNT = 3          # counts below this are not compared (any report may state them)
MARGIN = 0.1           # by which the best story of the other script must beat the next
PROBE_NAMES = 20       # a Korean report's names that look English stories up
HANGUL, LATIN = "hangul", "latin"


def number_forms(facts: list[dict]) -> frozenset[str]:
    """The numbers an article states about its event, as they compare in any language (unit and
    stated value: 1억 원 and 100 million won are "KRW:100000000"); dates, and counts below
    MIN_COUNT, which any report may hold, left out."""
    forms = set()
    for fact in facts or ():
        value, stated = fact.get("value"), fact.get("stated")
        if not value or not stated or fact.get("other_event") or value.get("unit") in ("date", "datetime"):
            continue
        if value.get("unit") == "count" and value.get("min") is not None and value["min"] < MIN_COUNT:
            continue
        forms.add(f"{value['unit']}:{stated}")
    return frozenset(forms)


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
            if "가" <= term[0] <= "힣":
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
        names = self.names
        if names is None:
            return 0.0
        form, sure, person = names.crossing_form, names.for_sure, names.is_person
        mine, mine_sure, persons = Counter(), set(), set()
        for term, weight in vector.items():
            if names.carries(term):
                mine[form(term)] += weight
                if sure(term):
                    mine_sure.add(form(term))
                if person(term):
                    persons.add(form(term))
        theirs = [t for t in centroid if names.carries(t)] if mine else []
        if not theirs:
            return 0.0
        weights = idf(theirs)
        mapped, theirs_sure, particulars = Counter(), set(), set()
        for term in theirs:
            f = form(term)
            mapped[f] += centroid[term] * weights[term]
            if sure(term):
                theirs_sure.add(f)
            if person(term):
                persons.add(f)
            if f in mine and particular(term):
                particulars.add(f)
        shared = mine.keys() & mapped.keys()
        if not shared & persons:
            return 0.0
        same_numbers = numbers & story_numbers() if numbers else frozenset()
        if not particulars or len(particulars) + len(same_numbers) < 2:
            return 0.0
        # what a side holds for sure counts whether the other has it or not (a name of the table or
        # a romanized name in an English report; any Hangul word in a Korean one); an English
        # report's other capitalized words (Saturday, Calls) only where a Korean report writes them
        mine = {f: w for f, w in mine.items() if f in shared or f in mine_sure}
        mapped = {f: w for f, w in mapped.items() if f in shared or f in theirs_sure}
        dot = math.fsum(w * mapped.get(f, 0.0) for f, w in mine.items())
        cosine = dot / (math.sqrt(math.fsum(w * w for w in mine.values()))
                        * math.sqrt(math.fsum(w * w for w in mapped.values())))
        return cosine + NUMBER_WEIGHT * min(len(same_numbers), NUMBERS)
