"""The fact rules (newsbot/rules/facts_ko.toml and the files added to it), loaded and compiled.

Nothing Korean is written in this module: the word lists, units, markers and keys all come from
the rules files; here they become regular expressions and lookup tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from newsbot.facts.numbers import number_pattern
from newsbot.rules import file_languages, read_rules_file

DEFAULT_FACT_RULES_FILES = ("newsbot/rules/facts_ko.toml", "newsbot/rules/measures_ko.toml")
ALL_FACT_RULES_FILES = (*DEFAULT_FACT_RULES_FILES, "newsbot/rules/facts_en.toml")


HANGUL = "가-힣"        # the script's letters (a character class range), not a language rule
WORD_TAG = "W"          # the tag of a word token read as spelled (newsbot.facts.words.tokenize)


def _alternation(words) -> str:
    """Longest first, so 개월 is tried before 개 and 달러 before 달."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, eq=False)
class KeyRule:
    name: str
    value: str                         # date | duration | count
    triggers: tuple[str, ...]
    counters: tuple[str, ...] = ()
    form: str | None = None            # since
    subject: str | None = None         # person
    event: bool = False
    example: str = ""
    label: str = ""                    # what the measure is called (출장 기간)
    unless_after: str | None = None    # not the key when the text after the number matches this

    @cached_property
    def verbs(self) -> frozenset[str]:
        """Verb triggers as Kiwi gives their lemma (만나다 -> 만나)."""
        return frozenset(t[:-1] for t in self.triggers if t.endswith("다"))

    @cached_property
    def words(self) -> frozenset[str]:
        """The triggers as whole words, lower-cased (rules of grammar "words")."""
        return frozenset(t.lower() for t in self.triggers)

    @cached_property
    def nouns(self) -> tuple[str, ...]:
        return tuple(t for t in self.triggers if not t.endswith("다"))

    def triggered_by(self, form: str, tag: str) -> bool:
        if tag == WORD_TAG:                 # a word as spelled (rules of grammar "words")
            return form in self.words
        if tag.startswith("NN") or tag == "XR":
            return form.startswith(self.nouns)
        if tag.startswith(("VV", "VA", "XSV", "XSA")):
            return form in self.verbs
        return False

    @cached_property
    def unless_after_re(self) -> re.Pattern | None:
        return re.compile(self.unless_after) if self.unless_after else None

    def accepts(self, kind: str, counter: str | None, since: bool, after: str = "") -> bool:
        if kind != self.value:
            return False
        if self.unless_after_re is not None and self.unless_after_re.match(after):
            return False
        if self.value == "count" and counter not in self.counters:
            return False
        if self.value == "duration" and (self.form == "since") != since:
            return False
        return True


