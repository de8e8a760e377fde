"""Quantities, durations, dates and clock times in a sentence, with their values as intervals.

    find_expressions("약 2주간 30여건의 일정", rules)
    -> [Expression(kind="duration", text="약 2주간", unit="day", min=11, max=17, approx=True, stated="14"),
        Expression(kind="count", text="30여건", unit="count", counter="건", min=31, max=39, ...)]

Kinds: ``count`` (a counted number: 명, 건, 번 ...), ``duration`` (2주간, 열흘, 4개월만),
``quantity`` (money, percentages), ``date`` and ``datetime``. Approximate values are intervals
(약 2주간 is 11-17 days, 30여건 31-39, 수십 20-90); ``stated`` is what the writer stated, with the
hedges (약, 정도, 께) taken off, so "약 2주간" and "2주" state the same. A relative date without an
anchor keeps its text and has no value (min and max None).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsbot.facts import dates
from newsbot.facts.numbers import as_number, parse_number, place_scale
from newsbot.facts.rules import FactRules
from decimal import Decimal


@dataclass
class Expression:
    kind: str                   # count | duration | quantity | date | datetime
    text: str
    start: int
    end: int
    unit: str
    min: int | float | str | None
    max: int | float | str | None
    approx: bool = False
    stated: str | None = None
    counter: str | None = None
    since: bool = False         # "4개월만": the time since something
    relative: bool = False      # a date that needed an anchor
    glosses: bool = False       # in brackets right after a word, and that word's: 박서준(65)
    personal: bool = False      # a person's, written before the person: 30대 정 모 씨
    person: str | None = None   # ... who is named so (정)
    # a date's day of the month when it names no year, month or direction (21일, 21일(현지시간); not
    # 7월 17일, 지난해 3월 5일, 다음 달 1일, 지난 21일 or 오는 25일, days a while back or ahead, or
    # of a month named): a day of the reporting time, anchored or not
    day: int | None = None

    @property
    def resolved(self) -> bool:
        return self.min is not None or self.max is not None


def find_expressions(text: str, rules: FactRules, anchor: date | None = None,
                     offset: str = "+09:00") -> list[Expression]:
    """Every expression in ``text``, in order; dates resolved against ``anchor`` when needed. Rules
    of the grammar "words" (English: facts_en.toml) are read by newsbot.facts.words."""
    if rules.data.get("grammar") == "words":
        from newsbot.facts import words         # it builds on this module's Expression and interval
        return words.find_expressions(text, rules, anchor, offset)
    found: list[Expression] = []
    taken: list[tuple[int, int]] = [m.span() for m in rules.not_numbers_re.finditer(text)]

    def take(expression: Expression | None) -> None:
        """Keep an expression that begins where no earlier one (or a phrase with no number) stands."""
        if expression is not None and not any(s <= expression.start < e for s, e in taken):
            found.append(expression)
            taken.append((expression.start, expression.end))

    for match in rules.quantity_re.finditer(text) if rules.quantity_prefilter.search(text) else ():
        take(_quantity(match, rules))
    for match in rules.bracket_age_re.finditer(text) if "(" in text else ():
        take(_bracket_age(match, rules))
    for match in rules.decade_age_re.finditer(text) if "대" in text else ():
        take(_decade_age(match, text))
    for match in rules.date_re.finditer(text):
        if not match.group(0).strip() or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        expression = _date(match, rules, anchor, offset)
        if expression:
            found.append(expression)
    found.sort(key=lambda e: e.start)
    return _ranges(_compound_durations(found, text, rules), text, rules)


def _bracket_age(match, rules: FactRules) -> Expression | None:
    """박서준(65): the age of the person named before the bracket (see newsbot.facts.measures)."""
    age = int(match.group("age"))
    if not 0 < age < int(rules.numbers.get("max_age", 120)):
        return None
    return Expression(kind="quantity", text=match.group(0), start=match.start(), end=match.end(), unit="age",
                      min=age, max=age, stated=str(age), glosses=True)


def _decade_age(match, text: str) -> Expression:
    """30대 대학원생 정 모 씨: the person's age, 30 to 39, and the person's name when given."""
    decade, end = int(match.group("decade")), match.end("decade") + 1
    return Expression(kind="quantity", text=text[match.start():end], start=match.start(), end=end, unit="age",
                      min=decade, max=decade + 9, approx=True, stated=f"{decade}-{decade + 9}", personal=True,
                      person=match.group("name"))


def _compound_durations(found: list[Expression], text: str, rules: FactRules) -> list[Expression]:
    """A duration in a larger unit written right before one in a smaller unit is one duration:
    징역 1년8개월 is 20 months, 2시간 30분 150 minutes (the units' ratios come from the rules)."""
    ratios = rules.section("durations").get("compound", {})
    out: list[Expression] = []
    for e in found:
        prev = out[-1] if out else None
        ratio = ratios.get(f"{prev.unit}/{e.unit}") if prev is not None else None
        hedged = prev is not None and prev.approx and prev.stated is not None and prev.stated.isdigit()
        if (ratio and prev.kind == e.kind == "duration" and (not prev.approx or hedged) and not e.approx
                and text[prev.end:e.start].strip() == "" and e.start - prev.end <= 1
                and prev.min is not None and e.min is not None):
            value = int(prev.stated) * ratio + e.min if hedged else prev.min * ratio + e.min
            lo, hi, stated = interval(Decimal(value), None, ["hedge"] if hedged else [], e.unit, rules.approx)
            out[-1] = Expression(kind="duration", text=text[prev.start:e.end], start=prev.start, end=e.end,
                                 unit=e.unit, min=lo, max=hi, approx=hedged, stated=stated, since=e.since)
            continue
        out.append(e)
    return out


def _ranges(found: list[Expression], text: str, rules: FactRules) -> list[Expression]:
    """Two values written as the ends of a range are one interval: 6개월~1년, 6개월에서 1년 (in the
    smaller unit, by the rules' compound ratios), 2일부터 6일까지 (a span of days); and a day
    with a bare number before it, 5~6일 and 27∼29일, is the span from that day."""
    ends = tuple(rules.numbers.get("range_ends", []))
    ratios = rules.section("durations").get("compound", {})
    out: list[Expression] = []
    for e in found:
        prev = out[-1] if out else None
        between = text[prev.end:e.start] if prev is not None else None
        joined = between is not None and rules.range_join_re.fullmatch(between) is not None
        far = e.max if not e.approx else int(e.stated) if (e.stated or "").isdigit() else None   # 1년가량: 1년
        if joined and prev.kind == e.kind == "duration" and not prev.approx and prev.min is not None \
                and far is not None:
            ratio = 1 if prev.unit == e.unit else ratios.get(f"{e.unit}/{prev.unit}")
            if ratio and far * ratio > prev.max:
                out[-1] = _span(prev, e, text, prev.min, far * ratio, f"{prev.min}-{far * ratio}")
                continue
        if joined and prev.kind == e.kind == "date" and _one_day(prev) and _one_day(e) and (
                rules.range_mark_re.fullmatch(between) or (ends and text[e.end:].lstrip().startswith(ends))):
            # 27일~29일: the second day is the first's month's
            last = prev.min[:8] + e.min[8:] if re.fullmatch(r"\d{1,2}\D", e.text) else e.max
            if prev.min < last:
                out[-1] = _span(prev, e, text, prev.min, last, f"{prev.min}/{last}")
                continue
        if e.kind == "date" and _one_day(e):
            bare = rules.range_start_re.search(text, 0, e.start)
            first = int(bare.group(1)) if bare else 0
            if 0 < first < int(e.min[8:10]):
                start = e.min[:8] + f"{first:02d}"
                e = Expression(kind="date", text=text[bare.start():e.end], start=bare.start(), end=e.end, unit="date",
                               min=start, max=e.max, approx=True, stated=f"{start}/{e.max}", relative=e.relative)
        out.append(e)
    return out


def _one_day(e: Expression) -> bool:
    return e.min is not None and e.min == e.max and len(e.min) == 10


def _span(first: Expression, last: Expression, text: str, lo, hi, stated: str) -> Expression:
    return Expression(kind=first.kind, text=text[first.start:last.end], start=first.start, end=last.end,
                      unit=first.unit, min=lo, max=hi, approx=True, stated=stated, relative=first.relative or last.relative)


# --- quantities and durations ------------------------------------------------------------------

def _quantity(match, rules: FactRules) -> Expression | None:
    g = match.groupdict()
    durations = rules.section("durations")
    numbers = rules.numbers
    counter = None
    if g["word"]:
        unit, factor = durations["words"][g["word"]]
        value, bounds, kind = Decimal(factor), None, "duration"
        factor = 1
    elif g["native"]:
        value = Decimal(numbers["native"][g["native"]])
        surface = g["ncounter"]
        unit, factor = rules.units.get(surface, ("count", 1))
        kind = "duration" if surface in rules.duration_units else "count" if unit == "count" else "quantity"
        counter = surface if kind == "count" else None
        bounds = None
    else:
        if not (g["num"] or g["vague"]):
            return None
        surface = g["unit"]
        unit, factor = rules.units[surface]
        kind = ("duration" if surface in rules.duration_units
                else "count" if surface in rules.counter_words else "quantity")
        counter = surface if kind == "count" else None
        marked = g["suffix"] or g["since"] or g["after"] or g["more"] or g["more2"] or g["before"]
        if (surface in durations.get("needs_suffix", ()) and not marked and not _after_noun(match, durations)
                and not re.match(durations.get("before_smaller", r"(?!)"), match.string[match.end():])
                and not _below_calendar(match, surface, durations)):
            return None             # 2011년, 4일: dates, not durations
        not_after = durations.get("not_after", {}).get(surface)
        if not_after and re.search(not_after, match.string[:match.start()]):
            return None             # 8시 40분: a clock time
        first = match.start("vague") if g["vague"] else match.start("num")
        if not match.string[first].isdigit():
            before = match.string[first - 1] if first > 0 else " "
            if "가" <= before <= "힣":
                return None         # inside a word (이천에서, 사천만): not a number
            if not g["vague"] and not _letters_number(g["num"], numbers):
                return None         # 조원, 조명, 이억원: words that begin like a number
        try:
            value = Decimal(str(parse_number(g["num"], numbers["sino_digits"], numbers["small_units"],
                                             numbers["big_units"]))) if g["num"] else Decimal(1)
        except ValueError:
            return None
        bounds = None
        if g["vague"]:
            lo, hi = numbers["vague"][g["vague"]]
            bounds = (value * lo, value * hi)
        elif g["num2"]:             # a range: 3~4개월, 2000~3000억원 (the 억 applies to both)
            try:
                high = Decimal(str(parse_number(g["num2"], numbers["sino_digits"], numbers["small_units"],
                                                numbers["big_units"])))
            except ValueError:
                return None
            if place_scale(g["num"], numbers["small_units"], numbers["big_units"]) == 1:
                value *= place_scale(g["num2"], numbers["small_units"], numbers["big_units"])
            if high <= value:
                return None
            bounds = (value, high)
    most = rules.section("durations").get("at_most", {}).get(g.get("unit"))
    if most is not None and kind == "duration" and max(value, bounds[1] if bounds else value) > most:
        return None                 # 2만2000주: shares, not weeks
    value *= Decimal(str(factor))
    if bounds:
        bounds = (bounds[0] * Decimal(str(factor)), bounds[1] * Decimal(str(factor)))
    start, end = match.span()
    text = match.group(0).rstrip()
    if g["since"] and kind != "duration":
        # "2명만": "only", not "since"; leave the marker out of the expression
        end = match.start("since")
        text = match.string[start:end].rstrip()
    how = rules.approx.get("before", {}).get(g["before"]) if g["before"] else None
    after = rules.approx.get("after", {}).get(g["after"]) if g["after"] else None
    more = "more_step" if (g["more"] or g["more2"]) else None
    if value == 1 and not bounds and _denied(match.string, end, numbers):
        value = Decimal(0)          # 한 명도 ... 않았다: none
    lo, hi, stated = interval(value, bounds, [m for m in (how, more, after) if m], unit, rules.approx)
    return Expression(kind=kind, text=text, start=start, end=start + len(text), unit=unit, min=lo, max=hi,
                      approx=bool(how or more or after or bounds), stated=stated, counter=counter,
                      since=bool(g["since"]) and kind == "duration")


def _after_noun(match, durations: dict) -> bool:
    """The number follows a noun that makes "N년" a term (징역 23년, 정지 2년)."""
    words = match.string[:match.start()].split()
    return bool(words) and words[-1].strip("'‘’\"“”(") in durations.get("duration_nouns", ())


def _below_calendar(match, surface: str, durations: dict) -> bool:
    """A number too small to be the calendar's, written in digits with no apostrophe before it
    (임기는 1년이다, 2년 뒤): a duration ('24년, 2024년: years)."""
    below = durations.get("bare_below", {}).get(surface)
    numbers = [n for n in (match.group("num"), match.group("num2")) if n]
    if below is None or not numbers or not all(n.isdigit() for n in numbers) or match.group("vague"):
        return False
    before = match.string[:match.start("num")].rstrip()[-1:]
    return all(int(n) < below for n in numbers) and (not before or before not in "'‘’")


def _letters_number(written: str, numbers: dict) -> bool:
    """A number written without digits is one when it has enough place units and no digit word
    (천만, 백만; not 조 of 조원 nor 이억 of the name 이억원)."""
    if any(c.isdigit() for c in written):
        return True
    places = sum(written.count(u) for u in (*numbers["small_units"], *numbers["big_units"]))
    return places >= int(numbers.get("letters_only_places", 2)) and not any(d in written for d in numbers["sino_digits"])


def _denied(text: str, end: int, numbers: dict) -> bool:
    """One of something followed by the particle that says "not even" and a negation later in
    its clause (한 명도 없었다, 한 차례도 만나지 않았다)."""
    particle, negation = numbers.get("none_particle"), numbers.get("negation")
    if not particle or not negation or not text.startswith(particle, end):
        return False
    clause = re.split(r"[,.]", text[end:], maxsplit=1)[0]
    return re.search(negation, clause) is not None


def interval(value: Decimal, vague, markers: list[str], unit: str, a: dict):
    """(min, max, stated) of a number with its approximation markers (`a`: the rules' [approx])."""
    lo, hi = vague if vague else (value, value)
    stated_parts = [f"{as_number(lo)}-{as_number(hi)}" if vague else f"{as_number(value)}"]
    whole = unit in a.get("whole_units", ())
    for how in markers:
        if how == "hedge":
            share = Decimal(str(a.get("hedge_share", 0.25)))
            lo = None if lo is None else lo * (1 - share)
            hi = None if hi is None else hi * (1 + share)
        elif how == "more_step":
            step = _step(value)
            lo, hi = value + (1 if whole and step > 1 else 0), value + step - (1 if whole and step > 1 else 0)
        elif how == "more":
            lo, hi = value, value * (1 + Decimal(str(a.get("more_share", 0.25))))
        elif how == "nearly":          # nearly N: a little under N, up to N
            lo, hi = value * (1 - Decimal(str(a.get("nearly_share", 0.25)))), value
        elif how == "at_least":
            hi = None
        elif how == "above":
            lo, hi = (value + 1 if whole else value), None
        elif how == "at_most":
            lo = None
        elif how == "below":
            lo, hi = None, (value - 1 if whole else value)
        elif how.startswith("band"):   # 90%대: 90 up to the next step; 초반대: its first third
            step = _step(value)
            low, high = {"band": (0, 1), "band_low": (0, 0.3), "band_mid": (0.3, 0.7), "band_high": (0.7, 1)}[how]
            lo = value + step * Decimal(str(low))
            hi = value + step * Decimal(str(high)) - (1 if whole else Decimal("0.01")) * (high == 1)
        if how not in a.get("hedges", ()):
            stated_parts.append(how)
    if whole:
        lo = None if lo is None else math.ceil(lo)
        hi = None if hi is None else math.floor(hi)
    lo = None if lo is None else as_number(Decimal(lo))
    hi = None if hi is None else as_number(Decimal(hi))
    return lo, hi, " ".join(stated_parts)


def _step(value: Decimal) -> Decimal:
    """The place of the last non-zero digit of a whole number: 30 -> 10, 1500억 -> 100억, 7 -> 1."""
    if value != value.to_integral_value() or value == 0:
        return Decimal(1)
    step, n = Decimal(1), int(value)
    while n % 10 == 0:
        n //= 10
        step *= 10
    return step


# --- dates and times ------------------------------------------------------------------------------

def _date(match, rules: FactRules, anchor: date | None, offset: str) -> Expression | None:
    g = match.groupdict()
    words = rules.dates
    has_day = any(g[k] for k in ("iso_y", "y", "yw", "m", "mw", "d", "d2", "dw"))
    time = dates.clock(g, words)
    if not has_day and time is None:
        return None
    if has_day and not any(g[k] for k in ("iso_y", "y", "m", "d", "d2")) and not (g["yw"] or g["mw"] or g["dw"]):
        return None
    text = match.group(0).rstrip()
    start = match.start()
    elsewhen = g["iso_y"] or g["y"] or g["yw"] or g["m"] or g["mw"] or g["dir"]
    day = int(g["d"] or g["d2"]) if (g["d"] or g["d2"]) and not elsewhen else None
    relative = not has_day or dates.is_relative(g)
    if has_day:
        span = dates.resolve(g, anchor, words)
        if span is None and not (relative and anchor is None):
            return None                 # not a calendar date (2월 30일)
    else:
        span = (anchor, anchor) if anchor else None
    around_days = int(rules.approx.get("around_days", 1))
    approx = bool(g["dapprox"] or g["tapprox"])
    if span is None:
        return Expression(kind="datetime" if time else "date", text=text, start=start, end=start + len(text),
                          unit="datetime" if time else "date", min=None, max=None, approx=approx,
                          stated=None, relative=True, day=day)
    first, last = span
    if time is None:
        stated = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
        if g["dapprox"]:
            first, last = first - timedelta(days=around_days), last + timedelta(days=around_days)
        return Expression(kind="date", text=text, start=start, end=start + len(text), unit="date",
                          min=first.isoformat(), max=last.isoformat(), approx=approx, stated=stated,
                          relative=relative, day=day)
    hour, minute = time
    local = bool(g["local"] or g["tlocal"])
    zone = "" if local else offset
    if minute is None:
        lo, hi = dates.at(first, hour, 0), dates.at(last, hour, 0)
        widen = int(rules.approx.get("around_hour_minutes", 30))
    else:
        lo, hi = dates.at(first, hour, minute), dates.at(last, hour, minute)
        widen = int(rules.approx.get("around_minutes", 5))
    stated = lo.isoformat() + zone
    if g["tapprox"] or g["dapprox"]:
        lo, hi = lo - timedelta(minutes=widen), hi + timedelta(minutes=widen)
    return Expression(kind="datetime", text=text, start=start, end=start + len(text), unit="datetime",
                      min=lo.isoformat() + zone, max=hi.isoformat() + zone, approx=approx, stated=stated,
                      relative=relative, day=day)
