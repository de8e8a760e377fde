"""Language rules loaded from data files (TOML): chrome lines, footers, captions, bylines, dates.

The rules describe a language's news pages; the code here only compiles and applies them. A file
names the languages it describes (``languages = ["ko"]``); its rules apply to pages in those
languages only (``Rules.for_language``), so Korean footers never cut a German article. A file
that names none applies to every page.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsbot.processors import numeric_date

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_RULES_FILES = ("newsbot/rules/ko.toml", "newsbot/rules/en.toml")
SECTIONS = ("chrome_line", "footer_start", "caption", "inline", "byline", "published", "modified", "publisher",
            "not_title", "deck_line")


@dataclass(frozen=True)
class Rule:
    what: str
    pattern: re.Pattern
    example: str
    replace: str | None = None
    languages: frozenset[str] | None = None      # None: every language


@dataclass
class Byline:
    names: list[str]
    publisher: str | None
    start: int
    end: int


@dataclass
class Rules:
    sections: dict[str, list[Rule]] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    #: [layout] tables: (the languages of their file, their values); see `layout`
    layouts: list[tuple[frozenset[str] | None, dict]] = field(default_factory=list)
    _by_language: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def layout(self) -> dict:
        """The [layout] values (how the language's pages are laid out), later files winning."""
        merged: dict = {}
        for _, values in self.layouts:
            merged.update(values)
        return merged

    def for_language(self, language: str | None) -> Rules:
        """The rules that describe pages in `language` (a code such as "ko"; None or "und" when
        unknown): those of the files that name it, and of the files that name no language."""
        language = (language or "und").lower()[:2]
        if language not in self._by_language:
            self._by_language[language] = Rules(
                {name: [r for r in rules if r.languages is None or language in r.languages]
                 for name, rules in self.sections.items()}, self.words,
                [(langs, values) for langs, values in self.layouts if langs is None or language in langs])
        return self._by_language[language]

    def _any(self, section: str, line: str) -> bool:
        return any(rule.pattern.search(line) for rule in self.sections.get(section, ()))

    def is_chrome(self, line: str) -> bool:
        return self._any("chrome_line", line)

    def is_footer_start(self, line: str) -> bool:
        return self._any("footer_start", line)

    def is_not_title(self, line: str) -> bool:
        """A navigation label or page chrome that a page may put where its headline goes."""
        return self._any("not_title", line) or self.is_chrome(line)

    def is_deck_line(self, line: str) -> bool:
        """A subtitle line opening the body (a deck), which normalize moves into subtitles."""
        return self._any("deck_line", line)

    def is_caption(self, line: str) -> bool:
        return self._any("caption", line)

    def apply_inline(self, line: str) -> str:
        for rule in self.sections.get("inline", ()):
            line = rule.pattern.sub(rule.replace or "", line)
        return line

    def find_byline(self, line: str) -> Byline | None:
        for rule in self.sections.get("byline", ()):
            m = rule.pattern.search(line)
            if m:
                groups = m.groupdict()
                names = [n for n in re.split(r"\s*[·,]\s*", groups.get("names") or "") if n]
                publisher = (groups.get("publisher") or "").strip() or None
                return Byline(names, publisher, m.start(), m.end())
        return None

    def _group(self, section: str, group: str, line: str) -> str | None:
        for rule in self.sections.get(section, ()):
            m = rule.pattern.search(line)
            if m and m.group(group):
                return m.group(group).strip()
        return None

    def find_published(self, line: str) -> str | None:
        """The date of a publication date line, a month's name written as its number (the
        language's month names: [layout] months)."""
        found = self._group("published", "date", line)
        return numeric_date(found, self.layout.get("months", ())) if found else None

    def find_modified(self, line: str) -> str | None:
        found = self._group("modified", "date", line)
        return numeric_date(found, self.layout.get("months", ())) if found else None

    def find_publisher(self, line: str) -> str | None:
        return self._group("publisher", "publisher", line)

    @property
    def job_titles(self) -> list[str]:
        return self.words.get("job_titles", [])


def resolve_path(path: str | Path) -> Path:
    """A rules file named in settings: absolute, relative to the working directory, or shipped."""
    path = Path(path)
    if path.is_absolute() or path.exists():
        return path
    shipped = PACKAGE_DIR.parent.parent / path      # relative to the project root
    if shipped.exists():
        return shipped
    return PACKAGE_DIR / path.name                   # installed package


def read_rules_file(name: str | Path) -> tuple[Path, dict]:
    """(where, parsed TOML) of a rules file; a shipped one is read as package data, so the rules
    load from a zipped egg too (a Scrapyd deployment)."""
    path = resolve_path(name)
    if path.exists():
        with open(path, "rb") as fh:
            return path, tomllib.load(fh)
    data = resources.files("newsbot.rules").joinpath(Path(name).name).read_bytes()
    return path, tomllib.loads(data.decode("utf-8"))


def _compile(section: str, entry: dict, source: Path, languages: frozenset[str] | None) -> Rule:
    try:
        pattern = re.compile(entry["pattern"], re.IGNORECASE)
    except (KeyError, re.error) as exc:
        raise ValueError(f"{source}: bad [[{section}]] rule {entry.get('what')!r}: {exc}") from exc
    return Rule(entry.get("what", ""), pattern, entry.get("example", ""), entry.get("replace"), languages)


def file_languages(data: dict, source: Path) -> frozenset[str] | None:
    """The languages a rules file says it describes; None when it names none (every language)."""
    languages = data.get("languages")
    if languages is None:
        return None
    if not isinstance(languages, list) or not all(isinstance(x, str) and x for x in languages):
        raise ValueError(f"{source}: 'languages' must be a list of language codes, such as [\"ko\"]")
    return frozenset(x.lower() for x in languages)


@lru_cache(maxsize=8)
def load_rules(paths: tuple[str, ...] = DEFAULT_RULES_FILES) -> Rules:
    """Compile the rules of every file, in order (later files add rules after earlier ones)."""
    rules = Rules()
    for name in paths:
        path, data = read_rules_file(name)
        languages = file_languages(data, path)
        for section in SECTIONS:
            compiled = [_compile(section, entry, path, languages) for entry in data.get(section, [])]
            rules.sections.setdefault(section, []).extend(compiled)
        if data.get("layout"):
            rules.layouts.append((languages, dict(data["layout"])))
        for key, words in data.get("words", {}).items():
            rules.words.setdefault(key, []).extend(words)
    return rules


def rules_from_settings(settings) -> Rules:
    return load_rules(tuple(settings.getlist("NEWSBOT_RULES_FILES") or DEFAULT_RULES_FILES))
