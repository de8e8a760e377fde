"""The people an article names, the one it is about, and who stands where in a sentence.

A person is a name followed by a title (마크 저커버그 CEO, 이재용 삼성전자 회장, 한스 베스트베리
최고경영자) or by a romanized name in brackets (앤디 재시 (Andy Jassy)). A name is kept as written
just before the title, so "마크 저커버그 CEO" and "저커버그 CEO" are one person, 저커버그. A word
before a title that the article mostly uses without one (메타 CEO, but 메타는, 메타의) is an
organization, not a person. A family name alone before a title (이 회장) is the article's person
with that family name. The protagonist is the person named most often (title and lead count twice).
Titles, family names and topic particles come from the rules file ([context]).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsbot.facts.rules import FactRules, _alternation


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int
    topic: bool          # the sentence's topic or subject (이재용 회장은, 저커버그 CEO가)


class PeoplePatterns:
    """The compiled patterns of a rules set (shared by every article)."""

    def __init__(self, rules: FactRules):
        context = rules.context
        titles = _alternation(context.get("titles", []))
        self.surnames = set(context.get("surnames", []))
        particles = _alternation(context.get("topic_particles", []))
        end = r"(?=[^가-힣A-Za-z]|$|[은는이가의와과를을도에로께])"
        self.titles = set(context.get("titles", []))
        self.not_names = set(context.get("not_names", []))
        # a romanized personal name: two or more capitalized words (not MWC, not AI)
        self.latin = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{2,})\s?\((?P<latin>[A-Z][a-z]+(?:[ .\-]+[A-Z][A-Za-z]+)+)\)")
        self.titled = re.compile(rf"(?<![가-힣])(?P<name>[가-힣]{{2,}})\s(?P<title>{titles}){end}")
        self.korean_titled = re.compile(
            rf"(?<![가-힣])(?P<name>[가-힣]{{3,4}})\s(?:[가-힣A-Za-z0-9·&]+\s)?(?P<title>{titles}){end}")
        self.abbreviated = re.compile(rf"(?<![가-힣])(?P<surname>[가-힣]{{1,2}})\s(?P<title>{titles}){end}")
        self.topic_after = re.compile(
            rf"^(?:\s?\([^)]*\))?(?:\s?[가-힣A-Za-z0-9]+)?(?:\s?(?:{titles}))?\s?(?:{particles})(?![가-힣])")
        self.joined_after = re.compile(rf"^(?:\s?(?:{titles}))?(?:와|과)\s")

    def korean_name(self, word: str) -> bool:
        return (len(word) == 3 and word[0] in self.surnames) or (len(word) == 4 and word[:2] in self.surnames)


class People:
    """The people of one article."""

    def __init__(self, title: str, text: str, patterns: PeoplePatterns):
        self.patterns = patterns
        whole = f"{title}\n{text}"
        titled, latin, plain = Counter(), set(), Counter()
        for m in patterns.latin.finditer(whole):
            latin.add(m["name"])
        korean = {m["name"] for m in patterns.korean_titled.finditer(whole) if patterns.korean_name(m["name"])}
        for m in patterns.titled.finditer(whole):
            titled[m["name"]] += 1
        for name in titled:
            plain[name] = len(re.findall(rf"(?<![가-힣]){re.escape(name)}", whole)) - titled[name]
        # a word seldom seen without a title is a name (저커버그 CEO); one mostly seen without
        # one is an organization (메타 CEO, but 메타는, 메타의)
        foreign = {n for n in titled if titled[n] >= 2 and plain[n] * 2 <= titled[n]}
        self.names = sorted((korean | foreign | latin) - patterns.titles - patterns.not_names, key=len, reverse=True)
        self._name_re = re.compile("|".join(rf"(?<![가-힣]){re.escape(n)}" for n in self.names)) if self.names else None
        counts = Counter()
        lead = whole[: len(title) + 1 + len(text.split("\n", 1)[0])]
        for name in self.names:
            counts[name] = len(re.findall(rf"(?<![가-힣]){re.escape(name)}", whole)) + lead.count(name)
        self.counts = counts
        for m in patterns.abbreviated.finditer(whole):
            person = self._by_surname(m["surname"])
            if person:
                counts[person] += 1
        self.protagonist = max(self.names, key=lambda n: (counts[n], -whole.find(n))) if self.names else None

    def _by_surname(self, surname: str) -> str | None:
        candidates = [n for n in self.names if self.patterns.korean_name(n) and n.startswith(surname)
                      and len(n) - len(surname) in (1, 2)]
        return max(candidates, key=lambda n: self.counts[n]) if candidates else None

    def mentions(self, sentence: str) -> list[Mention]:
        """The people named in a sentence, in order, with whether each is its topic."""
        found: list[tuple[str, int, int]] = []
        if self._name_re:
            found += [(m.group(0), m.start(), m.end()) for m in self._name_re.finditer(sentence)]
        for m in self.patterns.abbreviated.finditer(sentence):
            person = self._by_surname(m["surname"])
            if person and not any(s <= m.start() < e for _, s, e in found):
                found.append((person, m.start(), m.start() + len(m["surname"])))
        found.sort(key=lambda f: f[1])
        mentions = []
        for name, start, end in found:
            after = sentence[end:]
            topic = bool(self.patterns.topic_after.match(after))
            mentions.append(Mention(name, start, end, topic))
        # "이 회장과 저커버그 CEO는": both are the topic
        for i in range(len(mentions) - 1, 0, -1):
            prev, cur = mentions[i - 1], mentions[i]
            if cur.topic and not prev.topic and self.patterns.joined_after.match(sentence[prev.end:cur.start]):
                mentions[i - 1] = Mention(prev.name, prev.start, prev.end, True)
        return mentions
