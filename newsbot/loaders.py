"""ArticleLoader: turns what extraction found into an Article item, field by field."""

from itemloaders.processors import Compose, Identity, MapCompose, TakeFirst

from scrapy.loader import ItemLoader

from newsbot.items import Article
from newsbot.processors import clean_line, clean_paragraphs, to_iso_datetime, unique


def _iso_in_context(value, loader_context):
    return to_iso_datetime(value, loader_context.get("timezone", "Asia/Seoul"))


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
