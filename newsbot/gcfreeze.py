"""FreezeLongLived: Python's garbage collector stops walking what a crawl's processes keep to the end.

A crawl's process ends holding some 1,300 imported modules (Scrapy, Twisted, lxml, trafilatura,
numpy, the rules), its components and its indexes: hundreds of thousands of objects. The
interpreter's shutdown runs several full collections over all of them (about 0.3 s at the end of
every crawl, a third of the cost of a two-page crawl after its start-up). ``gc.freeze()`` moves
the objects alive at that moment into a generation the collector never walks; they are freed as
usual when nothing refers to them (only a reference cycle among them would stay, and the process
is ending).

The extension freezes once the engine has stopped. Not earlier: CPython runs a full collection
when the objects that survived since the last one exceed a quarter of those it already holds,
and frozen objects count for nothing there, so a freeze at the start would make every later
full collection walk all that the crawl built since (its story index grows with the corpus).
The worker pool's fork template freezes before it forks the workers (newsbot.workerpool): the
workers build little that lives, and their collectors then leave alone, and never copy, the
pages of Kiwi's model they share.

Setting: ``NEWSBOT_GC_FREEZE`` (default True).
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.exceptions import NotConfigured


class FreezeLongLived:
    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("NEWSBOT_GC_FREEZE", True):
            raise NotConfigured
        extension = cls()
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        gc.freeze()
