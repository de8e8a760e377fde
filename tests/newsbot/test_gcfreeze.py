"""Once the engine has stopped, what the crawl's process holds is frozen: the interpreter's
shutdown does not walk it. Not before: a freeze at the start would make later full collections
walk all the crawl builds."""

import gc

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsbot.gcfreeze import FreezeLongLived


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_objects_alive_when_the_engine_stops_are_frozen_and_not_before(unfrozen):
    crawler = get_crawler(settings_dict={"EXTENSIONS_BASE": {}})
    extension = FreezeLongLived.from_crawler(crawler)       # noqa: F841 (signals hold it weakly)
    long_lived = [[n] for n in range(10)]                   # lists: what the collector tracks
    crawler.signals.send_catch_log(signals.spider_opened, spider=None)
    assert gc.get_freeze_count() == 0
    crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_freeze_count() >= len(long_lived)


def test_a_setting_turns_it_off():
    with pytest.raises(NotConfigured):
        FreezeLongLived.from_crawler(get_crawler(settings_dict={"NEWSBOT_GC_FREEZE": False}))
