"""Extraction: a pure function of (bytes, url, headers) -> Extraction.

No Scrapy objects go in or come out, so it can run in a worker process or from a notebook::

    from newsbot.extract import extract
    page = extract(open("page.html", "rb").read(), "https://example.com/a/1")
"""

from __future__ import annotations

from newsbot.extract.common import Extraction, guess_language
from newsbot.extract.decode import MAX_UNPACKED, UnreadableInput, decode, is_html, looks_binary, unwrap
from newsbot.extract.html import extract_html, is_markup_poor, parse, visible_lines
from newsbot.extract.text import extract_text
from newsbot.rules import DEFAULT_RULES_FILES, Rules, load_rules

__all__ = ["MAX_UNPACKED", "Extraction", "UnreadableInput", "extract"]

#: More characters than this share that decode to U+FFFD: the page is not text in any encoding.
MAX_REPLACED_SHARE = 0.05


def extract(body: bytes, url: str = "", headers: dict | None = None, rules: Rules | None = None,
            max_size: int = MAX_UNPACKED) -> Extraction:
    """Extract one page. Raises UnreadableInput (with a ``reason``) for what is not a text page."""
    rules = rules or load_rules(DEFAULT_RULES_FILES)
    content_type = (headers or {}).get("Content-Type") or (headers or {}).get("content-type")
    body = unwrap(body, max_size)
    if not body.strip():
        raise UnreadableInput("empty_file", "the page is empty")
    if looks_binary(body):
        raise UnreadableInput("binary", "the page is binary data, not text")
    text, encoding = decode(body, content_type)
    replaced = text.count("\ufffd")
    if replaced > MAX_REPLACED_SHARE * len(text):
        raise UnreadableInput("undecodable", f"{replaced} of {len(text)} characters are not valid {encoding}")
    if is_html(text, url, content_type):
        tree = parse(text)
        if is_markup_poor(tree):
            lines = visible_lines(tree)
            out = extract_text(lines, rules.for_language(guess_language(lines)))
            out.kind = "html"
            if not out.title:
                out.title = (tree.findtext(".//title") or "").strip() or None
        else:
            out = extract_html(tree, url, text, rules)
    else:
        out = extract_text(text, rules.for_language(guess_language(text)))
    out.encoding = encoding
    out.language = page_language(out.language, "\n".join(out.paragraphs) or (out.title or ""))
    return out


def page_language(declared: str | None, text: str) -> str | None:
    """The page's language: what its text is written in when that can be told (Hangul; a Latin
    text long enough to identify: a German blog on a template that says lang="en"), else what
    the page declares, else the guess from its short text."""
    if declared is None or declared == "ko":
        return guess_language(text) or declared
    return guess_language(text, latin_default=None) or declared
