"""A name table learned from a corpus: the Latin spellings Korean reports give names in brackets
(그린옥스(Greenoaks), 국제통화기금(IMF), 마크 저커버그(Mark Zuckerberg)), written as a names file
(newsbot.stories.names) that English reports' names then carry across scripts with.

    python -m newsbot.stories names [DATA_DIR] [--out FILE] [--min-articles 2]

A gloss is what the [glosses] pattern of the names rules finds: a Hangul name and its Latin
spelling in the brackets right after it. A pair is learned when at least `min_articles` articles
gloss the Latin name so and at least AGREEMENT of its glosses give it that Hangul form (a word
glossed once is as often a term explained as a name: 환헤지(Hedge)); Latin names the table already
writes are left out (a new spelling of a name it has is not: 한국은행(BOK)). The file is read like
the shipped table: add it to NEWSBOT_NAME_FILES.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from typing import Iterable

from newsbot.stories.names import NameTable

AGREEMENT = 2 / 3          # of a Latin name's glosses that must give it one Hangul form


class GlossLearner:
    def __init__(self, names: NameTable, pattern: str, min_articles: int = 2):
        self.names = names
        self.pattern = re.compile(pattern)
        self.min_articles = min_articles
        self.glosses: dict[str, Counter] = defaultdict(Counter)     # Latin -> Hangul -> articles
        self.articles = 0

    @classmethod
    def from_table(cls, names: NameTable, min_articles: int = 2) -> "GlossLearner":
        pattern = names.glossing.get("pattern")
        if not pattern:
            raise ValueError("the name table has no [glosses] pattern to learn names with")
        return cls(names, pattern, min_articles)

    def read(self, record: dict) -> None:
        """Counts the glosses of one corpus record (a report in the table's language)."""
        language = record.get("language")
        if not language or not self.names.describes(language):
            return
        self.articles += 1
        found = {(m["latin"].strip(), m["hangul"]) for m in self.pattern.finditer(record.get("text") or "")}
        for latin, hangul in found:
            if latin not in self.names.table:
                self.glosses[latin][hangul] += 1

    def read_all(self, records: Iterable[dict]) -> "GlossLearner":
        for record in records:
            self.read(record)
        return self

    def learned(self) -> dict[str, tuple[str, int]]:
        """Latin name -> (its Hangul form, the articles that gloss it so), most glossed first."""
        out = {}
        for latin, forms in self.glosses.items():
            hangul, seen = forms.most_common(1)[0]
            if seen >= self.min_articles and seen >= AGREEMENT * sum(forms.values()):
                out[latin] = (hangul, seen)
        return dict(sorted(out.items(), key=lambda item: (-item[1][1], item[0])))

    def toml(self, source: str) -> str:
        """The learned pairs as a names file."""
        lines = [f"# Names learned from {source} by `python -m newsbot.stories names`: {self.articles} reports read,",
                 f"# pairs glossed alike in {self.min_articles} of them or more. Add this file to NEWSBOT_NAME_FILES.",
                 f"languages = {_toml(sorted(self.names.languages))}", "", "[names]"]
        for latin, (hangul, seen) in self.learned().items():
            lines.append(f"{_toml(latin)} = {_toml(hangul)}    # {seen} reports")
        return "\n".join(lines) + "\n"


def _toml(value) -> str:
    """A string or a list of strings as TOML writes it (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)
