"""While the engine runs, the collector runs less often (the thresholds the setting names), and
the interpreter's come back when it stops. Once the engine has stopped, what the crawl's process
holds is frozen: the interpreter's shutdown does not walk it. Not before: a freeze at the start
would make later full collections walk all the crawl builds."""

import gc

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsbot.gcfreeze import CollectLessOften, FreezeLongLived


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


def test_the_thresholds_hold_from_the_engines_start_to_its_stop():
    before = gc.get_threshold()
    crawler = get_crawler(settings_dict={"EXTENSIONS_BASE": {}, "NEWSBOT_GC_THRESHOLDS": [12345, 7, 9]})
    extension = CollectLessOften.from_crawler(crawler)     # noqa: F841 (signals hold it weakly)
    assert gc.get_threshold() == before
    try:
        crawler.signals.send_catch_log(signals.engine_started)
        assert gc.get_threshold() == (12345, 7, 9)
    finally:
        crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == before


def test_no_thresholds_leave_the_interpreters():
    with pytest.raises(NotConfigured):
        CollectLessOften.from_crawler(get_crawler(settings_dict={"NEWSBOT_GC_THRESHOLDS": []}))
