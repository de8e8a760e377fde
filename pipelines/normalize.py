"""Normalize stage: the language rules applied to an extracted article.

Removes bylines, datelines, inline widgets, caption and footer lines from the body; moves
bylines into `authors` (names only) and the outlet into `publisher`; keeps each caption once;
computes `content_hash` of the final text. Configured by NEWSBOT_RULES_FILES (the rules of the
record's language: Rules.for_language). The work runs in a worker process (newsbot.workerpool):
`normalized()` there, on a copy of the item's fields.
"""

from __future__ import annotations

import logging
import re

from itemadapter import ItemAdapter
from scrapy.utils.defer import maybe_deferred_to_future

from newsbot.bylines import clean_authors
from newsbot.extract.text import is_prose
from newsbot.processors import clean_line, content_hash, unique
from newsbot.rules import Rules, rules_from_settings
from newsbot.workerpool import WorkerPool

logger = logging.getLogger(__name__)


class NormalizePipeline:
    def __init__(self, rules: Rules | None = None, pool: WorkerPool | None = None):
        self.rules = rules
        self.pool = pool

    @classmethod
    def from_settings(cls, settings):
        return cls(rules_from_settings(settings))

    @classmethod
    def from_crawler(cls, crawler):
        return cls(pool=WorkerPool.from_crawler(crawler))

    def normalized(self, fields: dict) -> dict:
        """The fields this stage sets, for an item's fields."""
        adapter = ItemAdapter(dict(fields))
        normalize_article(adapter, self.rules)
        return {name: adapter[name] for name in NORMALIZED_FIELDS}

    async def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        # its fields as they are (strings, lists of strings): asdict() would walk every value
        # for items nested in it, which cost more than the rest of this stage in the crawl process
        fields = dict(adapter)
        if self.pool is None:
            adapter.update(self.normalized(fields))
        else:
            adapter.update(await maybe_deferred_to_future(
                self.pool.call(type(self).from_settings, "normalized", fields)))
        return item


_LEADING_MARKS = re.compile(r"^[^\w\"'“‘\[(<]+")

#: What normalize_article() sets.
NORMALIZED_FIELDS = ("text", "captions", "subtitles", "publisher", "authors", "content_hash")


def _strip_bylines(paragraphs: list[str], rules: Rules, found: list) -> list[str]:
    """Byline spans out of the first and last paragraphs; whole byline lines out of all."""
    out = []
    for i, paragraph in enumerate(paragraphs):
        byline = rules.find_byline(paragraph)
        if byline:
            found.append(byline)
            rest = (paragraph[:byline.start] + " " + paragraph[byline.end:]).strip()
            if byline.start == 0 or byline.end == len(paragraph) or i in (0, len(paragraphs) - 1):
                paragraph = rest
        if paragraph:
            out.append(paragraph)
    return out


def clean_body(paragraphs: list[str], rules: Rules, not_body: set[str], found: list) -> list[str]:
    """The body paragraphs without chrome, captions, repeated headings, footer and bylines."""
    body = []
    for paragraph in paragraphs:
        paragraph = clean_line(rules.apply_inline(paragraph))
        if not paragraph or paragraph in not_body or rules.is_chrome(paragraph):
            continue
        if rules.is_caption(paragraph) and not is_prose(paragraph, 120):
            continue
        if body and rules.is_footer_start(paragraph) and len(paragraph) < 150:
            break                                     # the rest is footer
        body.append(paragraph)
    body = _strip_bylines(body, rules, found)
    # short lines trailing the last paragraph of prose are a sign-off (outlet or writer name)
    sign_off = rules.layout.get("sign_off_chars", 0)
    while body and len(body[-1]) <= sign_off and not is_prose(body[-1], 1) and len(body) > 1:
        found.append(body.pop())
    return body


def normalize_article(adapter: ItemAdapter, rules: Rules) -> None:
    rules = rules.for_language(adapter.get("language"))
    captions = unique(clean_line(rules.apply_inline(c)) for c in adapter.get("captions") or [])
    title = adapter.get("title")
    subtitles = [s for s in adapter.get("subtitles") or [] if s != title]
    not_body = set(captions) | set(subtitles)

    found: list = []
    paragraphs = (adapter.get("text") or "").split("\n")
    # the headline repeated at the top of the body is not body
    while paragraphs and title and clean_line(paragraphs[0]) == title:
        paragraphs.pop(0)
    # deck lines opening the body are subtitles (without the mark that opens them)
    while paragraphs and rules.is_deck_line(paragraphs[0]):
        deck = clean_line(_LEADING_MARKS.sub("", paragraphs.pop(0)))
        if deck and deck not in subtitles:
            subtitles.append(deck)
    body = clean_body(paragraphs, rules, not_body, found)
    adapter["text"] = "\n".join(body)
    adapter["captions"] = captions
    adapter["subtitles"] = subtitles

    publisher = adapter.get("publisher")
    sign_offs = [f for f in found if isinstance(f, str)]
    bylines = [f for f in found if not isinstance(f, str)]
    if not publisher:
        publisher = next((b.publisher for b in bylines if b.publisher), None) or (sign_offs[0] if sign_offs else None)
    adapter["publisher"] = clean_line(publisher)

    names = list(adapter.get("authors") or []) + [n for b in bylines for n in b.names]
    # outlets are not authors: the record's, the ones its bylines name, and the words the rules list
    not_names = {n for n in (publisher, adapter.get("source"), *(b.publisher for b in bylines)) if n} \
        | set(rules.words.get("not_author_names", []))
    adapter["authors"] = clean_authors(names, rules.job_titles, not_names)
    adapter["content_hash"] = content_hash(adapter["text"])
