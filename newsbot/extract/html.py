"""HTML pages: the body through trafilatura; metadata from JSON-LD, <meta> tags and embedded
payloads first (they are exact), trafilatura's guesses last; embedded payloads as the body of
last resort (Next.js pages render their article from script data)."""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache

import lxml.html
import trafilatura
from lxml import etree
from lxml.cssselect import CSSSelector
from trafilatura.xml import xmltotxt

from newsbot.extract import structured as sd
from newsbot.extract.common import Extraction, strip_site_suffix

# trafilatura without its readability and jusText fallbacks: a third less time a page, and the
# evaluation pages score the same (README, Evaluation)
FAST = True

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")


def parse(text: str):
    return lxml.html.fromstring(_XML_DECL.sub("", text) or "<html></html>")


def _visible_text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content() or "").strip()


@lru_cache(maxsize=64)
def _compiled(selectors: tuple[str, ...]):
    """The selectors compiled once into one (a single pass over the tree); those this lxml cannot
    compile are left out."""
    valid = []
    for selector in selectors:
        try:
            CSSSelector(selector, translator="html")
            valid.append(selector)
        except Exception:
            continue
    return CSSSelector(", ".join(valid), translator="html") if valid else None


def _select(tree, selectors: list[str]) -> list:
    """Elements matching any of the selectors, in document order."""
    compiled = _compiled(tuple(selectors))
    return compiled(tree) if compiled is not None else []


_LINE_ENDS = re.compile(r"(?i)<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote|pre)>")


def text_lines(el) -> list[str]:
    """An element's text as lines, broken at <br> and at the end of each block; blank lines dropped."""
    html = _LINE_ENDS.sub("\n", etree.tostring(el, encoding="unicode", method="html"))
    return [line.strip() for line in lxml.html.fromstring(html).text_content().split("\n") if line.strip()]


def fragment_paragraphs(html: str) -> tuple[list[str], list[str]]:
    """(paragraphs, captions) of an HTML fragment such as an embedded ``contentHtml``."""
    if "<" not in html:
        return [line.strip() for line in html.split("\n") if line.strip()], []
    root = lxml.html.fragment_fromstring(_BR.sub("\n", html), create_parent="div")
    captions = []
    for el in _select(root, sd.html_conventions()["selectors"]["caption"]):
        if el.getparent() is not None:
            text = _visible_text(el)
            if text:
                captions.append(text)
            el.drop_tree()
    for el in root.xpath(".//script|.//style|.//img|.//figure[not(normalize-space())]"):
        el.drop_tree()
    paragraphs = []
    for el in root.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in el.iterdescendants()):
            continue
        paragraphs.extend(line.strip() for line in el.text_content().split("\n") if line.strip())
    if not paragraphs:
        paragraphs = [line.strip() for line in root.text_content().split("\n") if line.strip()]
    return paragraphs, captions


_SEMANTIC = ("nav", "header", "footer", "aside", "article", "main", "section", "figure", "figcaption", "form", "table")


def is_markup_poor(tree) -> bool:
    """A page with no structure to read: no classes, ids, semantic elements or structured data,
    only text in paragraphs or line breaks (a text dump wrapped in HTML). Markup-based extraction
    has nothing to go on there; the text rules do."""
    body = tree.find("body")
    if body is None:
        return False
    if tree.xpath('//script[contains(@type, "ld+json")]') or tree.xpath("//meta[@property]"):
        return False
    return not any(el.get("class") or el.get("id") or el.tag in _SEMANTIC
                   for el in body.iter() if isinstance(el.tag, str))


def visible_lines(tree) -> str:
    """The page's visible text, one block or <br>-separated line a line."""
    return "\n".join(text_lines(tree.find("body")))


def _trafilatura(tree, url: str):
    """Body lines, link density of the main content, and trafilatura's metadata guesses."""
    doc = trafilatura.bare_extraction(
        deepcopy(tree), url=url or None, with_metadata=True, include_comments=False, fast=FAST,
        include_tables=True, include_images=False, include_links=True, deduplicate=False,
    )
    if doc is None or doc.body is None:
        return [], 0.0, doc
    body = doc.body
    total = len(re.sub(r"\s+", "", "".join(body.itertext())))
    linked = sum(len(re.sub(r"\s+", "", "".join(ref.itertext()))) for ref in body.iter("ref"))
    etree.strip_tags(body, "ref")
    text = xmltotxt(body, include_formatting=False) or ""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return lines, (linked / total if total else 0.0), doc


