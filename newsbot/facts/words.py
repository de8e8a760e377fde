"""Expressions in languages that write numbers as digits or words, put markers and currency signs
before them and units after them, and name months before days (English: newsbot/rules/facts_en.toml,
``grammar = "words"``):

    find_expressions("some $40 billion and about two weeks", rules)
    -> [Expression(kind="quantity", text="some $40 billion", unit="USD", min=3e10, max=5e10, stated="40000000000"),
        Expression(kind="duration", text="about two weeks", unit="day", min=11, max=17, stated="14")]

The values mean what the Korean rules' mean (newsbot.facts.expressions: the same Expression, the
same intervals for the same markers), so an English claim and a Korean one compare. The words all
come from the rules file; this module only compiles and applies them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from newsbot.facts.expressions import Expression, interval
from newsbot.facts.morph import Token
from newsbot.facts.rules import WORD_TAG
from newsbot.facts.numbers import DIGITS


def _words(table) -> str:
    """An alternation of words, longest first, each a whole word."""
    return "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))


@dataclass
class WordGrammar:
    """The compiled patterns of one rules file of grammar "words"."""

    data: dict

    def section(self, name: str) -> dict:
        return self.data.get(name, {})

    @cached_property
    def number_words(self) -> dict[str, int]:
        n = self.section("numbers")
        return {**n.get("words", {}), **n.get("small_units", {}), **n.get("big_units", {})}

    @cached_property
    def unit_words(self) -> dict[str, tuple[str, str, Decimal, str | None]]:
        """Each unit word, lower-cased -> (kind, unit, factor, counter): durations, counters (N
        times), then amounts and shares."""
        table = {word.lower(): ("quantity", unit, Decimal(str(factor)), None)
                 for word, (unit, factor) in self.section("units").items()}
        table.update({word.lower(): ("count", "count", Decimal(1), counter)
                      for word, counter in self.section("counters").get("words", {}).items()})
        table.update({word.lower(): ("duration", unit, Decimal(factor), None)
                      for word, (unit, factor) in self.section("durations").get("units", {}).items()})
        return table

    @cached_property
    def number(self) -> str:
        """One written number: digits (1,300; 1.5) with a scale word (1.5 trillion) or glued to one
        ($1.2bn), or number words (twenty-five, one hundred and five thousand)."""
        n = self.section("numbers")
        word = _words(self.number_words)
        big = _words(n.get("big_units", {}))
        glued = _words(n.get("glued_units", {}))
        article = _words(n.get("articles", []))
        scales = _words([*n.get("small_units", {}), *n.get("big_units", {}), *n.get("article_before", [])])
        words = rf"(?:(?:{article})\s+(?=(?:{scales})\b))?(?:{word})(?:(?:-|\s+|\s+and\s+)(?:{word}))*"
        return (rf"(?:{DIGITS}(?:{glued})\b|{DIGITS}(?:\s+(?:{big}))*|{words})(?![\w])"
                if glued else rf"(?:{DIGITS}(?:\s+(?:{big}))*|{words})(?![\w])")

    @cached_property
    def quantity_re(self) -> re.Pattern:
        n, a, d = self.section("numbers"), self.section("approx"), self.section("durations")
        before = _words(a.get("before", {}))
        after = _words(a.get("after", {}))
        currency = _words(self.section("units_before"))
        units = _words({**self.section("units"), **d.get("units", {}), **self.section("counters").get("words", {})})
        articles = _words(n.get("articles", []))
        vague = _words(n.get("vague", {}))
        ranges = _words(a.get("range_words", []))
        num = self.number
        half = re.escape(n.get("half", "and a half"))
        return re.compile(
            rf"(?<![\w$€£₩¥.:/-])"
            rf"(?:(?P<before>{before})\s+)?"
            rf"(?:(?P<between>{re.escape(a.get('between', 'between'))})\s+)?"
            rf"(?:"
            rf"(?P<cur>{currency})?\s?(?P<num>{num})"
            rf"(?:\s*(?:{ranges}|and)\s*(?P<cur2>{currency})?(?P<num2>{num}))?"
            rf"|(?P<article>{articles})\s+(?=(?:{units}|{_words(n.get('words', {}))})\b)"
            rf"|(?P<vague>{vague})\b"
            rf")"
            rf"(?P<odd>-odd\b)?"
            rf"(?:(?P<join>\s+|-)(?P<unit>{units})(?![\w]))?"
            rf"(?:\s+(?P<half>{half})(?:\s+(?P<unit2>{units})(?![\w]))?)?"
            rf"(?P<long>{re.escape(d.get('long', '-long'))})?"
            rf"(?:\s+(?P<after>{after})\b)?",
            re.IGNORECASE)

    @cached_property
    def unit_re(self) -> re.Pattern:
        """A unit word alone with "a" before it or with -long after it (a fortnight, week-long)."""
        d = self.section("durations")
        return re.compile(rf"(?<![\w-])(?:(?P<article>{_words(self.section('numbers').get('articles', []))})\s+)?"
                          rf"(?P<unit>{_words(d.get('units', {}))})(?P<long>{re.escape(d.get('long', '-long'))})?(?![\w])",
                          re.IGNORECASE)

    @cached_property
    def words_re(self) -> re.Pattern:
        """Multiples and ordinals: once, twice; the eighth time, third-largest, ranked fourth."""
        n = self.section("numbers")
        return re.compile(rf"(?<![\w-])(?:(?P<multiple>{_words(n.get('multiples', {}))})"
                          rf"|(?P<ordinal>{_words(n.get('ordinals', {}))}|\d+(?:st|nd|rd|th))"
                          rf"(?P<time>\s+times?\b)?)(?![\w])", re.IGNORECASE)

    @cached_property
    def apposition_age_re(self) -> re.Pattern:
        """A person's age between commas after the name: Lee, 56, is ..."""
        return re.compile(self.section("numbers").get("apposition_age", r"(?!)"))

    @cached_property
    def not_numbers_re(self) -> re.Pattern:
        return re.compile("|".join(self.section("numbers").get("not_numbers", [])) or r"(?!)", re.IGNORECASE)

    @cached_property
    def date_re(self) -> re.Pattern:
        d = self.section("dates")
        month_names = _words([*d.get("months", []), *d.get("month_abbreviations", {})])
        weekdays = _words(d.get("weekdays", []))
        relative = _words(d.get("relative", {}))
        am_pm = _words([*d.get("am", []), *d.get("pm", [])])
        clock = rf"(?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))?\s*(?P<ampm>{am_pm})(?!\w)|(?P<h2>\d{{1,2}}):(?P<min2>\d{{2}})(?!\d)"
        day = rf"(?P<month>{month_names})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day2>\d{{1,2}}))?(?![\d:])(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?"
        return re.compile(
            rf"(?<![\w])(?:(?:at\s+)?(?P<clock>{clock})\s+(?:on\s+)?)?"
            rf"(?:{day}|(?P<weekday>{weekdays})|(?P<relative>{relative})"
            rf"|(?P<in>in\s+)(?P<month_only>{month_names})(?:\s+(?P<year2>(?:19|20)\d{{2}}))?"
            rf"|(?P<year_only>(?:19|20)\d{{2}}))(?![\w])"
            rf"(?:,?\s+at\s+(?P<h3>\d{{1,2}})(?::(?P<min3>\d{{2}}))?\s*(?P<ampm3>{am_pm})(?!\w))?"
            rf"(?P<local>{d.get('local_time', '(?!)')})?",
            re.IGNORECASE)


