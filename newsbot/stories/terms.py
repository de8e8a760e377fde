"""The words of an article that say what event it is about, for story clustering.

Words are the space-separated units of the title and text with their particles taken off
(삼성전자는 -> 삼성전자) and the common words of news dropped (both lists: the [words] section of
the language rules, story_particles and story_stopwords). The title counts twice. No morphology:
this runs over every article a crawl writes, and over the whole corpus when the story index is
made anew. A news roundup (the day's headlines on one page: its title or the first ROUNDUP_OPENING
characters of its text match one of story_roundups) has no terms: its words tell several events,
so it starts a story of its own that no article joins.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from functools import lru_cache

from newsbot.rules import Rules
from newsbot.stories.names import NameTable

_WORD = re.compile(r"[가-힣A-Za-z0-9]+(?:[·&][가-힣A-Za-z0-9]+)*")
ROUNDUP_OPENING = 100      # characters of the text where a roundup says what it is (오늘의 주요 뉴스입니다)


class TermExtractor:
    def __init__(self, rules: Rules, names: NameTable | None = None):
        self.names = names
        particles = sorted(rules.words.get("story_particles", []), key=len, reverse=True)
        self._particles = re.compile("(?:" + "|".join(map(re.escape, particles)) + ")$") if particles else None
        self._stop = set(rules.words.get("story_stopwords", []))
        roundups = list(rules.words.get("story_roundups", []))
        self._roundup = re.compile("|".join(f"(?:{r})" for r in roundups)) if roundups else None
        self.lists = {"particles": particles, "stopwords": sorted(self._stop), "roundups": roundups}
        self.word = lru_cache(maxsize=1 << 18)(self._word)     # news repeats its words

    def fingerprint(self) -> str:
        """Changes when the word lists do (a story index made with others must be made anew); the
        name table's is apart (it changes the terms of articles in another script only)."""
        return hashlib.sha256(json.dumps(self.lists, ensure_ascii=False).encode()).hexdigest()[:16]

    def _word(self, raw: str) -> str | None:
        if raw.isdigit() or raw in self._stop or (raw.isascii() and raw.lower() in self._stop):
            return None
        if self._particles is not None and len(raw) > 2 and re.match(r"[가-힣]", raw[-1]):
            raw = self._particles.sub("", raw) or raw
        if len(raw) < 2 or raw in self._stop or raw.isdigit():
            return None
        return raw

    def is_roundup(self, title: str, text: str) -> bool:
        return self._roundup is not None and bool(
            self._roundup.search(title or "") or self._roundup.search((text or "")[:ROUNDUP_OPENING]))

    def terms(self, title: str, text: str, language: str | None = None) -> dict[str, float]:
        """Term weights (1 + log of the count) of an article; none for a roundup. An article in a
        language the name table does not write (an English one) has the Hangul form of its names
        too (newsbot.stories.names)."""
        if self.is_roundup(title, text):
            return {}
        counts = Counter()
        crossing = self.names is not None and self.names.crosses(language)
        for part, weight in ((title, 2), (text, 1)):
            for raw, count in Counter(_WORD.findall(part or "")).items():
                word = self.word(raw)
                if word:
                    counts[word] += weight * count
            if crossing and part:
                for word, count in self.names.hangul_terms(part).items():
                    counts[word] += weight * count
        return {w: 1.0 + math.log(c) for w, c in counts.items()}
