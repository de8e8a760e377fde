"""Imported once by the worker pool's fork server (NEWSBOT_WORKER_PRELOAD) before the workers fork
from it: the modules the workers run and Kiwi's model are loaded once and shared by every worker
(copy-on-write) instead of loaded by each."""

import scrapy.settings  # noqa: F401  (the workers' settings)

import newsbot.facts.extract  # noqa: F401
import newsbot.loaders  # noqa: F401  (extraction: trafilatura, lxml; the item loader)
from newsbot.facts import morph

morph.kiwi()