@dataclass
class FactRules:
    data: dict = field(default_factory=dict)
    keys: list[KeyRule] = field(default_factory=list)
    #: the languages the files name (``languages = ["ko"]``); None when one names none (any language)
    languages: frozenset[str] | None = frozenset()

    def section(self, name: str) -> dict:
        return self.data.get(name, {})

    def describes(self, language: str | None) -> bool:
        """Whether these rules read text in `language` (None or "und": not known, read as any)."""
        language = (language or "und").lower()[:2]
        return self.languages is None or language == "un" or language in self.languages

    # --- numbers and units ------------------------------------------------------------------
    @cached_property
    def numbers(self) -> dict:
        return self.section("numbers")

    @cached_property
    def units(self) -> dict[str, tuple[str, float]]:
        """Every unit surface (currency, percent, counter, time unit) -> (unit, factor)."""
        table = {surface: (unit, factor) for surface, (unit, factor) in self.section("units").items()}
        for word in self.section("counters").get("words", []):
            table[word] = ("count", 1)
        for surface, (unit, factor) in self.section("durations").get("units", {}).items():
            table[surface] = (unit, factor)
        return table

    @cached_property
    def counter_classes(self) -> dict[str, str]:
        """Counters that count the same things (명, 사람, 인: people) -> the first of their group."""
        return {word: group[0] for group in self.section("counters").get("classes", []) for word in group}

    @cached_property
    def duration_units(self) -> set[str]:
        return set(self.section("durations").get("units", {}))

    @cached_property
    def counter_words(self) -> set[str]:
        return set(self.section("counters").get("words", []))

    @cached_property
    def approx(self) -> dict:
        return self.section("approx")

    @cached_property
    def dates(self) -> dict:
        return self.section("dates")

    @cached_property
    def context(self) -> dict:
        return self.section("context")

    # --- compiled patterns ------------------------------------------------------------------
    @cached_property
    def quantity_re(self) -> re.Pattern:
        n = self.numbers
        num = number_pattern(n["sino_digits"], n["small_units"], n["big_units"])
        place = "[" + "".join(n["small_units"]) + "".join(n["big_units"]) + "]"
        vague = "|".join(re.escape(v) + (f"(?={place})" if len(v) == 1 else "")
                         for v in sorted(n.get("vague", {}), key=len, reverse=True))
        not_before = {**self.section("counters").get("not_before", {}),
                      **self.section("durations").get("not_before", {})}
        units = "|".join(re.escape(u) + (f"(?!{not_before[u]})" if u in not_before else "")
                         for u in sorted(self.units, key=len, reverse=True))
        a = self.approx
        before = _alternation(a.get("before", {}))
        more = _alternation(w for w, how in a.get("after", {}).items() if how == "more_step") or r"(?!)"
        after = _alternation(w for w, how in a.get("after", {}).items() if how not in ("around", "more_step"))
        durations = self.section("durations")
        suffix = _alternation(durations.get("suffixes", []))
        since = _alternation(durations.get("since", []))
        words = _alternation(durations.get("words", {}))
        native = _alternation(n.get("native", {}))
        native_counters = _alternation(n.get("native_counters", []))
        particles = _alternation(n.get("native_particles", []))
        ordinal = re.escape(n.get("ordinal_prefix", "")) if n.get("ordinal_prefix") else ""
        ranges = self.range_marks or r"(?!)"
        after_particles = _alternation(self.context.get("particles", [])) or r"(?!)"
        start = "|".join([r"\d", vague or r"(?!)", "[" + "".join(n["sino_digits"]) + "".join(n["small_units"])
                          + "".join(n["big_units"]) + "]"])
        h = HANGUL
        firsts = {c for w in [*n["sino_digits"], *n["small_units"], *n["big_units"], *n.get("vague", {}),
                              *durations.get("words", {}), *n.get("native", {}), *a.get("before", {})] for c in w[:1]}
        return re.compile(
            _first_of(firsts) +
            rf"(?:(?P<before>{before})\s*)?"
            rf"(?:"
            rf"(?<![A-Za-z0-9.,{ordinal}])(?={start})(?P<vague>{vague})?(?P<num>{num})?"
            rf"(?:\s?[{ranges}]\s?(?P<num2>{num}))?(?P<more>{more})?\s?(?P<unit>{units})"
            rf"|(?<![{h}A-Za-z0-9])(?P<word>{words})"
            rf"|(?<![{h}A-Za-z0-9])(?P<native>{native})\s?(?P<ncounter>{native_counters})"
            rf"(?=[^{h}]|$|(?:{particles})(?![{h}]))"
            rf")"
            rf"(?:\s?(?P<suffix>{suffix}))?(?P<more2>{more})?"
            rf"(?:\s?(?P<after>{after})(?=[^{h}]|$|(?:{after_particles})(?![{h}])))?"
            rf"(?:\s?(?P<since>{since})(?![{h}A-Za-z]))?"
        )

    @cached_property
    def quantity_prefilter(self) -> re.Pattern:
        """What a sentence must hold for quantity_re to find anything in it (a digit, a native
        numeral before its counter, a duration word, a vague number, two place units): a search
        for it is about ten times cheaper than quantity_re's over the sentences it rules out."""
        n, durations = self.numbers, self.section("durations")
        place = "[" + "".join(n["small_units"]) + "".join(n["big_units"]) + "]"
        parts = [r"\d", rf"{place}{{2}}"]
        if n.get("native") and n.get("native_counters"):
            parts.append(rf"(?:{_alternation(n['native'])})\s?(?:{_alternation(n['native_counters'])})")
        if durations.get("words"):
            parts.append(_alternation(durations["words"]))
        parts += [re.escape(v) + (place if len(v) == 1 else "") for v in n.get("vague", {})]   # 수십, 십수
        return re.compile("|".join(parts))

    @cached_property
    def range_marks(self) -> str:
        """The signs that join a range's two ends (~, ∼), escaped for a character class."""
        return "".join(re.escape(c) for c in self.numbers.get("range_marks", []))

    @cached_property
    def range_mark_re(self) -> re.Pattern:
        """What stands between the two ends of a range written with a sign (3~4개월, 5∼6일)."""
        return re.compile(rf"\s?[{self.range_marks}]\s?" if self.range_marks else r"(?!)")

    @cached_property
    def range_join_re(self) -> re.Pattern:
        """... with a sign or a word (6개월에서 1년, 2일부터 6일까지)."""
        words = "|".join(re.escape(w) for w in self.numbers.get("range_words", []))
        return re.compile(rf"{self.range_mark_re.pattern}|\s?(?:{words})\s?" if words else self.range_mark_re.pattern)

    @cached_property
    def range_start_re(self) -> re.Pattern:
        """A bare number and a range sign right before a day (the 5~ of 5~6일)."""
        return re.compile(rf"(?<![\d.])(\d{{1,2}})\s?[{self.range_marks}]\s?$" if self.range_marks else r"(?!)")

    @cached_property
    def bracket_age_re(self) -> re.Pattern:
        return re.compile(self.numbers.get("bracket_age", r"(?!)"))

    @cached_property
    def decade_age_re(self) -> re.Pattern:
        return re.compile(self.numbers.get("decade_age", r"(?!)"))

    @cached_property
    def not_numbers_re(self) -> re.Pattern:
        return re.compile("|".join(self.numbers.get("not_numbers", [])) or r"(?!)")

    @cached_property
    def date_re(self) -> re.Pattern:
        d = self.dates
        u = {k: re.escape(v) for k, v in d.get("units", {}).items()}
        h = HANGUL
        years = _alternation(w for w in d.get("year_words", {}) if len(w) > 1)
        short_years = "|".join(re.escape(w) + rf"(?=\s*\d{{1,2}}{u['month']})"
                               for w in d.get("year_words", {}) if len(w) == 1)
        months = _alternation(d.get("month_words", {}))
        days = _alternation(d.get("day_words", {}))
        periods = _alternation(d.get("periods", {}))
        direction = _alternation(list(d.get("past", [])) + list(d.get("future", [])))
        around = _alternation(w for w, how in self.approx.get("after", {}).items() if how == "around")
        clock = _alternation(d.get("clock_before", {}))
        local = d.get("local_time", r"(?!)")
        particles = _alternation(d.get("particles", []))
        after_day = _alternation(d.get("after_day", []))
        enders = "".join(d.get("month_enders", []))
        not_after_hour = d.get("not_after_hour", r"(?!)")
        not_after_year = d.get("not_after_year", r"(?!)")
        first = "|".join(x for x in (r"\d", direction, years, months, days, clock, short_years) if x)
        firsts = {w[0] for k in ("past", "future") for w in d.get(k, [])}
        firsts |= {w[0] for k in ("year_words", "month_words", "day_words", "clock_before") for w in d.get(k, {})}
        return re.compile(
            _first_of(firsts) +
            rf"(?<![{h}A-Za-z0-9.])(?={first})"
            rf"(?:(?P<iso_y>\d{{4}})[.\-/]\s?(?P<iso_m>\d{{1,2}})[.\-/]\s?(?P<iso_d>\d{{1,2}})(?!\d)\.?"
            rf"|(?:(?P<dir>{direction})(?=\s*\d)\s*)?"
            rf"(?:(?:(?P<y>\d{{4}}){u['year']}(?!{not_after_year})|(?P<yw>{years}|{short_years}))\s*)?"
            rf"(?:(?:(?P<m>\d{{1,2}}){u['month']}|(?P<mw>{months}))\s*)?"
            rf"(?:(?P<d>\d{{1,2}}){u['day']}(?![{h}])|(?P<d2>\d{{1,2}}){u['day']}(?={after_day})"
            rf"|(?<=[{enders} ])(?P<period>{periods})(?![{h}])|(?<=[{enders} ])(?P<period2>{periods})(?={particles})"
            rf"|(?P<dw>{days})(?![{h}]))?"
            rf")"
            rf"(?P<local>\s?{local})?"
            rf"(?P<dapprox>{around})?(?![{h}])?"
            rf"(?:\s*(?P<ampm>{clock})?\s*(?P<h>\d{{1,2}}){u['hour']}(?!{not_after_hour})"
            rf"(?:\s*(?P<min>\d{{1,2}}){u['minute']}|\s*(?P<half>{u['half_hour']}))?"
            rf"(?P<tlocal>\s?{local})?(?P<tapprox>{around})?)?"
        )

    @cached_property
    def other_event_re(self) -> re.Pattern:
        return re.compile("|".join(self.context.get("other_event_cues", [])) or r"(?!)")

    @cached_property
    def bridge_re(self) -> re.Pattern:
        return re.compile("|".join(self.context.get("bridges", [])) or r"(?!)")

    @cached_property
    def reporting_re(self) -> re.Pattern:
        return re.compile(self.context.get("reporting", r"(?!)"))

    @cached_property
    def trigger_prefilter(self) -> re.Pattern:
        """Surface forms a sentence must contain for any key's trigger to be in it (cheap test
        before morphological analysis): a noun as is; a verb stem with any last syllable that
        begins with the same consonant (contracted endings: 만나 -> 만났)."""
        stems = set()
        for key in self.keys:
            stems.update(re.escape(noun) for noun in key.nouns)
            for verb in key.verbs:      # 만나 -> 만[나-닣]: 만나, 만났, 만난, 만날
                initial = (ord(verb[-1]) - 0xAC00) // 588
                first = chr(0xAC00 + initial * 588)
                stems.add(re.escape(verb[:-1]) + f"[{first}-{chr(ord(first) + 587)}]")
        worded = self.data.get("grammar") == "words"          # words in any case (Returned home)
        return re.compile("|".join(sorted(stems)) or r"(?!)", re.IGNORECASE if worded else 0)


