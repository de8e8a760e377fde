"""CSS selectors of the HTML conventions (rules/html.toml), run the cheap way.

A selector runs only when the page's source holds everything it needs (its tag names, classes,
ids and attribute values): one that cannot match costs nothing. The selectors that only test a
class for a substring (``[class*=caption]``, most of the conventions) are checked against the
class values the source writes (one regular expression over the source), and those that
survive share one walk over the tree: each substring a walk tests costs about a fifth of a
millisecond on a news page, the walk itself less. What is found is the same as running every
selector (tests/newsbot/extract/test_selectors.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cssselect
from lxml import etree
from lxml.cssselect import CSSSelector

_MATCHING_OPERATORS = ("=", "~=", "|=", "^=", "$=", "*=")
_CLASS_CONTAINS = re.compile(r"^descendant-or-self::\*\[@class and contains\(@class, '([^']*)'\)\]$")
# a class attribute's value (in the lower-cased source), quoted either way; a bare one with what
# follows it in its tag (more than its value: a selector may run for nothing, never the reverse)
_CLASS_VALUE = re.compile(rb"""class\s*=\s*["']?([^"'>]*)""")


def required_words(node) -> set[str]:
    """Lower-cased words (tag names, classes, ids, attribute names and values) that must all occur
    in a page's source for a parsed CSS selector to match anything in it."""
    words: set[str] = set()
    kind = type(node).__name__
    if kind == "CombinedSelector":
        return required_words(node.selector) | required_words(node.subselector)
    if kind == "Element":
        return {node.element.lower()} if node.element and node.element != "*" else set()
    if kind == "Class":
        words.add(node.class_name.lower())
    elif kind == "Hash":
        words.add(node.id.lower())
    elif kind == "Attrib":
        words.add(node.attrib.lower())
        if node.operator in _MATCHING_OPERATORS and node.value is not None:
            words.add(str(getattr(node.value, "value", node.value)).lower())
    # negations, pseudo-classes and functions require nothing more than what they qualify
    inner = getattr(node, "selector", None)
    return words | (required_words(inner) if inner is not None else set())


@dataclass(frozen=True)
class Compiled:
    path: str                        # the selector's XPath
    words: tuple[bytes, ...]         # required_words that can be looked up (ASCII), UTF-8
    class_part: str | None           # for a selector that only tests a class for a substring: it, as written ...
    class_key: bytes | None          # ... and lower-cased, as SourceWords looks it up


@lru_cache(maxsize=64)
def _parsed(selectors: tuple[str, ...]) -> tuple[Compiled, ...]:
    """Each selector this lxml can compile; the others are left out."""
    out = []
    for selector in selectors:
        try:
            path = CSSSelector(selector, translator="html").path
            words = set().union(*(required_words(p.parsed_tree) for p in cssselect.parse(selector)))
        except Exception:
            continue
        match = _CLASS_CONTAINS.match(path)
        part = match[1] if match and match[1].isascii() else None
        out.append(Compiled(path, tuple(sorted(w.encode() for w in words if w.isascii())),
                            part, part.lower().encode() if part is not None else None))
    return tuple(out)


@lru_cache(maxsize=256)
def _joined(paths: tuple[str, ...], class_parts: tuple[str, ...]) -> etree.XPath:
    """One XPath for these paths and one walk testing the class substrings."""
    tests = " or ".join(f"contains(@class, '{part}')" for part in class_parts)
    walk = (f"descendant-or-self::*[@class and ({tests})]",) if class_parts else ()
    return etree.XPath(" | ".join(paths + walk))


class SourceWords:
    """What a page's source holds, read once per page: its text with ASCII letters lower-cased
    (as UTF-8 bytes: a tenth of the cost of str.lower() on a Korean page), for the words a
    selector needs, and its class values, for the class substrings (compared lower-cased: a
    selector may run and find nothing, never the other way)."""

    def __init__(self, source: str):
        self.lowered = source.encode("utf-8", "surrogatepass").lower()
        self.classes = b"\n".join(_CLASS_VALUE.findall(self.lowered))

    def may_match(self, compiled: Compiled) -> bool:
        if compiled.class_key is not None:
            return compiled.class_key in self.classes
        return all(word in self.lowered for word in compiled.words)


def select(tree, selectors: list[str], source: SourceWords | None = None) -> list:
    """Elements matching any of the selectors, in document order. Given the page's SourceWords,
    selectors that cannot match its source are not run."""
    usable = [c for c in _parsed(tuple(selectors)) if source is None or source.may_match(c)]
    if not usable:
        return []
    return _joined(tuple(c.path for c in usable if c.class_part is None),
                   tuple(c.class_part for c in usable if c.class_part is not None))(tree)
