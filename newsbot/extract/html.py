"""HTML pages: the body through trafilatura; metadata from JSON-LD, <meta> tags and embedded
payloads first (they are exact), trafilatura's guesses last; embedded payloads as the body of
last resort (Next.js pages render their article from script data)."""

from __future__ import annotations

import re
from copy import deepcopy
from functools import cached_property, lru_cache

import cssselect
import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree
from lxml.cssselect import CSSSelector
from trafilatura import metadata as trafilatura_metadata
from trafilatura import settings as trafilatura_settings
from trafilatura.settings import set_date_params
from trafilatura.xml import xmltotxt

from newsbot.extract import structured as sd
from newsbot.extract.common import Extraction, strip_site_suffix

# trafilatura without its readability and jusText fallbacks (fast) and without its metadata pass
# (see Guesses), in precision mode first (it skips the recall retry trafilatura makes on short
# articles): half the time a page, and the evaluation pages score the same (README, Evaluation).
# A page where precision finds less than RECALL_BELOW characters is read again in trafilatura's
# balanced mode, and the longer body kept: short pages and listings are judged on what it finds.
TRAFILATURA_OPTIONS = {
    "fast": True, "with_metadata": False, "include_comments": False, "include_tables": True,
    "include_images": False, "include_links": True, "deduplicate": False,
}
RECALL_BELOW = 200
# What trafilatura's cleaning deletes anyway (its MANUALLY_CLEANED list), deleted before it runs,
# once the page's metadata has been read: its many XPath passes then walk a smaller tree (a
# sixth less time, the same output). Not the elements it treats case by case: forms, tables,
# figures and images, formulas.
PRECLEANED = tuple(tag for tag in trafilatura_settings.MANUALLY_CLEANED
                   if tag not in ("form", "math", "figure", "picture", "source", "table", "td", "th", "tr"))

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")


def parse(text: str):
    return lxml.html.fromstring(_XML_DECL.sub("", text) or "<html></html>")


def _visible_text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content() or "").strip()


_MATCHING_OPERATORS = ("=", "~=", "|=", "^=", "$=", "*=")


def _required_words(node) -> set[str]:
    """Lower-cased words (tag names, classes, ids, attribute names and values) that must all occur
    in a page's source for a parsed CSS selector to match anything in it."""
    words: set[str] = set()
    kind = type(node).__name__
    if kind == "CombinedSelector":
        return _required_words(node.selector) | _required_words(node.subselector)
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
    return words | (_required_words(inner) if inner is not None else set())