def grammar(rules) -> WordGrammar:
    """The rules' compiled grammar, made once per rules object."""
    found = getattr(rules, "_word_grammar", None)
    if found is None:
        found = WordGrammar(rules.data)
        rules._word_grammar = found
    return found


def find_expressions(text: str, rules, anchor: date | None = None, offset: str = "+09:00") -> list[Expression]:
    """Every expression in ``text``, in order (see the module's docstring)."""
    g = grammar(rules)
    taken: list[tuple[int, int]] = []
    found: list[Expression] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def take(e: Expression | None) -> None:
        if e is not None and free(e.start, e.end):
            found.append(e)
            taken.append((e.start, e.end))

    for match in g.apposition_age_re.finditer(text):
        age = int(match.group("age"))
        if 0 < age < 120:
            take(Expression(kind="quantity", text=match.group("age"), start=match.start("age"), end=match.end("age"),
                            unit="age", min=age, max=age, stated=str(age), glosses=True))
    for match in g.date_re.finditer(text):
        take(_date(match, g, anchor, offset, text))
    # what is no number (one of them, 4 p.m. alone), once the dates have taken theirs (June 12 at 4 p.m.)
    taken += [m.span() for m in g.not_numbers_re.finditer(text)]
    for match in g.words_re.finditer(text):
        take(_word(match, g, text))
    for match in g.quantity_re.finditer(text):
        take(_quantity(match, g, text))
    for match in g.unit_re.finditer(text):
        take(_unit_alone(match, g))
    found.sort(key=lambda e: e.start)
    return found


