"""The people of a text that capitalizes names (English and other Latin-script languages): who
they are, the one the text is about, and who stands where in a sentence.

A person is a name of one to three capitalized words right after a title (Chairman Lee Jae-yong,
Meta CEO Mark Zuckerberg) or an outlet's possessive (Meta's Mark Zuckerberg), or a romanized
Korean name (family name first: Lee Jae-yong, Yoon Suk Yeol). A person is then mentioned by the
whole name or by the family name alone (Zuckerberg; Lee): the last word of a name, the first of
a romanized Korean one. The protagonist is the person mentioned most (the title and the first
paragraph count twice). A mention is its sentence's topic when only capitalized words (titles,
the outlet) stand before it. Titles, the words that are not names and the Korean name order come
from the rules file ([context]); the same Mention as newsbot.facts.people.
"""

from __future__ import annotations

import re
from collections import Counter

from newsbot.facts.people import Mention
from newsbot.facts.rules import FactRules, _alternation

_NAME = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"


class LatinPeoplePatterns:
    """The compiled patterns of a rules set of grammar "words" (shared by every article)."""

    def __init__(self, rules: FactRules):
        context = rules.context
        titles = _alternation(context.get("titles", []))
        self.not_names = set(context.get("not_names", []))
        families = _alternation(context.get("family_names", []))
        given = context.get("given_name")
        self.family_first = re.compile(rf"\b(?P<family>{families})\s+(?P<given>{given})") if families and given \
            else re.compile(r"(?!)")
        self.titled = re.compile(rf"(?:\b(?:{titles})|[A-Z]\w+['’]s)\s+(?P<name>{_NAME}(?:\s{_NAME}){{0,2}})")
        self.topic_before = re.compile(context.get("topic_before", r"(?!)"))

    def people(self, title: str, text: str) -> "LatinPeople":
        return LatinPeople(title, text, self)


class LatinPeople:
    """The people of one article: ``names`` (each as its short form: Zuckerberg, Lee) and the protagonist."""

    def __init__(self, title: str, text: str, patterns: LatinPeoplePatterns):
        self.patterns = patterns
        whole = f"{title}\n{text}"
        short: dict[str, str] = {}                  # the whole name -> how it is mentioned alone
        for m in patterns.family_first.finditer(whole):
            if m["family"] not in patterns.not_names:
                short[m.group(0)] = m["family"]
        for m in patterns.titled.finditer(whole):
            words = [w for w in m["name"].split() if w not in patterns.not_names]
            name = " ".join(words)
            if name and not any(name in known for known in short):
                short[name] = words[-1]
        self.short = short
        self.names = sorted(set(short.values()), key=len, reverse=True)
        lead = whole[: len(title) + 1 + len(text.split("\n", 1)[0])]
        counts = Counter()
        for name in self.names:
            pattern = re.compile(rf"\b{re.escape(name)}\b")
            counts[name] = len(pattern.findall(whole)) + len(pattern.findall(lead))
        self.counts = counts
        self.protagonist = max(self.names, key=lambda n: (counts[n], -whole.find(n))) if self.names else None

    def mentions(self, sentence: str) -> list[Mention]:
        """The people named in a sentence, in order, with whether each is its topic."""
        found = []
        for name in self.names:
            for m in re.finditer(rf"\b{re.escape(name)}\b", sentence):
                if not any(s <= m.start() < e for _, s, e in found):
                    found.append((name, m.start(), m.end()))
        found.sort(key=lambda f: f[1])
        return [Mention(name, start, end, bool(self.patterns.topic_before.match(sentence[:start])))
                for name, start, end in found]
