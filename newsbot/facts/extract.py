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
5. What no key takes becomes ``quantity``: a count, a duration, an amount, a share, a date or a
   time, with its measure (newsbot.facts.measures: the noun it quantifies, its predicate, its
   subject and time scope). A date followed by "...에 따르면" is the reporting date, and a year
   written just before another number (2021년 1009건) is that number's time scope: neither is a
   fact. A date far from the article's date is another event's, as for the keys' event dates.
6. Every fact carries its ``measure``: id and label (a key's are its name and label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsbot.facts import morph, words
from newsbot.facts.expressions import Expression, find_expressions
from newsbot.facts.latin_people import LatinPeoplePatterns
from newsbot.facts.measures import Measure, MeasureReader
from newsbot.facts.people import People, PeoplePatterns
from newsbot.facts.rules import FactRules, KeyRule, fact_rules_from_settings

QUANTITY = "quantity"
# a sentence ends after . ! ? (and a closing quote), but not after an initial or an abbreviation
# with a point inside it, a title's (U.S., Mr.), a month's before its day (Feb. 25), or a clock's
# before a word that does not begin a sentence (2 p.m. (local time))
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)(?<!\bM[rs]\.)"
                           r"(?<!\bDr\.)(?:(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)(?<!\bSept\.)|(?!\s+\d))"
                           r"(?:(?<![ap]\.m\.)|(?=\s+[A-Z\"“]))\s+")
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


_OFFSET = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:\d{2})$")


