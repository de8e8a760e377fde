"""Python's garbage collector in a crawl's process: it collects young objects less often while the
crawl runs (CollectLessOften) and stops walking what the process keeps to the end (FreezeLongLived).

CollectLessOften: a crawl makes and drops hundreds of container objects a page (responses,
requests, Deferreds, items, their dicts and lists), and the interpreter's defaults (700, 10, 10)
collect the youngest generation every 700 of them and the whole heap, the story index and the
dedupe index included, every few seconds: a tenth of the crawl process's CPU on 2,000 pages,
in pauses of up to 0.15 s in which the reactor feeds no worker. Higher thresholds
(NEWSBOT_GC_THRESHOLDS) make the collections rarer; what they collect is only reference cycles
(everything else is freed when its last reference goes), and those still are, a little later.
The defaults come back when the engine stops.

FreezeLongLived: a crawl's process ends holding some 1,300 imported modules (Scrapy, Twisted,
lxml, trafilatura, numpy, the rules), its components and its indexes: hundreds of thousands of
objects. The interpreter's shutdown runs several full collections over all of them (about 0.3 s
at the end of every crawl, a third of the cost of a two-page crawl after its start-up).
``gc.freeze()`` moves the objects alive at that moment into a generation the collector never
walks; they are freed as usual when nothing refers to them (only a reference cycle among them
would stay, and the process is ending).

The extension freezes once the engine has stopped. Not earlier: CPython runs a full collection
when the objects that survived since the last one exceed a quarter of those it already holds,
and frozen objects count for nothing there, so a freeze at the start would make every later
full collection walk all that the crawl built since (its story index grows with the corpus).
The worker pool's fork template freezes before it forks the workers (newsbot.workerpool): the
workers build little that lives, and their collectors then leave alone, and never copy, the
pages of Kiwi's model they share.

Settings: ``NEWSBOT_GC_THRESHOLDS`` (default ``[20000, 20, 20]``; empty: the interpreter's),
``NEWSBOT_GC_FREEZE`` (default True).
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.exceptions import NotConfigured


class CollectLessOften:
    def __init__(self, thresholds: tuple[int, ...]):
        self.thresholds = thresholds
        self.before: tuple[int, ...] | None = None

    @classmethod
    def from_crawler(cls, crawler):
        thresholds = tuple(int(n) for n in crawler.settings.getlist("NEWSBOT_GC_THRESHOLDS"))
        if not thresholds:
            raise NotConfigured
        extension = cls(thresholds)
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self) -> None:
        self.before = gc.get_threshold()
        gc.set_threshold(*self.thresholds)

    def engine_stopped(self) -> None:
        if self.before is not None:
            gc.set_threshold(*self.before)
            self.before = None


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
