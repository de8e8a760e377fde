"""HTML pages: the body through trafilatura (newsbot.extract.passes); metadata from JSON-LD, <meta>
tags and embedded payloads first (they are exact), trafilatura's guesses last; the title among
the page's candidates (titles), the date from what the page states (dates); embedded payloads as
the body of last resort (Next.js pages render their article from script data)."""

from __future__ import annotations

import re
from copy import deepcopy
from functools import cached_property

import lxml.html
from lxml import etree
from trafilatura import metadata as trafilatura_metadata
from trafilatura.utils import load_html

from newsbot.extract import dates
from newsbot.extract import structured as sd
from newsbot.extract.common import Extraction, guess_language, nonblank_lines, visible_text
from newsbot.extract.passes import (CHEAP_PASS, FULL_PASS, FULL_PASS_BELOW, needs_full_pass, running_text_chars,
                                    trafilatura_body)
from newsbot.extract.selectors import SourceWords, select
from newsbot.extract.titles import STYLE_RULE, choose_title
from newsbot.rules import Rules, load_rules

#: A caption or a deck is a few lines; an element a caption or subtitle selector matches that
#: holds more is a container (a wrapper whose class happens to contain "caption" or "dek").
MAX_CAPTION_CHARS = 400
MAX_DECK_LINES, MAX_DECK_CHARS = 8, 600
#: the page's <h1> and <h2> headings read as title candidates
MAX_HEADINGS = 12

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_URL = re.compile(r"^\s*(?:https?:)?//", re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")


_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup is Python code run each time an
# element is touched (hundreds of thousands of times a page in trafilatura's passes, about a
# twentieth of the extraction's time) to give forms and inputs their own classes, which nothing
# here uses.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


def parse(text: str):
    """The page's tree, parsed the way trafilatura parses (comments and processing instructions
    dropped: a comment inside the article would otherwise make its extraction find nothing); a
    page lxml reads as empty goes through trafilatura's own loader, which repairs what it can."""
    text = _XML_DECL.sub("", text)
    try:
        tree = lxml.html.document_fromstring(text, parser=_PARSER) if text.strip() else None
    except (ValueError, etree.ParserError):
        tree = None
    if tree is None or len(tree) < 1:
        tree = load_html(text) if text.strip() else None
    return tree if tree is not None else lxml.html.fromstring("<html></html>")


_LINE_ENDS = re.compile(r"(?i)<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote|pre)>")


def text_lines(el) -> list[str]:
    """An element's text as lines, broken at <br> and at the end of each block; blank lines dropped."""
    html = _LINE_ENDS.sub("\n", etree.tostring(el, encoding="unicode", method="html"))
    return nonblank_lines(lxml.html.fromstring(html).text_content())


def fragment_paragraphs(html: str) -> tuple[list[str], list[str]]:
    """(paragraphs, captions) of an HTML fragment such as an embedded ``contentHtml``."""
    if "<" not in html:
        return nonblank_lines(html), []
    root = lxml.html.fragment_fromstring(_BR.sub("\n", html), create_parent="div")
    captions = []
    for el in select(root, sd.html_conventions()["selectors"]["caption"]):
        if el.getparent() is not None:
            text = visible_text(el)
            if text:
                captions.append(text)
            el.drop_tree()
    for el in root.xpath(".//script|.//style|.//img|.//figure[not(normalize-space())]"):
        el.drop_tree()
    paragraphs = []
    for el in root.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in el.iterdescendants()):
            continue
        paragraphs.extend(nonblank_lines(el.text_content()))
    if not paragraphs:
        paragraphs = nonblank_lines(root.text_content())
    return paragraphs, captions


def _first_text(values) -> str | None:
    return next((v for v in values if isinstance(v, str) and v.strip()), None)


def search_query(tree, title: str) -> str | None:
    """The words a search results page was asked for: a visible search box filled in with
    words the page's <title> text repeats ("페이히어" in "페이히어 : 네이버 뉴스검색")."""
    for el in tree.iter("input"):
        value = (el.get("value") or "").strip()
        if (el.get("type") or "text").lower() in ("text", "search") and len(value) >= 2 and value in title:
            return value
    return None


def deck_is_body(subtitles: list[str], paragraphs: list[str]) -> bool:
    """Subtitle lines that make up most of the body's characters: what a subtitle selector matched
    holds the article itself (a short article inside a deck-like element), not its deck."""
    deck = set(subtitles)
    return 2 * sum(len(p) for p in paragraphs if p in deck) > sum(map(len, paragraphs))


