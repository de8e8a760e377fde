"""The Article item: one record of corpus.jsonl (see DESIGN.md, "Record contract")."""

import scrapy


class Article(scrapy.Item):
    id = scrapy.Field()
    url = scrapy.Field()
    canonical_url = scrapy.Field()
    source = scrapy.Field()
    publisher = scrapy.Field()
    title = scrapy.Field()
    subtitles = scrapy.Field()
    authors = scrapy.Field()
    published = scrapy.Field()
    published_precision = scrapy.Field()
    published_source = scrapy.Field()
    published_raw = scrapy.Field()
    modified = scrapy.Field()
    language = scrapy.Field()
    text = scrapy.Field()
    captions = scrapy.Field()
    fetched_at = scrapy.Field()
    content_hash = scrapy.Field()
    version = scrapy.Field()
    story_id = scrapy.Field()
    facts = scrapy.Field()
    # Signals from extraction, used by the validate stage; not part of the exported record
    # (FEED_EXPORT_FIELDS lists the contract's fields only).
    signals = scrapy.Field()


#: Fields that hold lists in the record contract.
LIST_FIELDS = ("subtitles", "authors", "captions", "facts")
