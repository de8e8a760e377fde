"""ArticleLoader: turns what extraction found into an Article item, field by field; and
ArticleBuilder: a fetched page's bytes to an Article's fields (extraction, then the loader)."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urljoin

from itemloaders.processors import Compose, Identity, MapCompose, TakeFirst
from scrapy.loader import ItemLoader

from newsbot.extract import MAX_UNPACKED, extract
from newsbot.items import Article
from newsbot.processors import (canonicalize_url, clean_line, clean_paragraphs, date_precision, host_of,
                                stable_id, to_iso_datetime, trusted_canonical, unique)
from newsbot.rules import Rules, rules_from_settings


def _iso_in_context(value, loader_context):
    """A stated date as ISO 8601: local times in the crawl's zone (``timezone``); a time with an
    offset in the zone of the page's language (``language_timezone``: a Korean page's are shown
    in Korean time), or in its own offset when the language names no zone."""
    naive_zone, shown_in = loader_context.get("timezone", "Asia/Seoul"), loader_context.get("language_timezone")
    if shown_in:
        return to_iso_datetime(to_iso_datetime(value, naive_zone, keep_offset=True), shown_in)
    return to_iso_datetime(value, naive_zone, keep_offset=True)


class ArticleLoader(ItemLoader):
    default_item_class = Article
    default_input_processor = MapCompose(clean_line)
    default_output_processor = TakeFirst()

    text_in = MapCompose(clean_paragraphs)

    subtitles_out = Compose(unique)
    authors_out = Compose(unique)
    captions_out = Compose(unique)

    published_in = MapCompose(_iso_in_context)
    modified_in = MapCompose(_iso_in_context)

    facts_in = Identity()
    facts_out = Identity()
    signals_in = Identity()
    version_in = Identity()
    story_id_in = Identity()


class ArticleBuilder:
    """A fetched page's bytes to an Article's fields, every contract field present: what a worker
    process builds once (from the crawl's settings) and runs for each page. Raises
    UnreadableInput for what is not a text page."""

    def __init__(self, rules: Rules, max_size: int = MAX_UNPACKED, timezone_name: str = "Asia/Seoul",
                 tracking_params=None):
        self.rules = rules
        self.max_size = max_size
        self.timezone = timezone_name
        self.tracking_params = tracking_params

    @classmethod
    def from_settings(cls, settings) -> ArticleBuilder:
        """With the crawl's language rules (NEWSBOT_RULES_FILES), size limit (DOWNLOAD_MAXSIZE),
        time zone and tracking parameters."""
        return cls(rules_from_settings(settings), settings.getint("DOWNLOAD_MAXSIZE") or MAX_UNPACKED,
                   settings.get("NEWSBOT_TIMEZONE", "Asia/Seoul"), settings.getlist("NEWSBOT_TRACKING_PARAMS"))

    def build(self, body: bytes, url: str, headers: dict | None = None, published: str | None = None,
              seed_name: str | None = None) -> tuple[str, dict]:
        """(extraction kind, fields) of the page at `url` (for a saved page, its manifest URL, else
        its file:// URL); `published` is a date known from elsewhere (a manifest, a feed), used
        when the page gives none. `seed_name` is a saved file's path inside its seed folder,
        which gives a page with no web URL an id that does not depend on where the folder lies.
        The page's canonical URL is taken only on the page's own site (trusted_canonical)."""
        page = extract(body, url, headers, self.rules, self.max_size)
        canonical = url
        if page.canonical_url:
            claimed = urljoin(url, page.canonical_url)
            if trusted_canonical(claimed, url):
                canonical = claimed
        canonical = canonicalize_url(canonical, self.tracking_params)
        local = canonical.startswith("file:") and seed_name
        loader = ArticleLoader(timezone=self.timezone,
                               language_timezone=self.rules.for_language(page.language).layout.get("timezone"))
        loader.add_value("id", stable_id(f"seed:{seed_name}" if local else canonical))
        loader.add_value("url", url)
        loader.add_value("canonical_url", canonical)
        loader.add_value("source", host_of(canonical) or host_of(url))
        loader.add_value("publisher", page.publisher)
        loader.add_value("title", page.title)
        loader.add_value("subtitles", page.subtitles)
        loader.add_value("authors", page.authors)
        raw_published, source = (page.published, page.published_source) if page.published else (published, "given")
        loader.add_value("published", raw_published)
        loader.add_value("published_raw", raw_published)
        loader.add_value("modified", page.modified)
        loader.add_value("language", page.language or "und")
        loader.add_value("text", "\n".join(page.paragraphs))
        loader.add_value("captions", page.captions)
        loader.add_value("fetched_at", datetime.now(timezone.utc).isoformat(timespec="seconds"))
        loader.add_value("version", 1)
        loader.add_value("signals", {"navigation_share": page.navigation_share, "article_markup": page.article_markup,
                                     "search_query": page.search_query, "body_source": page.body_source,
                                     "extraction_pass": page.extraction_pass, "encoding": page.encoding})
        fields = dict(loader.load_item())
        fields["published_precision"] = date_precision(fields.get("published_raw")) if fields.get("published") else None
        fields["published_source"] = source if fields.get("published") else None
        # every contract field is present: empty lists and nulls rather than missing keys
        for name in ("subtitles", "authors", "captions", "facts"):
            fields.setdefault(name, [])
        for name in ("published", "published_raw", "published_source", "modified", "publisher", "source", "story_id", "title"):
            fields.setdefault(name, None)
        fields.setdefault("text", "")
        return page.kind, fields
