"""Language rules loaded from data files (TOML): chrome lines, footers, captions, bylines, dates.

The rules describe a language's news pages; the code here only compiles and applies them.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_RULES_FILES = ("newsbot/rules/ko.toml",)
SECTIONS = ("chrome_line", "footer_start", "caption", "inline", "byline", "published", "modified", "publisher")


@dataclass(frozen=True)
class Rule:
    what: str
    pattern: re.Pattern
    example: str
    replace: str | None = None


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

    def _any(self, section: str, line: str) -> bool:
        return any(rule.pattern.search(line) for rule in self.sections.get(section, ()))

    def is_chrome(self, line: str) -> bool:
        return self._any("chrome_line", line)

    def is_footer_start(self, line: str) -> bool:
        return self._any("footer_start", line)

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
        return self._group("published", "date", line)

    def find_modified(self, line: str) -> str | None:
        return self._group("modified", "date", line)

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


def _compile(section: str, entry: dict, source: Path) -> Rule:
    try:
        pattern = re.compile(entry["pattern"], re.IGNORECASE)
    except (KeyError, re.error) as exc:
        raise ValueError(f"{source}: bad [[{section}]] rule {entry.get('what')!r}: {exc}") from exc
    return Rule(entry.get("what", ""), pattern, entry.get("example", ""), entry.get("replace"))


@lru_cache(maxsize=8)
def load_rules(paths: tuple[str, ...] = DEFAULT_RULES_FILES) -> Rules:
    """Compile the rules of every file, in order (later files add rules after earlier ones)."""
    rules = Rules()
    for name in paths:
        path, data = read_rules_file(name)
        for section in SECTIONS:
            compiled = [_compile(section, entry, path) for entry in data.get(section, [])]
            rules.sections.setdefault(section, []).extend(compiled)
        for key, words in data.get("words", {}).items():
            rules.words.setdefault(key, []).extend(words)
    return rules


def rules_from_settings(settings) -> Rules:
    return load_rules(tuple(settings.getlist("NEWSBOT_RULES_FILES") or DEFAULT_RULES_FILES))
