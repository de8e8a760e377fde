"""Names across scripts: what an English report's names are in a Korean report, so that the two
meet in a story (story terms) and their claims about one person meet (claim subjects).

    names.hangul_terms("Samsung Electronics Chairman Lee Jae-yong met Mark Zuckerberg")
    -> Counter({"삼성전자": 1, "저커버그": 1, "이+jeyong": 1})

Both are data (newsbot/rules/names_ko.toml):
- the [names] table: a name in Latin letters and in Hangul (Zuckerberg: 저커버그; Samsung
  Electronics: 삼성전자);
- romanized Korean names (Lee Jae-yong, Yoon Suk Yeol): a family name of [family_names] and a
  given name, kept as the family name in Hangul and the given name's sounds ("이+jeyong"). A
  Korean name (이재용) has the same form by the Revised Romanization of its syllables
  ([romanization]); both are written loosely, so that the spellings English uses for one sound
  meet (Suk and Seok for 석, Young and Yeong for 영). ``crossing_form`` gives it, and a story
  across scripts is matched on these forms (newsbot.stories.index).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from functools import cached_property, lru_cache

from newsbot.rules import read_rules_file

DEFAULT_NAME_FILES = ("newsbot/rules/names_ko.toml",)
_HANGUL_BASE = 0xAC00
ROMANIZED = "+"           # between the family name and the given name's sounds: 이+jeyong
SOUND = "~"               # before a name's spelling, as names no table writes are compared (NameTable.sounds)
MIN_SOUND = 4             # letters a name needs to be compared by its sound


def is_hangul(letter: str) -> bool:
    """A Hangul syllable (가 to 힣)."""
    return "가" <= letter <= "힣"


class NameTable:
    def __init__(self, data: dict):
        self.languages = frozenset(data.get("languages", []))
        self.people: dict[str, str] = dict(data.get("people", {}))
        self.table: dict[str, str] = {**data.get("names", {}), **self.people}
        self.families: dict[str, str] = dict(data.get("family_names", {}))
        self.romanization = data.get("romanization", {})
        self.sounding = data.get("sounds", {})     # read at match time only: not in the fingerprint
        self.glossing = data.get("glosses", {})    # read by newsbot.stories.glosses only: neither

    @classmethod
    @lru_cache(maxsize=4)
    def load(cls, paths: tuple[str, ...] = DEFAULT_NAME_FILES) -> "NameTable":
        merged: dict = {}
        for name in paths:
            _, data = read_rules_file(name)
            for section, values in data.items():
                if isinstance(values, dict):
                    merged.setdefault(section, {}).update(values)
                elif section == "languages":
                    merged["languages"] = sorted(set(merged.get("languages", [])) | set(values))
        return cls(merged)

    @classmethod
    def from_settings(cls, settings) -> "NameTable":
        files = settings.getlist("NEWSBOT_NAME_FILES") if hasattr(settings, "getlist") else None
        return cls.load(tuple(files or DEFAULT_NAME_FILES))

    def describes(self, language: str) -> bool:
        """The table writes names as articles in `language` do (a Korean article needs no bridge)."""
        return language.lower()[:2] in self.languages

    def crosses(self, language: str | None) -> bool:
        """An article in `language` (known) is written in another script than the table's Hangul."""
        return language is not None and not self.describes(language)

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps([self.table, self.people, self.families, self.romanization], ensure_ascii=False,
                                         sort_keys=True).encode()).hexdigest()[:16]

    # --- compiled ---------------------------------------------------------------------------
    @cached_property
    def names_re(self) -> re.Pattern:
        """The table's Latin names, longest first, as whole words."""
        names = sorted(self.table, key=len, reverse=True)
        return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])" if names else r"(?!)")

    @cached_property
    def romanized_re(self) -> re.Pattern:
        families = "|".join(re.escape(f) for f in sorted(self.families, key=len, reverse=True))
        # a given name of two syllables, hyphenated or not (Jae-yong, Suk Yeol), or of one (Kyung)
        if not families:
            return re.compile(r"(?!)")
        return re.compile(rf"\b(?P<family>{families})\s+(?P<a>[A-Z][a-z]+)"
                          rf"(?:-(?P<b>[a-zA-Z][a-z]*)|\s(?P<c>[A-Z][a-z]+)\b|\b)")

    @cached_property
    def syllables(self) -> dict[str, list[str]]:
        """Loose romanization -> the Hangul syllables written so (those with a final that names
        seldom have left out: see [romanization] name_finals)."""
        r = self.romanization
        table: dict[str, list[str]] = {}
        finals = set(r.get("name_finals", []))
        for index in range(11172):
            if index % 28 and index % 28 not in finals:
                continue
            letter = chr(_HANGUL_BASE + index)
            table.setdefault(self.loose(self.romanize(letter) or ""), []).append(letter)
        return table

    @cached_property
    def _loose_rules(self) -> list[tuple[str, str]]:
        return [tuple(pair) for pair in self.romanization.get("loose", [])]

    @cached_property
    def _targets(self) -> frozenset[str]:
        return frozenset(self.table.values())

    @cached_property
    def _sources(self) -> frozenset[str]:
        """The words of the table's Latin names (Samsung, Electronics): their Hangul form carries them."""
        return frozenset(w for name in self.table for w in re.findall(r"[A-Za-z0-9]+", name))

    @cached_property
    def _family_syllables(self) -> frozenset[str]:
        return frozenset(self.families.values())

    # --- reading ----------------------------------------------------------------------------
    def loose(self, written: str) -> str:
        """A romanization as it is compared: lower case, the rules' spellings of one sound made one."""
        written = written.lower()
        for old, new in self._loose_rules:
            written = written.replace(old, new)
        return written

    def romanize(self, syllables: str) -> str | None:
        """The Revised Romanization of Hangul syllables (재용: jaeyong); None for other letters."""
        r = self.romanization
        initials, vowels, finals = r.get("initials", []), r.get("vowels", []), r.get("finals", [])
        if len(initials) != 19 or len(vowels) != 21 or len(finals) != 28:
            return None
        out = []
        for letter in syllables:
            if not is_hangul(letter):
                return None
            index = ord(letter) - _HANGUL_BASE
            initial, vowel, final = index // 588, index % 588 // 28, index % 28
            out.append(initials[initial] + vowels[vowel] + finals[final])
        return "".join(out)

    @cached_property
    def _persons(self) -> frozenset[str]:
        return frozenset(self.people.values())

    def is_person(self, term: str) -> bool:
        """A term that surely names a person: one of [people], or a romanized Korean name as an
        English report gives it (이+jeyong; a Korean word shaped like a name, 서울, may be none)."""
        return ROMANIZED in term or term in self._persons

    @lru_cache(maxsize=1 << 16)
    def crossing_form(self, term: str) -> str:
        """How a story term is compared across scripts: a Korean personal name's shape (a family
        name and one or two syllables: 이재용, 김경) as its family name and its given name's
        sounds (이+jeyong, the form hangul_terms gives Lee Jae-yong); any other term as it is."""
        if 2 <= len(term) <= 3 and term[0] in self._family_syllables and all(is_hangul(c) for c in term[1:]) \
                and term not in self._targets:
            given = self.romanize(term[1:])
            if given:
                return term[0] + ROMANIZED + self.loose(given)
        return term

    @lru_cache(maxsize=1 << 16)
    def carries(self, term: str) -> bool:
        """A story term that reports in both scripts write: a Hangul name of the table, a Korean
        personal name's shape (이재용) or a romanized one (이+jeyong), or a capitalized Latin word
        the table does not write in Hangul (CEO, Jassy where the table lacks it) and that is not
        one syllable of a romanized name (Jang, Dong of Jang Dong-hyuk: its romanized form says it)."""
        if ROMANIZED in term:
            return True
        if is_hangul(term[0]):
            return term in self._targets or self.crossing_form(term) != term
        return term[0].isupper() and term not in self._sources and self.loose(term) not in self.syllables

    def bridged(self, term: str) -> bool:
        """A term hangul_terms may give an English report (a name of the table, a romanized name)."""
        return ROMANIZED in term or term in self._targets

    def for_sure(self, term: str) -> bool:
        """A term that counts as evidence in a comparison across scripts even where the other side
        lacks it: any but a word in Latin letters (an English report's Saturday, Calls: words a
        Korean report would not write even about the same event)."""
        return ROMANIZED in term or is_hangul(term[0])

    # --- sounds: names neither side's table writes ------------------------------------------
    @cached_property
    def _suffixes(self) -> tuple[str, ...]:
        return tuple(sorted(self.sounding.get("place_suffixes", []), key=len, reverse=True))

    @lru_cache(maxsize=1 << 16)
    def sounds(self, term: str) -> tuple[str, ...]:
        """How a name that no table writes sounds, to meet its spelling in the other script: a
        Latin word as it is spelt (Seongdong: ~seongdong), a Hangul word of two syllables or more
        as its Revised Romanization and that of its stem without a place's suffix ([sounds]
        place_suffixes: 성동구청장 -> 성동: ~seongdong; 잠실동: ~jamsil). Exact, not loose: place
        names are written in the Revised Romanization, and the loose rules that make 석 of Suk and
        Seok would make 승소 of Seongsu."""
        if not is_hangul(term[0]):
            return (SOUND + term.lower(),) if term.isalpha() and len(term) >= MIN_SOUND else ()
        if len(term) < 2:
            return ()
        stems = [term] + [term[:-len(s)] for s in self._suffixes if term.endswith(s) and len(term) - len(s) >= 2]
        written = [self.romanize(stem) for stem in stems]
        return tuple(dict.fromkeys(SOUND + w for w in written if w and len(w) >= MIN_SOUND))

    def parts(self, term: str) -> list[str]:
        """A Korean term of names joined by a middle dot (대전·충남) as its names."""
        return [p for p in term.split("·") if len(p) >= 2] if "·" in term else [term]

    def hangul_terms(self, text: str) -> Counter:
        """The Hangul form of each name of the table in a Latin text, and the crossing form of each
        romanized Korean name (Lee Jae-yong: 이+jeyong), with how often it is written."""
        found = Counter(self.table[m.group(0)] for m in self.names_re.finditer(text))
        for m in self.romanized_re.finditer(text):
            found[self.families[m["family"]] + ROMANIZED + self.loose("".join(self._given(m)))] += 1
        return found

    @staticmethod
    def _given(m: re.Match) -> list[str]:
        return [part for part in (m["a"], m["b"] or m["c"]) if part]

    def korean_names(self, text: str) -> list[str]:
        """Every Hangul name the romanized Korean names of a Latin text may be (Lee Jae-yong:
        이재용, 이제용, 이채영 ...): what an English report looks a Korean story up by."""
        names = []
        for m in self.romanized_re.finditer(text):
            found = [self.families[m["family"]]]
            for part in self._given(m):
                found = [n + s for n in found for s in self.syllables.get(self.loose(part), [])]
            names += [n for n in found if len(n) > 1]
        return names

    def hangul(self, name: str) -> list[str]:
        """The Hangul forms a person's name as an English claim gives it may be (Zuckerberg -> 저커버그)."""
        if name in self.table:
            return [self.table[name]]
        return [self.families[name]] if name in self.families else []