@lru_cache(maxsize=64)
def _parsed(selectors: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """(selector, required words) for each selector this lxml can compile; the others are left out."""
    out = []
    for selector in selectors:
        try:
            CSSSelector(selector, translator="html")
            words = frozenset().union(*(_required_words(p.parsed_tree) for p in cssselect.parse(selector)))
        except Exception:
            continue
        out.append((selector, words))
    return tuple(out)


_CLASS_CONTAINS = re.compile(r"^descendant-or-self::\*\[@class and (contains\(@class, '[^']*'\))\]$")


@lru_cache(maxsize=256)
def _compiled(selectors: tuple[str, ...]) -> etree.XPath:
    """The selectors compiled into one XPath; those that only test for a class substring
    (``[class*=caption]``) share one walk over the tree instead of one each."""
    paths, tests = [], []
    for selector in selectors:
        path = CSSSelector(selector, translator="html").path
        match = _CLASS_CONTAINS.match(path)
        if match:
            tests.append(match[1])
        else:
            paths.append(path)
    if tests:
        paths.append(f"descendant-or-self::*[@class and ({' or '.join(tests)})]")
    return etree.XPath(" | ".join(paths))


def _select(tree, selectors: list[str], source: str | None = None) -> list:
    """Elements matching any of the selectors, in document order. Given the page's lower-cased
    source, selectors whose words do not all occur in it are not run (they cannot match)."""
    usable = tuple(sel for sel, words in _parsed(tuple(selectors))
                   if source is None or all(word in source for word in words))
    return _compiled(usable)(tree) if usable else []


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


class Guesses:
    """trafilatura's guesses at a page's title, author, site name and date, each made when first
    asked for, the way its own metadata pass makes them. The page's structured data usually
    answers first; the whole pass (date search, category, tag and license scans) would cost a
    fifth of a page's extraction time. Ask before the tree goes to trafilatura, which changes it."""

    def __init__(self, tree, url: str):
        self._tree, self._url = tree, url

    @cached_property
    def _meta(self):
        doc = trafilatura_metadata.examine_meta(self._tree)
        if doc.author and " " not in doc.author:
            doc.author = None
        try:
            doc = trafilatura_metadata.extract_meta_json(self._tree, doc)
        except Exception:        # trafilatura's JSON-LD reading has its bugs; our own reading came first
            pass
        return doc

    @cached_property
    def title(self) -> str | None:
        return self._meta.title or trafilatura_metadata.extract_title(self._tree)

    @cached_property
    def author(self) -> str | None:
        return self._meta.author or trafilatura_metadata.extract_author(self._tree)

    @cached_property
    def sitename(self) -> str | None:
        name = self._meta.sitename or trafilatura_metadata.extract_sitename(self._tree)
        return name.lstrip("@").strip() or None if name else None

    @cached_property
    def date(self) -> str | None:
        return find_date(self._tree, **{**set_date_params(True), "url": self._url or None})


def _trafilatura(tree, precision: bool) -> tuple[list[str], float]:
    """Body lines and the link density of the main content. trafilatura changes the tree. It is
    given no URL: it would only resolve the links' targets, which are not kept (a twelfth of its
    time on link-heavy pages)."""
    for el in list(tree.iter(*PRECLEANED)):
        if el.getparent() is not None:
            el.drop_tree()
    doc = trafilatura.bare_extraction(tree, favor_precision=precision, **TRAFILATURA_OPTIONS)
    if doc is None or doc.body is None:
        return [], 0.0
    body = doc.body
    total = len(re.sub(r"\s+", "", "".join(body.itertext())))
    linked = sum(len(re.sub(r"\s+", "", "".join(ref.itertext()))) for ref in body.iter("ref"))
    etree.strip_tags(body, "ref")
    text = xmltotxt(body, include_formatting=False) or ""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return lines, (linked / total if total else 0.0)


def _language(tree, meta, ld) -> str | None:
    """The language the page declares (lang attribute, JSON-LD, og:locale); None if it declares none."""
    for value in (tree.get("lang"), ld.get("inLanguage") if ld else None, sd.first_meta(meta, ["og:locale", "content-language"])):
        if isinstance(value, str) and re.match(r"^[a-zA-Z]{2}", value.strip()):
            return value.strip()[:2].lower()
    return None


def extract_html(tree, url: str, source: str | None = None) -> Extraction:
    """An HTML page (parsed with parse(); `source`, its text, lets selectors that cannot match be
    skipped) -> Extraction. The tree is read first and then given to trafilatura, which changes it."""
    conv = sd.html_conventions()
    for junk in tree.xpath("//noscript"):
        junk.drop_tree()
    spare = deepcopy(tree) if source is None else None      # for a second trafilatura pass
    meta = sd.meta_tags(tree)
    ld_objects = sd.json_ld(tree)
    ld = sd.ld_article(ld_objects) or {}
    payload = sd.script_payload(tree)
    payload.documents.extend(ld_objects)
    guesses = Guesses(tree, url)
    out = Extraction(kind="html")

    # captions: figure captions in the DOM; they never count as body paragraphs
    lowered = source.lower() if source is not None else None
    out.captions = [text for el in _select(tree, conv["selectors"]["caption"], lowered) if (text := _visible_text(el))]
    embedded = sd.find_article_object(payload, conv["embedded"]["body"])
    article_obj = embedded[0] if embedded else {}

    # site names, for stripping title suffixes and telling outlets from authors
    publisher = (next(iter(sd.ld_names(ld.get("publisher"))), None) if ld else None) \
        or sd.first_meta(meta, conv["meta"]["publisher"]) or guesses.sitename
    if publisher and publisher.startswith("@"):
        publisher = None
    out.publisher = publisher
    site_names = [n for n in (publisher, guesses.sitename) if n]

    # title
    candidates = [ld.get("headline"), sd.first_meta(meta, ["headline"]),
                  sd.object_value(article_obj, conv["embedded"]["title"], payload) if article_obj else None,
                  sd.first_meta(meta, ["og:title", "twitter:title"])]
    title = next((c for c in candidates if isinstance(c, str) and c.strip()), None)
    if title is None:
        h1 = tree.xpath("//h1")
        title = guesses.title or (_visible_text(h1[0]) if h1 else None)
    out.title = strip_site_suffix(title, site_names) if title and title.strip() else None

    # subtitles
    subtitle = sd.object_value(article_obj, conv["embedded"]["subtitle"], payload) if article_obj else None
    if isinstance(subtitle, str):
        out.subtitles = [s.strip() for s in _BR.split(subtitle) if s.strip()]
    else:
        for el in _select(tree, conv["selectors"]["subtitle"], lowered)[:1]:
            out.subtitles = text_lines(el)

    # dates
    out.published = (ld.get("datePublished") or sd.first_meta(meta, conv["meta"]["published"])
                     or (sd.object_value(article_obj, conv["embedded"]["published"], payload) if article_obj else None))
    out.modified = (ld.get("dateModified") or sd.first_meta(meta, conv["meta"]["modified"])
                    or (sd.object_value(article_obj, conv["embedded"]["modified"], payload) if article_obj else None))
    out.date_hint = None if out.published else guesses.date

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
    if not authors and guesses.author:
        authors = guesses.author.split(";")
    out.authors = authors

    # canonical URL and language
    canonical = tree.xpath('//link[@rel="canonical"]/@href') or meta.get("og:url") or []
    out.canonical_url = canonical[0].strip() if canonical else None
    out.language = _language(tree, meta, ld)
    out.article_markup = bool(ld) or (sd.first_meta(meta, ["og:type"]) or "").lower() == "article" \
        or bool(sd.first_meta(meta, conv["meta"]["published"]))

    # body: trafilatura, or the embedded article object when the DOM gives none
    lines, out.link_density = _trafilatura(tree, precision=True)
    body_chars = sum(len(line) for line in lines)
    if body_chars < RECALL_BELOW:
        if spare is None:
            spare = parse(source)
            for junk in spare.xpath("//noscript"):
                junk.drop_tree()
        recall = _trafilatura(spare, precision=False)
        if sum(len(line) for line in recall[0]) > body_chars:
            lines, out.link_density = recall
            body_chars = sum(len(line) for line in lines)
    if embedded and body_chars < 200 and len(embedded[1]) > body_chars:
        paragraphs, captions = fragment_paragraphs(embedded[1])
        lines, out.body_source = paragraphs, "embedded"
        out.captions.extend(captions)
    else:
        out.body_source = "trafilatura"
    out.paragraphs = lines
    return out
