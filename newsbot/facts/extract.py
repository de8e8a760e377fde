"""Facts of one article: its expressions (newsbot.facts.expressions), typed by the key rules.

For each sentence that holds an expression:
1. Sentences with a trigger word in them are analysed by Kiwi (only those: it is the slow part).
2. Each expression takes the key whose trigger lemma stands nearest to it, after it first (the
   verb comes last in Korean), else before it, among the keys that accept its kind of value.
3. Person keys (meeting.*) need the sentence to be about the protagonist meeting someone: their
   subject is the person met (from the sentence, else the next sentence of the paragraph, else
   the previous one); a sentence whose topic is somebody else gives no meeting.
4. A number tied to another event (a cue such as 지난해 or 앞서 before it with no bridge such as
   이후 between; an event date far from the article's date) carries ``other_event``; the story's
   reconciliation leaves it out.
5. What no key takes: a count, a duration or an amount becomes ``quantity`` (with its counter and
   the noun it counts); a date or a time becomes nothing. A date followed by "...에 따르면" is
   the reporting date, not a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsbot.facts import morph
from newsbot.facts.expressions import Expression, find_expressions
from newsbot.facts.people import People, PeoplePatterns
from newsbot.facts.rules import HANGUL, FactRules, KeyRule, _alternation, fact_rules_from_settings

QUANTITY = "quantity"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)])\s+")
_VALUE_KIND = {"date": "date", "datetime": "date", "duration": "duration", "count": "count"}


def sentences(text: str) -> list[list[str]]:
    """The sentences of each paragraph (paragraphs are the lines of the text)."""
    return [[s for s in _SENTENCE_END.split(paragraph.strip()) if s] for paragraph in text.split("\n")
            if paragraph.strip()]


def anchor_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@dataclass
class _Found:
    expression: Expression
    paragraph: int
    index: int          # sentence index in its paragraph


class FactExtractor:
    """Facts of articles, by one rules set; reusable across articles (and threads)."""

    @classmethod
    def from_settings(cls, settings) -> "FactExtractor":
        """The extractor NEWSBOT_FACT_RULES_FILES and NEWSBOT_FACT_OFFSET describe."""
        return cls(fact_rules_from_settings(settings), settings.get("NEWSBOT_FACT_OFFSET", "+09:00"))

    def __init__(self, rules: FactRules, offset: str = "+09:00"):
        self.rules = rules
        self.people_patterns = PeoplePatterns(rules)
        self.offset = offset
        context = rules.context
        particles = _alternation(context.get("particles", []))
        self._particle_end = re.compile(rf"(?:{particles})$") if particles else None
        self._light = set(context.get("light_nouns", []))
        genitive = re.escape(context.get("genitive", ""))
        self._light_joined = re.compile(rf"\s(\S+){genitive}\s") if genitive else None
        self._joined = context.get("genitive", "") + " " if genitive else None
        modifiers = _alternation(context.get("modifier_endings", []))
        self._modifier = re.compile(rf"(?:{modifiers})$") if modifiers else None
        self._window = timedelta(days=int(context.get("event_window_days", 31)))
        self._after = int(context.get("trigger_after", 60))
        self._before = int(context.get("trigger_before", 30))

    # --- the article ------------------------------------------------------------------------
    def extract(self, title: str, text: str, published: str | None = None,
                anchor: date | None = None) -> list[dict]:
        anchor = anchor or anchor_date(published)
        paragraphs = sentences(text)
        found: list[_Found] = []
        to_analyse: dict[tuple[int, int], str] = {}
        for p, paragraph in enumerate(paragraphs):
            for i, sentence in enumerate(paragraph):
                expressions = find_expressions(sentence, self.rules, anchor, self.offset)
                if not expressions:
                    continue
                found += [_Found(e, p, i) for e in expressions]
                if any(e.kind in _VALUE_KIND for e in expressions) and self.rules.trigger_prefilter.search(sentence):
                    to_analyse[(p, i)] = sentence
        if not found:
            return []
        analysed = {where: self._triggers(tokens)
                    for where, tokens in zip(to_analyse, morph.tokenize(list(to_analyse.values())))}
        people = _LazyPeople(title, text, self.people_patterns)
        facts = []
        for item in found:
            sentence = paragraphs[item.paragraph][item.index]
            fact = self._fact(item, sentence, analysed.get((item.paragraph, item.index), []), paragraphs,
                              people, anchor)
            if fact:
                facts.append(fact)
        return facts

    # --- one expression ---------------------------------------------------------------------
    def _fact(self, item: _Found, sentence: str, tokens, paragraphs, people: People, anchor) -> dict | None:
        e = item.expression
        if e.kind in ("date", "datetime") and self.rules.reporting_re.match(sentence[e.end:]):
            return None                                   # 14일 삼성전자에 따르면
        key, trigger = self._key(e, tokens)
        subject = None
        if key and key.subject == "person":
            subject, about_protagonist = self._person(item, sentence, trigger, paragraphs, people)
            if not about_protagonist or subject is None:
                key, subject = None, None
        if key is None and e.kind in ("date", "datetime"):
            return None
        fact = {
            "key": key.name if key else QUANTITY,
            "subject": subject,
            "value": {"min": e.min, "max": e.max, "unit": e.unit} if e.resolved else None,
            "approx": e.approx,
            "text": e.text,
            "sentence": sentence,
            "stated": e.stated,
            "counter": e.counter,
            "noun": self._noun(sentence, e) if key is None and e.kind != "duration" else None,
            "other_event": self.other_event(e, sentence, key, anchor),
        }
        return fact

    def _triggers(self, tokens) -> list[tuple]:
        """(token, the keys it triggers) for the tokens of a sentence that trigger any key."""
        hits = []
        for token in tokens:
            keys = [key for key in self.rules.keys if key.triggered_by(token.form, token.tag)]
            if keys:
                hits.append((token, keys))
        return hits

    def _key(self, e: Expression, triggers) -> tuple[KeyRule | None, object]:
        kind = _VALUE_KIND.get(e.kind)
        if kind is None or not triggers:
            return None, None
        best = None
        for token, keys in triggers:
            for key in keys:
                if not key.accepts(kind, e.counter, e.since):
                    continue
                if e.end <= token.start <= e.end + self._after:
                    distance = token.start - e.end
                elif e.start - self._before <= token.end <= e.start:
                    distance = 100_000 + e.start - token.end
                else:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, key, token)
        return (best[1], best[2]) if best else (None, None)

    def _person(self, item: _Found, sentence: str, trigger, paragraphs, people: People):
        """(the person met, whether the sentence is about the protagonist meeting someone)."""
        mentions = people.mentions(sentence)
        topics = {m.name for m in mentions if m.topic}
        if topics and people.protagonist not in topics:
            return None, False
        others = [m for m in mentions if m.name != people.protagonist]
        if others:
            at = trigger.start if trigger is not None else item.expression.start
            before = [m for m in others if m.start < at]
            return (before[-1] if before else others[0]).name, True
        paragraph = paragraphs[item.paragraph]
        for j in (item.index + 1, item.index - 1):
            if 0 <= j < len(paragraph):
                nearby = [m for m in people.mentions(paragraph[j]) if m.name != people.protagonist]
                if nearby:
                    return (next((m for m in nearby if m.topic), nearby[0])).name, True
        return None, True

    def other_event(self, e: Expression, sentence: str, key: KeyRule | None, anchor: date | None) -> str | None:
        """Why the expression is about another event than the article's, or None."""
        cues = list(self.rules.other_event_re.finditer(sentence, 0, e.start))
        if cues and not e.since:
            cue = cues[-1]
            if not self.rules.bridge_re.search(sentence, cue.end(), e.start):
                return cue.group(0)
        return self.outside_window(e, key, anchor)

    def outside_window(self, e: Expression, key: KeyRule | None, anchor: date | None) -> str | None:
        """For an event date (meeting.date, trip.departure ...) far from the anchor: why."""
        if key is not None and key.event and anchor is not None and e.resolved:
            first, last = date.fromisoformat(str(e.min)[:10]), date.fromisoformat(str(e.max)[:10])
            if last < anchor - self._window or first > anchor + self._window:
                return f"more than {self._window.days} days from {anchor.isoformat()}"
        return None

    def key_rule(self, name: str) -> KeyRule | None:
        return next((k for k in self.rules.keys if k.name == name), None)

    def _noun(self, sentence: str, e: Expression) -> str | None:
        """The noun a quantity counts: after it when joined by 의, else the word before it."""
        after = sentence[e.end:]
        light = self._light_joined.match(after) if self._light_joined else None
        if light and light.group(1) in self._light:          # 7조9천억원 규모의 계약
            after = after[light.end() - len(self._joined):]
        if self._joined and after.startswith(self._joined):
            for word in after[len(self._joined):].split()[:3]:
                stem = self._stem(word)
                if stem and stem not in self._light and not (self._modifier and self._modifier.search(word)):
                    return stem
            return None
        words = sentence[:e.start].split()
        return self._stem(words[-1]) if words else None

    def _stem(self, word: str) -> str | None:
        word = word.strip("‘’“”'\"()[],.·")
        if self._particle_end is not None and len(word) > 1:
            word = self._particle_end.sub("", word) or word
        return word if re.search(rf"[{HANGUL}A-Za-z]", word) and not re.search(r"\d", word) else None


class _LazyPeople:
    """An article's People, worked out the first time a person key needs them."""

    def __init__(self, title: str, text: str, patterns: PeoplePatterns):
        self._args = (title, text, patterns)
        self._people: People | None = None

    def __getattr__(self, name):
        if self._people is None:
            self._people = People(*self._args)
        return getattr(self._people, name)