# --- numbers ---------------------------------------------------------------------------------------

def parse_number(written: str, g: WordGrammar) -> Decimal:
    """The value of a written number: 1,300; 1.5 trillion; $1.2bn's 1.2bn; twenty-five; one hundred
    and five thousand."""
    n = g.section("numbers")
    small, big, glued = n.get("small_units", {}), n.get("big_units", {}), n.get("glued_units", {})
    words = {k.lower(): v for k, v in n.get("words", {}).items()}
    total = section = Decimal(0)
    current: Decimal | None = None
    for token in re.findall(rf"{DIGITS}|[^\W\d_]+", written):
        lower = token.lower()
        if token[0].isdigit():
            current = (current or 0) + Decimal(token.replace(",", ""))
        elif lower in words:
            current = (current or 0) + Decimal(words[lower])
        elif lower in small:
            section += (current if current is not None else 1) * small[lower]
            current = None
        elif lower in big or lower in glued:
            section += current if current is not None else 0
            total += (section if section else 1) * (big.get(lower) or glued[lower])
            section, current = Decimal(0), None
        elif lower != "and" and lower not in n.get("articles", []):
            raise ValueError(f"not a number: {written!r}")
    return total + section + (current or 0)


def _unit(g: WordGrammar, surface: str) -> tuple[str, str, Decimal, str | None]:
    """(kind, unit, factor, counter) of a unit word."""
    return g.unit_words[surface.lower()]


