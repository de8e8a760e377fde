"""The people an article names, the one it is about, and who stands where in a sentence.

A person is a name followed by a title (마크 저커버그 CEO, 이재용 삼성전자 회장, 한스 베스트베리
최고경영자), by a company and a title after a given name (앤디 재시 아마존 CEO), or by a romanized
name in brackets (앤디 재시 (Andy Jassy)). A name is kept as written
just before the title, so "마크 저커버그 CEO" and "저커버그 CEO" are one person, 저커버그. A Korean
name is a family name and one or two syllables that Kiwi reads as nouns. Another word before a
title is a name when the article seldom uses it without one (메타 CEO, but 메타는, 메타의: an
organization), it does not end like an organization (새누리당), and either a given name stands
before it (한스 베스트베리) or Kiwi knows it as a proper noun (저커버그). A family name alone before a title (이 회장) is the article's person
with that family name. The protagonist is the person named most often (title and lead count twice).
Titles, family names and topic particles come from the rules file ([context]).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsbot.facts import morph
from newsbot.facts.rules import HANGUL, FactRules, _alternation


def word_starts(text: str, word: str) -> list[int]:
    """Where ``word`` begins a word of ``text`` (not preceded by a Hangul letter)."""
    starts, i = [], text.find(word)
    while i >= 0:
        if i == 0 or not re.match(f"[{HANGUL}]", text[i - 1]):
            starts.append(i)
        i = text.find(word, i + 1)
    return starts


def count_word(text: str, word: str) -> int:
    return len(word_starts(text, word))


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
        followers = "".join(context.get("name_followers", []))
        joining = _alternation(context.get("joining_particles", [])) or r"(?!)"
        h = HANGUL
        end = rf"(?=[^{h}A-Za-z]|$|[{followers}])"
        self.titles = set(context.get("titles", []))
        self.not_names = set(context.get("not_names", []))
        self.org_endings = tuple(context.get("organization_endings", []))
        # a romanized personal name: two or more capitalized words (not MWC, not AI)
        self.latin = re.compile(rf"(?<![{h}])(?P<name>[{h}]{{2,}})\s?\((?P<latin>[A-Z][a-z]+(?:[ .\-]+[A-Z][A-Za-z]+)+)\)")
        self.titled = re.compile(rf"(?<![{h}])(?P<name>[{h}]{{2,}})\s(?P<title>{titles}){end}")
        self.latin_org = re.compile(rf"[{h}]\s?\([A-Z][A-Za-z.'\- ]+\)\s(?P<org>[{h}A-Za-z0-9]+)\s(?:{titles}){end}")
        # a given name before it (한스 베스트베리 최고경영자): the word before the title is a name
        self.given_named = re.compile(rf"(?<![{h}])[{h}]{{2,}}\s(?P<name>[{h}]{{2,}})\s(?:{titles}){end}")
        # ... and the outlet or company between the name and the title (앤디 재시 아마존 CEO)
        self.org_titled = re.compile(
            rf"(?<![{h}])(?P<given>[{h}]{{2,}})\s(?P<name>[{h}]{{2,}})\s(?P<org>[{h}A-Za-z0-9]{{2,}})\s(?:{titles}){end}")
        self.korean_titled = re.compile(
            rf"(?<![{h}])(?P<name>[{h}]{{2,4}})\s(?:(?P<middle>[{h}A-Za-z0-9·&]+)\s)?(?P<title>{titles}){end}")
        self.abbreviated = re.compile(rf"(?<![{h}])(?P<surname>[{h}]{{1,2}})\s(?P<title>{titles}){end}")
        self.topic_after = re.compile(
            rf"^(?:\s?\([^)]*\))?(?:\s?[{h}A-Za-z0-9]+)?(?:\s?(?:{titles}))?\s?(?:{particles})(?![{h}])")
        self.joined_after = re.compile(rf"^(?:\s?(?:{titles}))?(?:{joining})\s")

    def people(self, title: str, text: str) -> "People":
        return People(title, text, self)

    def korean_name(self, word: str) -> bool:
        """A family name and a given name (이재용), as Kiwi reads it: nouns only (not 예정된)."""
        shaped = (len(word) == 3 and word[0] in self.surnames) or (len(word) == 4 and word[:2] in self.surnames)
        return shaped and not word.endswith(self.org_endings) and morph.only_nouns(word)


class People:
    """The people of one article."""

    def __init__(self, title: str, text: str, patterns: PeoplePatterns):
        self.patterns = patterns
        whole = f"{title}\n{text}"
        titled, latin, plain = Counter(), set(), Counter()
        for m in patterns.latin.finditer(whole):
            latin.add(m["name"])
        korean, organizations = set(), set()
        for m in patterns.korean_titled.finditer(whole):
            # the name nearest the title: 이튿날 윤석열 대통령 -> 윤석열; 이재용 삼성전자 회장 -> 이재용
            for word in (m["middle"], m["name"]):
                if word and patterns.korean_name(word):
                    korean.add(word)
                    if word == m["name"] and m["middle"]:
                        organizations.add(m["middle"])      # 삼성전자
                    break
        for m in patterns.latin_org.finditer(whole):
            organizations.add(m["org"])                      # 아몬(Cristiano Amon) 퀄컴 CEO
        for m in patterns.titled.finditer(whole):
            titled[m["name"]] += 1
        for name in titled:
            plain[name] = count_word(whole, name) - titled[name]
        # a word seldom seen without a title is a name (저커버그 CEO); one mostly seen without
        # one is an organization (메타 CEO, but 메타는, 메타의)
        given = {m["name"] for m in patterns.given_named.finditer(whole) if morph.only_nouns(m["name"])}
        # a given name, a name, then a company before the title: the name is a person's (앤디 재시
        # 아마존 CEO, 마크 카니 캐나다 총리), the company an organization, when Kiwi knows the given
        # name as a proper noun, and none of the three is a common word (주요 글로벌 기업 CEO) or
        # a Korean name (청와대 제공 이재명 대통령: read above)
        with_company = set()
        for m in patterns.org_titled.finditer(whole):
            words = (m["given"], m["name"], m["org"])
            if not any(w in patterns.not_names or w in patterns.titles for w in words) \
                    and not any(patterns.korean_name(w) for w in words) \
                    and morph.is_proper_noun(m["given"]) and morph.only_nouns(m["name"]):
                with_company.add(m["name"])
                organizations.add(m["org"])
        foreign = {n for n in titled if plain[n] * 2 <= titled[n]
                   and n not in organizations and not n.endswith(patterns.org_endings)
                   and (n in given or morph.is_proper_noun(n))}
        foreign |= with_company - organizations
        self.names = sorted((korean | foreign | latin) - patterns.titles - patterns.not_names, key=len, reverse=True)
        counts = Counter()
        lead = whole[: len(title) + 1 + len(text.split("\n", 1)[0])]
        for name in self.names:
            counts[name] = count_word(whole, name) + lead.count(name)
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
        for name in self.names:
            found += [(name, start, start + len(name)) for start in word_starts(sentence, name)
                      if not any(s <= start < e for _, s, e in found)]
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