def reads_as_deck(lines: list[str]) -> bool:
    """Lines that can be an article's subtitle (deck): a few short lines, not a style sheet."""
    return 0 < len(lines) <= MAX_DECK_LINES and sum(map(len, lines)) <= MAX_DECK_CHARS \
        and not any(STYLE_RULE.search(line) for line in lines)


_SEMANTIC = ("nav", "header", "footer", "aside", "article", "main", "section", "figure", "figcaption", "form", "table")
_HAS_STRUCTURE = etree.XPath("boolean(descendant-or-self::*[@class != '' or @id != '' or "
                             + " or ".join(f"self::{tag}" for tag in _SEMANTIC) + "])")


def is_markup_poor(tree) -> bool:
    """A page with no structure to read: no classes, ids, semantic elements or structured data,
    only text in paragraphs or line breaks (a text dump wrapped in HTML). Markup-based extraction
    has nothing to go on there; the text rules do."""
    body = tree.find("body")
    if body is None:
        return False
    if tree.xpath('//script[contains(@type, "ld+json")]') or tree.xpath("//meta[@property]"):
        return False
    return not _HAS_STRUCTURE(body)


def visible_lines(tree) -> str:
    """The page's visible text, one block or <br>-separated line a line."""
    return "\n".join(text_lines(tree.find("body")))


class Guesses:
    """trafilatura's guesses at a page's title, author and site name, each made when first
    asked for, the way its own metadata pass makes them. The page's structured data usually
    answers first; the whole pass (date search, category, tag and license scans) would cost a
    fifth of a page's extraction time. Ask before the tree goes to trafilatura, which changes it."""

    def __init__(self, tree):
        self._tree = tree

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
        return self._meta.author or self.byline

    @cached_property
    def byline(self) -> str | None:
        """The author the page's byline markup names (not its meta tags)."""
        return trafilatura_metadata.extract_author(self._tree)

    @cached_property
    def sitename(self) -> str | None:
        name = self._meta.sitename or trafilatura_metadata.extract_sitename(self._tree)
        return name.lstrip("@").strip() or None if name else None


def _language(tree, meta, ld) -> str | None:
    """The language the page declares (lang attribute, JSON-LD, og:locale); None if it declares none."""
    for value in (tree.get("lang"), ld.get("inLanguage") if ld else None, sd.first_meta(meta, ["og:locale", "content-language"])):
        if isinstance(value, str) and re.match(r"^[a-zA-Z]{2}", value.strip()):
            return value.strip()[:2].lower()
    return None


