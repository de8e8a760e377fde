"""trafilatura, read in two ways, and the cheap signals that choose between them.

The cheap pass: precision first, without the readability and jusText fallbacks (fast), on a tree
with what trafilatura's cleaning deletes anyway already deleted (its XPath passes then walk a
smaller tree): about half the time of trafilatura's own defaults. The full pass: trafilatura's
defaults (balanced, with its fallbacks) on the untouched page. Every page gets the cheap pass;
the full pass runs only when needs_full_pass says the cheap one missed the article (README,
Evaluation, measures what each costs and gains). Neither reads trafilatura's metadata or comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import trafilatura
from lxml import etree
from trafilatura import settings as trafilatura_settings
from trafilatura.settings import Extractor
from trafilatura.xml import xmltotxt

from newsbot.extract.common import nonblank_lines

TRAFILATURA_OPTIONS = {
    "with_metadata": False, "include_comments": False, "include_tables": True,
    "include_images": False, "include_links": True, "deduplicate": False,
}
CHEAP_PASS = {"fast": True, "favor_precision": True}
FULL_PASS = {"fast": False, "favor_precision": False}
# What trafilatura's cleaning deletes anyway (its MANUALLY_CLEANED list), deleted before the
# cheap pass, once the page's metadata has been read. Not the elements it treats case by case
# (forms, tables, figures and images, formulas). Most pages come out the same; the few that
# keep their article in <nav> or <noscript> are what the full pass is for.
PRECLEANED = tuple(tag for tag in trafilatura_settings.MANUALLY_CLEANED
                   if tag not in ("form", "math", "figure", "picture", "source", "table", "td", "th", "tr"))

#: needs_full_pass: a cheap body under FULL_PASS_BELOW characters (unless the page's language
#: rules say otherwise: [layout] full_pass_below), or under FULL_PASS_SHARE of the page's running
#: text (running_text_chars).
FULL_PASS_BELOW, FULL_PASS_SHARE, MIN_RUNNING_TEXT = 500, 0.3, 60


@dataclass
class Body:
    lines: list[str]
    navigation_share: float                 # share of the text in link blocks

    @property
    def chars(self) -> int:
        return sum(len(line) for line in self.lines)


_SPACE_RUN = re.compile(r"\s+")
#: trafilatura's output elements that hold a line of text
_TEXT_BLOCKS = ("p", "head", "item", "cell", "quote", "code")


def _chars(texts) -> int:
    return len(_SPACE_RUN.sub("", "".join(texts)))


def navigation_share(body) -> float:
    """The share of a trafilatura body's text that sits in link blocks: blocks (paragraphs, list
    items, cells) whose text is mostly a link, as a menu, a list of headlines or a tag cloud is.
    Links inside running text (a name linked to a profile, a source cited in a sentence) are
    not navigation, however many there are."""
    total = linked = 0
    for block in body.iter(*_TEXT_BLOCKS):
        if any(child.tag in _TEXT_BLOCKS for child in block.iterdescendants()):
            continue
        chars = _chars(block.itertext())
        in_links = sum(_chars(ref.itertext()) for ref in block.iter("ref"))
        total += chars
        if in_links * 2 > chars:
            linked += in_links
    return linked / total if total else 0.0


@lru_cache(maxsize=None)
def pass_settings(fast: bool, favor_precision: bool) -> Extractor:
    """trafilatura's settings for a pass (TRAFILATURA_OPTIONS and the pass's own), as
    bare_extraction makes them from the same arguments; made once, where bare_extraction makes
    them anew at each call from its configuration file (2% of a worker's time). trafilatura
    changes only copies of them."""
    o = TRAFILATURA_OPTIONS
    return Extractor(output_format="python", fast=fast, precision=favor_precision, comments=o["include_comments"],
                     links=o["include_links"], images=o["include_images"], tables=o["include_tables"],
                     dedup=o["deduplicate"], with_metadata=o["with_metadata"])


def trafilatura_body(tree, options: dict, preclean: bool) -> Body:
    """The body trafilatura finds, and the share of it in link blocks; `options`: CHEAP_PASS or
    FULL_PASS. trafilatura changes the tree. It is given no URL: it would only resolve the links'
    targets, which are not kept (a twelfth of its time on link-heavy pages)."""
    if preclean:
        for el in list(tree.iter(*PRECLEANED)):
            if el.getparent() is not None:
                el.drop_tree()
    doc = trafilatura.bare_extraction(tree, options=pass_settings(options["fast"], options["favor_precision"]))
    if doc is None or doc.body is None:
        return Body([], 0.0)
    body = doc.body
    density = navigation_share(body)
    etree.strip_tags(body, "ref")
    text = xmltotxt(body, include_formatting=False) or ""
    return Body(nonblank_lines(text), density)


_LONG_TEXTS = etree.XPath("//body//text()[string-length(normalize-space()) >= $least]"
                         "[not(ancestor::script or ancestor::style)]")


def running_text_chars(tree) -> int:
    """Characters of running text in the page's markup: its text nodes of MIN_RUNNING_TEXT
    characters or more, wherever they sit (paragraphs, bare <div>s, <noscript> copies of a page
    rendered by script). Counted before any pass, for needs_full_pass; one XPath, a millisecond."""
    return sum(len(text.strip()) for text in _LONG_TEXTS(tree, least=MIN_RUNNING_TEXT))


def needs_full_pass(cheap: Body, page_chars: int, below: int = FULL_PASS_BELOW) -> str | None:
    """Why the cheap pass's body cannot be trusted (the full pass runs), or None. Signals that cost
    nothing: a body too short to be a whole article (under `below` characters), or one that holds
    little of the running text the page's markup has (the cheap pass kept a notice, a blurb or one
    block of several)."""
    if cheap.chars < below:
        return "short"
    if cheap.chars < FULL_PASS_SHARE * page_chars:
        return "partial"
    return None
