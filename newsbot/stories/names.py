"""Names across scripts: the Hangul form of the names an English report holds, so that it meets
the Korean reports of its event (story terms) and its claims about a person meet theirs.

    names.hangul_terms("Samsung Electronics Chairman Lee Jae-yong met Mark Zuckerberg")
    -> Counter({"삼성전자": 1, "저커버그": 1}), [["이재영", "이재용", "이제영", ...]]

Two ways, both data (newsbot/rules/names_ko.toml): the [names] table (Zuckerberg: 저커버그;
Samsung Electronics: 삼성전자), and romanized Korean names read back: a family name of
[family_names] and a given name of two syllables (Jae-yong, Suk Yeol), each syllable read by the
Revised Romanization tables, loosely (Suk: 석, 숙; Young: 영, 용), into every Hangul name it may
be; the story index keeps those its Korean reports hold (a name no article has weighs nothing).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from functools import cached_property, lru_cache

from newsbot.rules import read_rules_file

DEFAULT_NAME_FILES = ("newsbot/rules/names_ko.toml",)
_HANGUL_BASE = 0xAC00


class NameTable:
    def __init__(self, data: dict):
        self.languages = frozenset(data.get("languages", []))
        self.table: dict[str, str] = dict(data.get("names", {}))
        self.families: dict[str, str] = dict(data.get("family_names", {}))
        self.romanization = data.get("romanization", {})

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

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps([self.table, self.families, self.romanization], ensure_ascii=False,
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
        return re.compile(rf"\b(?P<family>{families})\s+(?P<a>[A-Z][a-z]+)(?:-(?P<b>[a-zA-Z][a-z]+)|\s(?P<c>[A-Z][a-z]+)\b)"
                          if families else r"(?!)")

    @cached_property
    def _loose_rules(self) -> list[tuple[str, str]]:
        return [tuple(pair) for pair in self.romanization.get("loose", [])]

    def loose(self, written: str) -> str:
        written = written.lower()
        for old, new in self._loose_rules:
            written = written.replace(old, new)
        return written

    @cached_property
    def syllables(self) -> dict[str, list[str]]:
        """Loose romanization -> the Hangul syllables written so."""
        r = self.romanization
        initials, vowels, finals = r.get("initials", []), r.get("vowels", []), r.get("finals", [])
        table = defaultdict(list)
        if len(initials) != 19 or len(vowels) != 21 or len(finals) != 28:
            return table
        for i, initial in enumerate(initials):
            for v, vowel in enumerate(vowels):
                for f, final in enumerate(finals):
                    if final == "x":
                        continue
                    table[self.loose(initial + vowel + final)].append(chr(_HANGUL_BASE + (i * 21 + v) * 28 + f))
        return table

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

    @lru_cache(maxsize=1 << 16)
    def carries(self, term: str) -> bool:
        """A story term that reports in both scripts write: a Hangul name of the table or a Korean
        personal name's shape (a family name and two syllables: 이재용), or a capitalized Latin
        word the table does not write in Hangul (CEO, Jassy where the table lacks it)."""
        if "가" <= term[0] <= "힣":
            return term in self._targets or (len(term) == 3 and term[0] in self._family_syllables)
        return term[0].isupper() and term not in self._sources

    # --- reading ----------------------------------------------------------------------------
    def korean_names(self, family: str, given: list[str]) -> list[str]:
        """Every Hangul name a romanized one may be (Lee, [Jae, yong] -> 이재용, 이제용, ...)."""
        first = self.families.get(family)
        if first is None:
            return []
        names = [first]
        for syllable in given:
            options = self.syllables.get(self.loose(syllable), [])
            names = [n + s for n in names for s in options]
            if not names:
                return []
        return names

    def hangul_terms(self, text: str) -> tuple[Counter, list[list[str]]]:
        """The Hangul form of each name of the table in a Latin text, with how often it is
        written, and for each romanized Korean name the Hangul names it may be (the story index
        keeps those its articles hold)."""
        found = Counter(self.table[m.group(0)] for m in self.names_re.finditer(text))
        romanized = [self.korean_names(m["family"], [m["a"], m["b"] or m["c"]]) for m in self.romanized_re.finditer(text)]
        return found, [names for names in romanized if names]

    def hangul(self, name: str) -> list[str]:
        """The Hangul forms a person's name as an English claim gives it may be (Zuckerberg -> 저커버그)."""
        if name in self.table:
            return [self.table[name]]
        return self.families.get(name) and [self.families[name]] or []