def local_offset(published: str | None) -> str | None:
    """The UTC offset of a report's publication time, where it names a place's (+09:00, -05:00):
    a clock time the report gives without a zone is read in it. None for UTC (Z, +00:00: mostly a
    server's clock, not the newsroom's) and where no time is given."""
    m = _OFFSET.search(published or "")
    return m.group(1) if m and m.group(1) not in ("+00:00", "-00:00") else None


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
        # what the rules' grammar needs: Korean (counters) is read by Kiwi, words by their spelling
        worded = rules.data.get("grammar") == "words"
        self.people_patterns = LatinPeoplePatterns(rules) if worded else PeoplePatterns(rules)
        self._tokenize = words.tokenize if worded else morph.tokenize
        # where a key's trigger is looked for first: after the number (Korean: the verb comes last),
        # or the nearest on either side (English: met ... eight times; a two-week trip)
        self._nearest = rules.context.get("trigger_order", "after") == "nearest"
        self.measures = MeasureReader(rules)
        self.offset = offset
        context = rules.context
        self._window = timedelta(days=int(context.get("event_window_days", 31)))
        self._background_cues = frozenset(context.get("background_cues", []))   # 앞서, 당시: not for quantities
        self._after = int(context.get("trigger_after", 60))
        self._before = int(context.get("trigger_before", 30))

    def for_language(self, language: str | None) -> "FactExtractor | None":
        """This extractor when its rules read `language` (as newsbot.facts.languages.FactReaders)."""
        return self if self.rules.describes(language) else None

    # --- the article ------------------------------------------------------------------------
    def extract(self, title: str, text: str, published: str | None = None,
                anchor: date | None = None, language: str | None = None) -> list[dict]:
        """The facts of an article; none when the rules do not read its `language` (Korean rules
        read numbers in an English text, but not what they count)."""
        if not self.rules.describes(language):
            return []
        anchor = anchor or anchor_date(published)
        offset = local_offset(published) or self.offset
        paragraphs = sentences(text)
        found: list[_Found] = []
        to_analyse: dict[tuple[int, int], str] = {}
        blocked: dict[tuple[int, int], list] = {}
        for p, paragraph in enumerate(paragraphs):
            for i, sentence in enumerate(paragraph):
                expressions = self._without_scopes(find_expressions(sentence, self.rules, anchor, offset))
                if not expressions:
                    continue
                found += [_Found(e, p, i) for e in expressions]
                blocked[(p, i)] = self.measures.not_fact_spans(sentence)
                if any(e.kind in _VALUE_KIND for e in expressions) and self.rules.trigger_prefilter.search(sentence):
                    to_analyse[(p, i)] = sentence
        if not found:
            return []
        analysed = {where: self._triggers(tokens)
                    for where, tokens in zip(to_analyse, self._tokenize(list(to_analyse.values())))}
        people = _LazyPeople(title, text, self.people_patterns)
        facts = []
        for item in found:
            sentence = paragraphs[item.paragraph][item.index]
            where = (item.paragraph, item.index)
            fact = self._fact(item, sentence, analysed.get(where, []), paragraphs, people, anchor, blocked[where])
            if fact:
                facts.append(fact)
        return facts

    # --- one expression ---------------------------------------------------------------------
    def _fact(self, item: _Found, sentence: str, tokens, paragraphs, people: People, anchor,
              blocked: list[tuple[int, int]] = ()) -> dict | None:
        e = item.expression
        if e.kind in ("date", "datetime") and self.rules.reporting_re.match(sentence[e.end:]):
            return None                                   # 14일 삼성전자에 따르면
        key, trigger = self._key(e, tokens, sentence)
        subject = None
        if key and key.subject == "person":
            subject, about_protagonist = self._person(item, sentence, trigger, paragraphs, people)
            if not about_protagonist or subject is None:
                key, subject = None, None
        dated = e.kind in ("date", "datetime")
        if key is None:
            if any(s <= e.start < end or e.start <= s < e.end for s, end in blocked):
                return None                               # 95% 신뢰수준, 만 18세 이상
            read = self.measures.read(sentence, e.start, e.end, date=dated)
            if e.glosses or e.personal:                   # 박서준(65), 30대 정 모 씨: their ages
                person = self.measures.person_glossed(sentence, e.start) if e.glosses else e.person
                if person is None and e.glosses:
                    return None
                read = Measure(self.measures.canonical(self.measures.unit_words.get(e.unit)), None, person, None,
                               read.context)
            measure = {"id": read.id(self._unit_class(e)), "label": self.measures.label(e.unit, read, e.counter),
                       "noun": read.noun, "predicate": read.predicate, "scope": read.scope,
                       "known": self.measures.known(read.noun),
                       "context": list(read.context)}
            subject = read.subject
        else:
            measure = {"id": key.name, "label": key.label}
        return {
            "key": key.name if key else QUANTITY,
            "measure": measure,
            "subject": subject,
            "value": {"min": e.min, "max": e.max, "unit": e.unit} if e.resolved else None,
            "approx": e.approx,
            "text": e.text,
            "sentence": sentence,
            "stated": e.stated,
            "counter": e.counter,
            "noun": measure.get("noun"),
            "other_event": self.other_event(e, sentence, key, anchor, event=dated),
        }

    def _unit_class(self, e: Expression) -> str:
        """What two values must share to be compared: the unit (a duration's: day, month or year,
        as its value is counted in it), and a count's counter (명 and 사람 count people)."""
        if e.kind == "duration":
            return f"duration:{e.unit}"
        if e.kind == "count":
            return f"count:{self.rules.counter_classes.get(e.counter, e.counter)}"
        return e.unit

    def _without_scopes(self, expressions: list[Expression]) -> list[Expression]:
        """The expressions but the years, months and quarters that are the time scope of the
        number written right after them (2021년 1009건)."""
        gap = self.measures.scope_gap
        kept = []
        for e, following in zip(expressions, expressions[1:] + [None]):
            if (following is not None and e.kind == "date" and following.kind not in ("date", "datetime")
                    and 0 <= following.start - e.end <= gap and self.measures.scope_re.fullmatch(e.text)):
                continue
            kept.append(e)
        return kept

    def _triggers(self, tokens) -> list[tuple]:
        """(token, the keys it triggers) for the tokens of a sentence that trigger any key."""
        hits = []
        for token in tokens:
            keys = [key for key in self.rules.keys if key.triggered_by(token.form, token.tag)]
            if keys:
                hits.append((token, keys))
        return hits

    def _key(self, e: Expression, triggers, sentence: str = "") -> tuple[KeyRule | None, object]:
        kind = _VALUE_KIND.get(e.kind)
        if kind is None or not triggers:
            return None, None
        best = None
        after = sentence[e.end:]
        for token, keys in triggers:
            for key in keys:
                if not key.accepts(kind, e.counter, e.since, after):
                    continue
                if e.end <= token.start <= e.end + self._after:
                    distance = token.start - e.end
                elif e.start - self._before <= token.end <= e.start:
                    distance = (0 if self._nearest else 100_000) + e.start - token.end
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
            # the person before the trigger (Korean: the verb comes last), or before the number
            # when either may come first (Lee met Jassy on June 12 and Amon on June 10)
            e = item.expression
            at = trigger.start if trigger is not None and not self._nearest else e.start
            # the first between the number and its verb (12일에는 앤디 재시 CEO를, 10일에는 ...
            # 아몬 CEO를 만나), else the last before
            between = [m for m in others if e.end <= m.start < at]
            before = [m for m in others if m.start < at]
            return (between[0] if between else before[-1] if before else others[0]).name, True
        paragraph = paragraphs[item.paragraph]
        for j in (item.index + 1, item.index - 1):
            if 0 <= j < len(paragraph):
                nearby = [m for m in people.mentions(paragraph[j]) if m.name != people.protagonist]
                if nearby:
                    return (next((m for m in nearby if m.topic), nearby[0])).name, True
        return None, True

    def other_event(self, e: Expression, sentence: str, key: KeyRule | None, anchor: date | None,
                    event: bool = False) -> str | None:
        """Why the expression is about another event than the article's, or None; ``event``: a
        date that no key took is checked against the event window as the keys' event dates are. A
        person's age (박서준(65), 30대 정 모 씨) is the person's now, whatever event it is told in."""
        if e.glosses or e.personal:
            return None
        cues = list(self.rules.other_event_re.finditer(sentence, 0, e.start))
        if key is None:
            cues = [c for c in cues if c.group(0) not in self._background_cues]
        if cues and not e.since:
            cue = cues[-1]
            if not self.rules.bridge_re.search(sentence, cue.end(), e.start):
                return cue.group(0)
        return self.outside_window(e, key, anchor, event)

    def outside_window(self, e: Expression, key: KeyRule | None, anchor: date | None, event: bool = False) -> str | None:
        """For an event date (meeting.date, trip.departure ...) far from the anchor: why."""
        if ((key is not None and key.event) or (key is None and event)) and anchor is not None and e.resolved:
            first, last = date.fromisoformat(str(e.min)[:10]), date.fromisoformat(str(e.max)[:10])
            if last < anchor - self._window or first > anchor + self._window:
                return f"more than {self._window.days} days from {anchor.isoformat()}"
        return None

    def key_rule(self, name: str) -> KeyRule | None:
        return next((k for k in self.rules.keys if k.name == name), None)


class _LazyPeople:
    """An article's People, worked out the first time a person key needs them."""

    def __init__(self, title: str, text: str, patterns: PeoplePatterns):
        self._args = (title, text)
        self._patterns = patterns
        self._people: People | None = None

    def __getattr__(self, name):
        if self._people is None:
            self._people = self._patterns.people(*self._args)
        return getattr(self._people, name)