def _first_of(letters: set[str]) -> str:
    """A lookahead for the letters a match can begin with (or a digit): it lets the engine pass
    over most positions of a sentence at once (about a fifth of the time find_expressions takes)."""
    return rf"(?=[\d{''.join(sorted(re.escape(c) for c in letters))}])"


def _merge(into: dict, data: dict) -> None:
    for name, value in data.items():
        if name in ("key", "languages"):
            continue
        if isinstance(value, dict) and isinstance(into.get(name), dict):
            _merge(into[name], value)
        elif isinstance(value, list) and isinstance(into.get(name), list):
            into[name] = into[name] + value
        else:
            into[name] = value


@lru_cache(maxsize=8)
def load_fact_rules(paths: tuple[str, ...] = DEFAULT_FACT_RULES_FILES) -> FactRules:
    rules = FactRules()
    for name in paths:
        path, data = read_rules_file(name)
        languages = file_languages(data, path)
        rules.languages = None if languages is None or rules.languages is None else rules.languages | languages
        # a file with numbers is read by its grammar (counters: Korean, the default; words: English)
        grammar = data.get("grammar") or ("counters" if "numbers" in data else None)
        if grammar and grammar != (current := rules.data.get("grammar", grammar)):
            raise ValueError(f"{path}: its grammar ({grammar}) is not that of the fact rules listed before it "
                             f"({current}): list one language's fact rules files")
        if grammar:
            rules.data["grammar"] = grammar
        _merge(rules.data, data)
        for entry in data.get("key", []):
            try:
                rules.keys.append(KeyRule(
                    name=entry["name"], value=entry["value"], triggers=tuple(entry.get("triggers", ())),
                    counters=tuple(entry.get("counters", ())), form=entry.get("form"),
                    subject=entry.get("subject"), event=bool(entry.get("event")), example=entry.get("example", ""),
                    label=entry.get("label", entry["name"]), unless_after=entry.get("unless_after")))
            except KeyError as exc:
                raise ValueError(f"{path}: [[key]] {entry.get('name')!r} lacks {exc}") from exc
    return rules


def language_groups(paths: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The files of each language's fact rules, in the order listed: a file that names languages
    begins (or joins) the group of those languages; one that names none extends the group before it."""
    groups: dict[frozenset | None, list[str]] = {}
    last = None
    for name in paths:
        path, data = read_rules_file(name)
        languages = file_languages(data, path)
        if languages is None and groups:
            groups[last].append(name)
            continue
        last = languages
        groups.setdefault(languages, []).append(name)
    return [tuple(files) for files in groups.values()]


def fact_rules_files(settings) -> tuple[str, ...]:
    return tuple(settings.getlist("NEWSBOT_FACT_RULES_FILES") or DEFAULT_FACT_RULES_FILES)


def fact_rules_from_settings(settings) -> FactRules:
    """The fact rules of the first language listed (what reads an undated page's stated day)."""
    return load_fact_rules(language_groups(fact_rules_files(settings))[0])