def _quantity(m: re.Match, g: WordGrammar, text: str) -> Expression | None:
    n, a, d = g.section("numbers"), g.section("approx"), g.section("durations")
    if m.group("between") and not m.group("num2"):
        return None
    currency = m.group("cur") or m.group("cur2")
    unit_word = m.group("unit") or m.group("unit2")
    if m.group("article") and not unit_word:
        return None
    if m.group("vague"):
        lo, hi = n["vague"][m.group("vague").lower()]
        value, vague = Decimal(lo), (Decimal(lo), Decimal(hi))
    elif m.group("article"):
        value, vague = Decimal(1), None
    else:
        try:
            value = parse_number(m.group("num"), g)
            vague = (value, parse_number(m.group("num2"), g)) if m.group("num2") else None
        except ValueError:
            return None
        if vague and vague[1] <= vague[0]:
            return None
    end = m.end()
    if m.group("half"):
        value += Decimal("0.5")
    if currency:
        unit, factor = g.section("units_before")[currency]
        kind, factor, counter = "quantity", Decimal(str(factor)), None
        if unit_word:                                   # $40 billion dollars: the sign says it
            end = m.start("join")
    elif unit_word:
        kind, unit, factor, counter = _unit(g, unit_word)
        age = re.match(d.get("age", r"(?!)"), text[m.end("unit"):], re.IGNORECASE) if m.group("join") == "-" else None
        if age:                                         # a 40-year-old man
            end = m.end("unit") + age.end()
            return Expression(kind="quantity", text=text[m.start():end], start=m.start(), end=end, unit="age",
                              min=int(value), max=int(value), stated=str(int(value)))
        multiple = re.match(g.section("counters").get("multiple_after", r"(?!)") + r"(?:\s+\w+)?",
                            text[m.end("unit"):], re.IGNORECASE)
        if kind == "count" and multiple:                # three times as many: a multiple
            kind, unit, counter = "quantity", "times", None
            end = m.end("unit") + multiple.end()
        if m.group("half") and kind == "duration":
            smaller = d.get("smaller", {}).get(unit)
            if smaller:
                unit, factor = smaller[0], factor * smaller[1]
    else:
        # a bare number: a count of the noun after it (30 meetings), else nothing it can be told
        if m.group("num") and (re.fullmatch(r"(?:19|20)\d{2}", m.group("num")) or "." in m.group("num")):
            return None                                  # a year (a date, read by the date pattern); 2.3 of what
        if re.search(n.get("not_after", r"(?!)"), text[:m.start()]):
            return None                                  # Python 3, Voyager 1, RTX 3090: a name's number
        noun = re.match(r"\s+(?:of\s+)?(?:the\s+)?([A-Za-z][\w-]*)", text[m.end():])
        word = noun.group(1) if noun else ""
        # a noun: a word in lower case or an acronym (20 CEOs), not a name (20 Samsung) nor a word
        # that is not a noun (the two met, 30 of them)
        if not word or word.lower() in n.get("not_nouns", []) or (word[0].isupper() and not re.fullmatch(
                r"[A-Z]{2,}s?", word) and not m.group("vague")):
            return None
        if m.group("num") and not m.group("num")[0].isdigit() and not word.lower().endswith("s") \
                and word.lower() not in n.get("plurals", []):
            return None                                  # a word number needs a plural noun: the two met
        kind, unit, factor, counter = "count", "count", Decimal(1), _head_noun(text[m.end():], n)
    markers = []
    if m.group("before"):
        markers.append(a["before"][m.group("before").lower()])
    if m.group("odd"):
        markers.append("more_step")
    if m.group("after"):
        markers.append(a["after"][m.group("after").lower()])
    since_after = re.match(d.get("since_after", r"(?!)"), text[end:], re.IGNORECASE) if kind == "duration" else None
    since = bool(since_after) or kind == "duration" and bool(
        re.search(d.get("since_before", r"(?!)"), text[:m.start()], re.IGNORECASE))
    if since_after:
        end += since_after.end()                         # four months after: the marker is the expression's
    value *= factor
    vague = (vague[0] * factor, vague[1] * factor) if vague else None
    lo, hi, stated = interval(value, vague, markers, unit, a)
    start = m.start()
    return Expression(kind=kind, text=text[start:end].strip(), start=start, end=end, unit=unit, min=lo, max=hi,
                      approx=bool(markers or vague), stated=stated, counter=counter, since=since)


def tokenize(sentences: list[str]) -> list[list[Token]]:
    """The words of each sentence, lower-cased, with their offsets (what key triggers are matched on)."""
    return [[Token(m.group(0).lower(), WORD_TAG, m.start(), m.end()) for m in re.finditer(r"[^\W\d_]+(?:['’][a-z]+)?", s)]
            for s in sentences]


def _head_noun(after: str, n: dict) -> str:
    """The noun a bare number counts, lower-cased: the first plural of the words after it (20
    business leaders: leaders), else the first word (the counter the key rules match)."""
    words = re.findall(r"[A-Za-z][\w-]*", after[:60])[:3]
    plurals = n.get("plurals", [])
    for word in words:
        if word.lower() in n.get("not_nouns", []):
            break
        if re.search(r"[^su]s$", word.lower()) or word.lower() in plurals:     # leaders, not business
            return word.lower()
    return words[0].lower() if words else ""


