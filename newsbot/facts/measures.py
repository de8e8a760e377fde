"""What a number measures, read from its sentence: the noun it quantifies, the predicate it goes
with, who or what it belongs to, and the time it is about.

    read("고위공직자 254명의 재산을 공개했다", <254명>) -> noun 고위공직자, predicate 공개
    read("최영호 주미대사는 총 410억원을 신고했다", <410억원>) -> subject 최영호, noun 신고 (its predicate)
    read("△2021년 812건 △2022년 745건", <812건>) -> scope 2021년

The reading is done on the words around the number, with the rules file's word lists
([measures] in newsbot/rules/measures_ko.toml, titles and particles from [context]); it needs no
morphological analysis, so it costs little more than finding the number (Kiwi reads about 500
sentences a second, too slow to run over every sentence that holds a number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbot.facts.rules import HANGUL, FactRules, _alternation

_WORD_CHARS = re.compile(rf"[{HANGUL}A-Za-z]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]+")
_EDGE_SIGNS = re.compile(r"^[\W_]+|[\W_]+$")
_GLOSSED = re.compile(r"(\S+)[(\[]$")
_CLAUSE_MARK = re.compile(r"[,，;:“”\"()\[\]…△▲▶■◆·]|\s[-–—]\s")


@dataclass(frozen=True)
class Measure:
    noun: str | None            # what is counted or measured (its synonym group's name)
    predicate: str | None       # what happened (its synonym group's name)
    subject: str | None         # whose: a person, party, company, place named just before
    scope: str | None           # the time it is about (2021년, 1분기), when written before it
    context: tuple[str, ...]    # the words around it, as stems (to tell two claims apart)

    def id(self, unit: str) -> str:
        return "/".join((unit, self.noun or "-", self.predicate or "-"))


class MeasureReader:
    """Reads measures with one rules set; reusable across articles and threads."""

    def __init__(self, rules: FactRules):
        m = rules.section("measures")
        context = rules.context
        self.skip = set(m.get("skip", []))
        self.stop = set(m.get("stop_before", []))
        self.name_skip = set(m.get("between_name_and_title", []))
        self.titles = tuple(context.get("titles", [])) + tuple(m.get("titles", []))
        self.not_facts_re = re.compile("|".join(m.get("not_facts", [])) or r"(?!)")
        self.window = int(m.get("predicate_window", 4))
        endings = _alternation(m.get("predicate_endings", []))
        # the shortest stem first: the longest ending wins (신고했다 -> 신고, not 신고했)
        self._predicate_re = re.compile(rf"([{HANGUL}]+?)(?:{endings})") if endings else None
        self._predicates: dict[str, str | None] = {}
        self._stems: dict[str, str | None] = {}
        self.stems = dict(m.get("predicate_stems", {}))
        self.light = set(m.get("light_predicates", []))
        self.labels = dict(m.get("labels", {}))
        self.unit_words = dict(m.get("unit_words", {}))
        self.self_named = tuple(m.get("self_named", []))
        self.scope_gap = int(m.get("scope_gap", 3))
        self.scope_re = re.compile("|".join(m.get("scopes", [])) or r"(?!)")
        self.scope_not_before = tuple(m.get("scope_not_before", []))
        self.synonyms = {}
        for group in m.get("synonyms", []):
            for word in group.get("words", []):
                self.synonyms.setdefault(word, group["words"][0])
        particles = _alternation(context.get("particles", []))
        self.particle_end = re.compile(rf"(?:{particles})$") if particles else None
        self.topic = tuple(context.get("topic_particles", []))
        self.objects = tuple(sorted(m.get("object_particles", []), key=len, reverse=True))
        self.genitive = context.get("genitive", "")
        self.light_nouns = set(context.get("light_nouns", []))
        modifiers = _alternation(context.get("modifier_endings", []))
        self.modifier = re.compile(rf"(?:{modifiers})$") if modifiers else None
        self.not_names = set(context.get("not_names", []))
        self.org_endings = tuple(context.get("organization_endings", []))
        self.surnames = set(context.get("surnames", []))
        self.bodies = set(m.get("bodies", []))
        self.classifiers = tuple(m.get("classifiers", []))

    # --- words ------------------------------------------------------------------------------
    def stem(self, word: str) -> str | None:
        """The word without its particle; None when it is no word (a number, a sign)."""
        if word in self._stems:
            return self._stems[word]
        found = _EDGE_SIGNS.sub("", word)                 # ▷조치원점, ‘특별법’, (4인)
        if self.particle_end is not None and len(found) > 1:
            found = self.particle_end.sub("", found) or found
        if not found or not _WORD_CHARS.search(found) or re.search(r"\d", found):
            found = None
        if len(self._stems) < 200_000:
            self._stems[word] = found
        return found

    def not_fact_spans(self, sentence: str) -> list[tuple[int, int]]:
        """Where the sentence holds phrases that state no fact (95% 신뢰수준, 만 18세 이상)."""
        return [m.span() for m in self.not_facts_re.finditer(sentence)]

    def canonical(self, word: str | None) -> str | None:
        return self.synonyms.get(word, word) if word else None

    def predicate(self, word: str) -> str | None:
        """The stem of a word that is a predicate (신고했다 -> 신고, 숨졌다 -> 숨지), else None."""
        word = word.strip("‘’“”'\"()[],.!?…")
        if word in self._predicates:
            return self._predicates[word]
        found = self.stems.get(word)
        if found is None and self._predicate_re is not None:
            match = self._predicate_re.fullmatch(word)
            found = match.group(1) if match else None
        if len(self._predicates) < 100_000:
            self._predicates[word] = found
        return found

    def is_title(self, word: str) -> bool:
        return bool(word) and word.endswith(self.titles)

    # --- one number -------------------------------------------------------------------------
    def read(self, sentence: str, start: int, end: int, date: bool = False) -> Measure:
        """The measure of the number at sentence[start:end]. Its noun is, in this order: the noun
        just before it (직원 300명), the noun it is joined to by 의 (30여건의 일정), its topic
        just before it (지원자는 14명), the object or subject of its predicate (410억원을 신고).
        A date's noun and predicate are the event the words after it name (30일 재산을 공개했다),
        not the noun before it."""
        before = sentence[:start]
        # a number in brackets right after a word glosses it (용량(120㎿), 박서준(65)): its clause
        # is the one the word stands in
        glossing = before[:-1] if before.endswith(("(", "[")) else before
        cut = max((m.end() for m in _CLAUSE_MARK.finditer(glossing)), default=0)
        clause_before = before[cut:]
        words = clause_before.split()
        scope = self._scope(clause_before)
        bare = topic = subject = None
        i, adjacent = len(words) - 1, True
        while i >= 0 and words[i] not in self.stop and (
                self._skipped(words[i]) or self.stem(words[i]) is None or self.scope_re.fullmatch(words[i]) is not None):
            adjacent = adjacent and self._skipped(words[i])
            i -= 1
        if i >= 0 and words[i] in self.stop:
            i = -1                                        # 예금 등 총 215억원: not the 예금's
        if i >= 0:
            word, stem = words[i], self.stem(words[i])
            if self.is_title(stem or ""):
                subject = self._name_before(words[:i])
            elif stem and (self.predicate(word) is not None or (self.modifier and self.modifier.search(word))):
                pass                                      # 위축돼 3년간, 따른 10만원: a verb, not a noun
            elif stem and not date and stem == word.strip("‘’“”'\""):
                bare = stem
            elif stem and not date and adjacent and word.endswith(self.topic):
                topic = stem
        if (bare or topic) in self.bodies:                # 조국혁신당 2.6%, 조국혁신당은 2.6%: whose, not what
            subject, bare, topic = bare or topic, None, None
        if subject is None:
            subject = self._subject(words[:i] if i > 0 else [])
        after = sentence[end:]
        after_cut = _CLAUSE_MARK.search(after)
        classifier = sentence[start:end].endswith(self.classifiers)
        joined, obj, predicate, context_after = self._after(after[: after_cut.start()] if after_cut else after,
                                                            classifier)
        noun = bare or joined or topic or obj or (None if date else self._glossed(before))
        context = tuple(w for w in ([self.stem(w) for w in words[-3:]] + context_after) if w and w not in self.skip)
        return Measure(self.canonical(noun), self.canonical(predicate), subject, scope, context)

    def person_glossed(self, sentence: str, start: int) -> str | None:
        """The person whose age (or other number) stands in brackets right after the name or
        title at sentence[:start]: 박서준(65), 김하늘 서울시당위원장(29). None when no person's
        name is there (a party, a word, an alias)."""
        def named(word: str) -> bool:
            return self._korean_name(word, shortest=2) and word not in self.not_names \
                and word not in self.bodies and not self.is_title(word)

        words = [w.strip("‘’“”'\"()[],·") for w in sentence[:start].split()]
        if words and self.is_title(words[-1]):            # 이도윤 전 법무부 장관(69): past 전 and 법무부
            words = words[:-1]
            for _ in range(3):
                if not words or named(words[-1]) or not (words[-1] in self.name_skip
                                                         or words[-1].endswith(self.org_endings)):
                    break
                words = words[:-1]
        return words[-1] if words and named(words[-1]) else None

    def _korean_name(self, word: str, shortest: int = 1) -> bool:
        """A family name and a given name, or (shortest 1) the family name alone: 1 to 4 letters
        beginning with one of the rules' family names."""
        return re.fullmatch(f"[{HANGUL}]{{{shortest},4}}", word) is not None and word[:1] in self.surnames

    def _glossed(self, before: str) -> str | None:
        """The noun a number in brackets right after it glosses: 의사정족수(4인), 투표율(65.2%)."""
        match = _GLOSSED.search(before)
        return self.stem(match.group(1)) if match else None

    def _skipped(self, word: str) -> bool:
        return word in self.skip or self.stem(word) in self.skip

    def _scope(self, clause_before: str) -> str | None:
        found = None
        for m in self.scope_re.finditer(clause_before):
            if len(clause_before) - m.end() <= self.scope_gap and not (
                    self.scope_not_before and clause_before[m.end():].startswith(self.scope_not_before)):
                found = m.group(0)
        return found

    def _subject(self, words: list[str]) -> str | None:
        """In the words before the number, the nearest name before a title (최영호 주미대사는) or
        acronym or body marked as the topic (KAIST는, 조국혁신당은)."""
        for i in range(len(words) - 1, -1, -1):
            stem = self.stem(words[i])
            if not stem:
                continue
            if i > 0 and self.is_title(stem):
                name = self._name_before(words[:i])
                if name:
                    return name
            if (_ACRONYM.fullmatch(stem) or stem in self.bodies) and words[i].endswith(self.topic):
                return stem
        return None

    def _name_before(self, words: list[str]) -> str | None:
        """The name that stands before a title (최영호 주미대사; 정하늘 전 대표: 전 is skipped): a
        family name and a given name, a family name alone (김 의원), an acronym, or a body's name
        (국민의힘, 경남도의회: ending like an organization)."""
        i = len(words) - 1
        while i >= 0 and words[i] in self.name_skip:
            i -= 1
        if i < 0:
            return None
        name = words[i].strip("‘’“”'\"()[],·")
        if not name or name in self.not_names or self.is_title(name):
            return None
        korean = self._korean_name(name)
        if korean or _ACRONYM.fullmatch(name) or name.endswith(self.org_endings) or name in self.bodies:
            return name
        return None

    def known(self, noun: str | None) -> bool:
        """The noun names a measure of the rules' synonym groups (사망자, 투표율, 찬성)."""
        return noun is not None and noun in self.synonyms.values()

    def _after(self, clause: str, classifier: bool = False) -> tuple[str | None, str | None, str | None, list[str]]:
        """(the noun joined to the number by 의 or, after a classifier, written right after it
        (7개 점포에), the object or subject of its predicate, the predicate's stem, the words
        read) in the clause after the number."""
        words = clause.split()
        if not words:
            return None, None, None, []
        attached = not clause[:1].isspace()       # the number's own particle (410억원을, 12명의)
        genitive = bool(self.genitive) and attached and words[0] == self.genitive
        if attached:
            pred = self.predicate(words[0])
            if pred is not None and not genitive:
                return None, None, (None if pred in self.light else pred), []
            words = words[1:]
        if words and not genitive and self.genitive and words[0].endswith(self.genitive) \
                and self.stem(words[0]) in self.light_nouns:
            genitive, words = True, words[1:]              # 7조9천억원 규모의 계약
        joined = obj = predicate = None
        read = []
        if classifier and not attached and not genitive and words and self.predicate(words[0]) is None:
            first = self.stem(words[0])
            if first and first not in self.skip and first not in self.stop and first not in self.light_nouns:
                joined = first
        for word in words[: self.window]:
            if genitive and joined is None and self.modifier and self.modifier.search(word):
                continue                                  # 30여건의 빽빽한 일정: on to the noun
            pred = self.predicate(word)
            if pred is not None:
                predicate = None if pred in self.light else pred
                read.append(pred)
                break
            stem = self.stem(word)
            if stem is None or stem in self.skip:
                continue
            if genitive and joined is None:
                if stem not in self.light_nouns and not (self.modifier and self.modifier.search(word)):
                    joined = stem
            elif obj is None and word.endswith(self.objects):
                obj = stem
            read.append(stem)
        return joined, obj, predicate, read

    def label(self, unit: str, measure: Measure, counter: str | None = None) -> str:
        """What a measure is called (사망자 수, 투표율, 신고 금액)."""
        name = measure.noun or measure.predicate or counter
        if name is None:
            text = self.unit_words.get(unit, unit)
        elif name.endswith(self.self_named):
            text = name
        else:
            text = self.labels.get(unit, "{noun}").format(noun=name)
        return f"{measure.subject} {text}" if measure.subject else text