def _language(tree, meta, ld) -> str | None:
    """The language the page declares (lang attribute, JSON-LD, og:locale); None if it declares none."""
    for value in (tree.get("lang"), ld.get("inLanguage") if ld else None, sd.first_meta(meta, ["og:locale", "content-language"])):
        if isinstance(value, str) and re.match(r"^[a-zA-Z]{2}", value.strip()):
            return value.strip()[:2].lower()
    return None


def extract_html(tree, url: str) -> Extraction:
    """An HTML page (parsed with parse()) -> Extraction."""
    conv = sd.html_conventions()
    for junk in tree.xpath("//noscript"):
        junk.drop_tree()
    meta = sd.meta_tags(tree)
    ld_objects = sd.json_ld(tree)
    ld = sd.ld_article(ld_objects) or {}
    payload = sd.script_payload(tree)
    payload.documents.extend(ld_objects)

    lines, link_density, doc = _trafilatura(tree, url)
    out = Extraction(kind="html", link_density=link_density)

    # captions: figure captions in the DOM; they never count as body paragraphs
    out.captions = [text for el in _select(tree, conv["selectors"]["caption"]) if (text := _visible_text(el))]

    # body: trafilatura, or the embedded article object when the DOM gives none
    embedded = sd.find_article_object(payload, conv["embedded"]["body"])
    body_chars = sum(len(line) for line in lines)
    if embedded and body_chars < 200 and len(embedded[1]) > body_chars:
        paragraphs, captions = fragment_paragraphs(embedded[1])
        lines, out.body_source = paragraphs, "embedded"
        out.captions.extend(captions)
    else:
        out.body_source = "trafilatura"
    out.paragraphs = lines
    article_obj = embedded[0] if embedded else {}

    # site names, for stripping title suffixes and telling outlets from authors
    publisher = (next(iter(sd.ld_names(ld.get("publisher"))), None) if ld else None) \
        or sd.first_meta(meta, conv["meta"]["publisher"]) or (doc.sitename if doc else None)
    if publisher and publisher.startswith("@"):
        publisher = None
    out.publisher = publisher
    site_names = [n for n in (publisher, doc.sitename if doc else None) if n]

    # title
    candidates = [ld.get("headline"), sd.first_meta(meta, ["headline"]),
                  sd.object_value(article_obj, conv["embedded"]["title"], payload) if article_obj else None,
                  sd.first_meta(meta, ["og:title", "twitter:title"]), doc.title if doc else None]
    h1 = tree.xpath("//h1")
    candidates.append(_visible_text(h1[0]) if h1 else None)
    out.title = next((strip_site_suffix(c, site_names) for c in candidates if isinstance(c, str) and c.strip()), None)

    # subtitles
    subtitle = sd.object_value(article_obj, conv["embedded"]["subtitle"], payload) if article_obj else None
    if isinstance(subtitle, str):
        out.subtitles = [s.strip() for s in _BR.split(subtitle) if s.strip()]
    else:
        for el in _select(tree, conv["selectors"]["subtitle"])[:1]:
            out.subtitles = text_lines(el)

    # dates
    out.published = (ld.get("datePublished") or sd.first_meta(meta, conv["meta"]["published"])
                     or (sd.object_value(article_obj, conv["embedded"]["published"], payload) if article_obj else None))
    out.modified = (ld.get("dateModified") or sd.first_meta(meta, conv["meta"]["modified"])
                    or (sd.object_value(article_obj, conv["embedded"]["modified"], payload) if article_obj else None))
    out.date_hint = doc.date if doc else None

    # authors
    authors = sd.ld_names(ld.get("author")) if ld else []
    if not authors and article_obj:
        value = sd.object_value(article_obj, conv["embedded"]["authors"], payload)
        if isinstance(value, str):
            authors = [value]
        elif isinstance(value, list):
            for entry in value:
                if isinstance(entry, dict):
                    name = sd.object_value(entry, conv["embedded"]["author_name"])
                    authors += [name] if isinstance(name, str) else []
                elif isinstance(entry, str):
                    authors.append(entry)
    if not authors:
        authors = [a for name in conv["meta"]["authors"] for a in meta.get(name, [])]
    if not authors and doc and doc.author:
        authors = doc.author.split(";")
    out.authors = authors

    # canonical URL and language
    canonical = tree.xpath('//link[@rel="canonical"]/@href') or meta.get("og:url") or []
    out.canonical_url = canonical[0].strip() if canonical else None
    out.language = _language(tree, meta, ld)
    out.article_markup = bool(ld) or (sd.first_meta(meta, ["og:type"]) or "").lower() == "article" \
        or bool(sd.first_meta(meta, conv["meta"]["published"]))
    return out