def _unit_alone(m: re.Match, g: WordGrammar) -> Expression | None:
    """A unit of time said once: a fortnight, a week-long strike, up to a year (with its marker)."""
    if not (m.group("article") or m.group("long")):
        return None
    _, unit, factor, _ = _unit(g, m.group("unit"))
    text = m.string
    a = g.section("approx")
    before = re.search(rf"(?:^|\s)({_words(a.get('before', {}))})\s+$", text[:m.start()], re.IGNORECASE)
    start = before.start(1) if before else m.start()
    markers = [a["before"][before.group(1).lower()]] if before else []
    half = re.match(rf"\s+{re.escape(g.section('numbers').get('half', 'and a half'))}\b", text[m.end():], re.IGNORECASE)
    value, end = Decimal(1) * factor, m.end()
    if half:
        smaller = g.section("durations").get("smaller", {}).get(unit)
        if smaller:
            unit, value = smaller[0], (Decimal(1) + Decimal("0.5")) * factor * smaller[1]
            end += half.end()
    lo, hi, stated = interval(value, None, markers, unit, a)
    return Expression(kind="duration", text=text[start:end], start=start, end=end, unit=unit, min=lo, max=hi,
                      approx=bool(markers), stated=stated)


def _word(m: re.Match, g: WordGrammar, text: str) -> Expression | None:
    """once, twice (counts with the counter times); the eighth time (a count); third-largest,
    ranked fourth (places)."""
    n = g.section("numbers")
    times = next(iter(g.section("counters").get("words", {}).values()), None)
    if m.group("multiple"):
        value = n["multiples"][m.group("multiple").lower()]
        return Expression(kind="count", text=m.group(0), start=m.start(), end=m.end(), unit="count", min=value,
                          max=value, stated=str(value), counter=times)
    word = m.group("ordinal").lower()
    value = n.get("ordinals", {}).get(word) or int(re.match(r"\d+", word).group(0))
    if m.group("time"):
        return Expression(kind="count", text=m.group(0), start=m.start(), end=m.end(), unit="count", min=value,
                          max=value, stated=str(value), counter=times)
    after = text[m.end():]
    place = re.match(n.get("ordinal_places", r"(?!)"), after, re.IGNORECASE)
    ranked = any(re.search(p, text[:m.start()], re.IGNORECASE) for p in n.get("ordinal_after_verbs", []))
    if not place and not ranked:
        return None
    end = m.end() + (place.end() if place and after.startswith("-") else 0)
    return Expression(kind="quantity", text=text[m.start():end], start=m.start(), end=end, unit="ordinal",
                      min=value, max=value, stated=str(value))


# --- dates -----------------------------------------------------------------------------------------

def _month_number(word: str, d: dict) -> int | None:
    word = word.lower().rstrip(".")
    months = [m.lower() for m in d.get("months", [])]
    if word in months:
        return months.index(word) + 1
    return d.get("month_abbreviations", {}).get(word)


def _nearest_year(month: int, day: int, anchor: date, future: bool) -> date | None:
    """The date of a month and day with no year: the latest on or before the report's date, or
    with a verb of the future the next on or after it."""
    for year in ((anchor.year, anchor.year + 1) if future else (anchor.year, anchor.year - 1)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate >= anchor) if future else (candidate <= anchor):
            return candidate
    return None