def extract_html(tree, url: str, source: str | None = None, rules: Rules | None = None) -> Extraction:
    """An HTML page (parsed with parse(); `source`, its text, lets selectors that cannot match be
    skipped) -> Extraction. The tree is read first and then given to trafilatura, which changes it.
    `rules` (the language rules) read the page's labelled date lines."""
    rules = rules or load_rules()
    conv = sd.html_conventions()
    spare = deepcopy(tree) if source is None else None      # for the full pass
    page_chars = running_text_chars(tree)
    meta = sd.meta_tags(tree)
    ld_objects = sd.json_ld(tree)
    ld = sd.ld_article(ld_objects) or {}
    payload = sd.script_payload(tree, source)
    payload.documents.extend(ld_objects)
    guesses = Guesses(tree)
    out = Extraction(kind="html")

    # captions: figure captions in the DOM; they never count as body paragraphs. An element a
    # selector matches that holds more than a caption's worth of text is a container, not a caption.
    source_words = SourceWords(source) if source is not None else None
    out.captions = [text for el in select(tree, conv["selectors"]["caption"], source_words)
                    if (text := visible_text(el)) and len(text) <= MAX_CAPTION_CHARS]
    embedded = sd.find_article_object(payload, conv["embedded"]["body"])
    article_obj = embedded[0] if embedded else {}

    # site names, for stripping title suffixes and telling outlets from authors: none that is the
    # page's whole <title> (an application-name meta may repeat the headline)
    headings = [text for el in tree.iter("h1", "h2") if (text := visible_text(el))][:MAX_HEADINGS]
    title_element = tree.find(".//title")
    title_text = visible_text(title_element) if title_element is not None else ""

    def site_name(name: str | None) -> str | None:
        return name if name and name != title_text else None

    publisher = (next(iter(sd.ld_names(ld.get("publisher"))), None) if ld else None) \
        or site_name(sd.first_meta(meta, conv["meta"]["publisher"])) or site_name(guesses.sitename)
    if publisher and publisher.startswith("@"):
        publisher = None
    out.publisher = publisher
    site_names = [n for n in (publisher or site_name(guesses.sitename),) if n]

    # title: the candidates the page gives (newsbot.extract.titles), chosen once the body is known
    title_candidates = [ld.get("headline"), sd.first_meta(meta, ["headline"]),
                        sd.object_value(article_obj, conv["embedded"]["title"], payload) if article_obj else None,
                        sd.first_meta(meta, ["og:title"]), sd.first_meta(meta, ["twitter:title"]),
                        title_text, *headings[:3]]
    # until the body is known: the first candidate (it tells the language of an undeclared page)
    out.title = _first_text(title_candidates)
    if out.title is None:
        title_candidates.append(guesses.title)         # read now: trafilatura changes the tree
        out.title = _first_text(title_candidates)

    # subtitles
    subtitle = sd.object_value(article_obj, conv["embedded"]["subtitle"], payload) if article_obj else None
    if isinstance(subtitle, str):
        out.subtitles = [s.strip() for s in _BR.split(subtitle) if s.strip()]
    else:
        out.subtitles = next((lines for el in select(tree, conv["selectors"]["subtitle"], source_words)
                              if reads_as_deck(lines := text_lines(el))), [])

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
        # article:author is often the writer's profile URL, not a name: the next source answers
        authors = [a for name in conv["meta"]["authors"] for a in meta.get(name, []) if not _URL.match(a)]
    if not authors and guesses.author:
        authors = guesses.author.split(";")
    elif publisher and all(a.strip().casefold() == publisher.casefold() for a in authors) and guesses.byline:
        authors = guesses.byline.split(";")      # only the outlet: the byline in the page's markup
    out.authors = authors

    # canonical URL and language
    canonical = tree.xpath('//link[@rel="canonical"]/@href') or meta.get("og:url") or []
    out.canonical_url = canonical[0].strip() if canonical else None
    out.language = _language(tree, meta, ld)

    # dates: only what the page states (newsbot.extract.dates), with where it was found
    lines_rules = rules.for_language(out.language or guess_language(out.title or ""))

    def embedded_date(key: str):
        return sd.object_value(article_obj, conv["embedded"][key], payload) if article_obj else None

    out.published, out.published_source = dates.first_date([
        (ld.get("datePublished"), "json-ld"), (sd.first_meta(meta, conv["meta"]["published"]), "meta"),
        (embedded_date("published"), "embedded"), (lambda: dates.date_line(tree, lines_rules), "date-line"),
        (lambda: dates.markup_date(tree), "markup"), (dates.url_date(url), "url")])
    out.modified = ld.get("dateModified") or sd.first_meta(meta, conv["meta"]["modified"]) or embedded_date("modified")
    out.search_query = search_query(tree, title_text)
    out.article_markup = bool(ld) or (sd.first_meta(meta, ["og:type"]) or "").lower() == "article" \
        or bool(sd.first_meta(meta, conv["meta"]["published"]))

    # body: trafilatura's cheap pass, its full pass when the cheap one cannot be trusted (the
    # longer body kept), or the embedded article object when the DOM gives neither
    body = trafilatura_body(tree, CHEAP_PASS, preclean=True)
    out.extraction_pass = "cheap"
    if needs_full_pass(body, page_chars, lines_rules.layout.get("full_pass_below", FULL_PASS_BELOW)):
        full = trafilatura_body(spare if spare is not None else parse(source), FULL_PASS, preclean=False)
        out.extraction_pass = "full"
        if full.chars > body.chars:
            body = full
    out.navigation_share = body.navigation_share
    if embedded and body.chars < 200 and len(embedded[1]) > body.chars:
        paragraphs, captions = fragment_paragraphs(embedded[1])
        out.paragraphs, out.body_source = paragraphs, "embedded"
        out.captions.extend(captions)
    else:
        out.paragraphs, out.body_source = body.lines, "trafilatura"
    if out.subtitles and deck_is_body(out.subtitles, out.paragraphs):
        out.subtitles = []
    out.title = choose_title(title_candidates, headings, "\n".join(out.paragraphs), site_names,
                             lines_rules.is_not_title)
    return out