def _date(m: re.Match, g: WordGrammar, anchor: date | None, offset: str, text: str) -> Expression | None:
    d = g.section("dates")
    before = text[:m.start()]
    future = bool(re.search(d.get("future", r"(?!)"), before, re.IGNORECASE))
    first = last = None
    relative, approx = True, False
    if m.group("month"):
        month = _month_number(m.group("month"), d)
        if m.group("month").lower() in d.get("ambiguous_months", []) and not m.group("day"):
            return None
        day, day2 = int(m.group("day")), int(m.group("day2")) if m.group("day2") else None
        if m.group("year"):
            relative = False
            try:
                first = date(int(m.group("year")), month, day)
            except ValueError:
                return None
        elif anchor is not None:
            first = _nearest_year(month, day, anchor, future)
        else:
            first = None
        if first is not None:
            last = first
            if day2:
                if day2 <= day:
                    return None
                try:
                    last, approx = first.replace(day=day2), True
                except ValueError:
                    return None
    elif m.group("weekday"):
        if anchor is None:
            first = None
        else:
            wanted = [w.lower() for w in d.get("weekdays", [])].index(m.group("weekday").lower())
            delta = (anchor.weekday() - wanted) % 7
            first = last = anchor + timedelta(days=(7 - delta) % 7) if future and delta else anchor - timedelta(days=delta)
    elif m.group("relative"):
        spec = d["relative"][m.group("relative").lower()]
        if anchor is None:
            first = None
        else:
            first, last, approx = _relative(spec, anchor)
    elif m.group("month_only"):
        month = _month_number(m.group("month_only"), d)
        if anchor is None and not m.group("year2"):
            first = None
        else:
            year = int(m.group("year2")) if m.group("year2") else (anchor.year if month <= anchor.month else anchor.year - 1)
            relative = not m.group("year2")
            first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    elif m.group("year_only"):
        if not re.search(d.get("year_after", r"(?!)"), before, re.IGNORECASE):
            return None
        year = int(m.group("year_only"))
        first, last, relative = date(year, 1, 1), date(year, 12, 31), False
    else:
        return None
    start = m.start("clock") if m.group("clock") else m.start("in") + len(m.group("in")) if m.group("in") else m.start()
    end = m.end()
    expression_text = text[start:end].strip()
    hour, minute = _clock(m, d)
    local = bool(m.group("local"))
    if first is None:
        return Expression(kind="datetime" if hour is not None else "date", text=expression_text, start=start, end=end,
                          unit="datetime" if hour is not None else "date", min=None, max=None, relative=True)
    if hour is None:
        stated = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
        return Expression(kind="date", text=expression_text, start=start, end=end, unit="date", min=first.isoformat(),
                          max=last.isoformat(), approx=approx, stated=stated, relative=relative)
    zone = "" if local else offset
    moment = f"{first.isoformat()}T{hour:02d}:{minute:02d}:00{zone}"
    return Expression(kind="datetime", text=expression_text, start=start, end=end, unit="datetime", min=moment,
                      max=moment, stated=moment, relative=relative)


def _relative(spec: list, anchor: date) -> tuple[date, date, bool]:
    """The days a word for a day, week, month or year counted from the report's date spans."""
    unit, shift = spec[0], int(spec[1])
    part = spec[2] if len(spec) > 2 else None
    if unit == "day":
        day = anchor + timedelta(days=shift)
        return day, day, False
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=shift)
        return monday, monday + timedelta(days=6), False
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + shift
        year, month = index // 12, index % 12 + 1
        first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    else:
        first, last = date(anchor.year + shift, 1, 1), date(anchor.year + shift, 12, 31)
    if part == "before":
        return first, anchor - timedelta(days=1), True
    if part == "after":
        return anchor + timedelta(days=1), last, True
    return first, last, False


def _clock(m: re.Match, d: dict) -> tuple[int | None, int]:
    hour = m.group("h") or m.group("h2") or m.group("h3")
    if hour is None:
        return None, 0
    hour, minute = int(hour), int(m.group("min") or m.group("min2") or m.group("min3") or 0)
    marker = (m.group("ampm") or m.group("ampm3") or "").lower()
    if marker in [p.lower() for p in d.get("pm", [])] and hour < 12:
        hour += 12
    elif marker in [p.lower() for p in d.get("am", [])] and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else (None, 0)
