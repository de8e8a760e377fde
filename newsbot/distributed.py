"""Distributed crawling on scrapy-redis: the scheduler, fitted to the pinned Scrapy, with a bound
on how long it waits for Redis.

scrapy-redis 0.9.1 predates Scrapy 2.13's async ``start()`` and 2.19's stats API. Its scheduler
works with both (the start requests reach it through enqueue_request like any other), but counts
its stats with a ``spider`` argument Scrapy 2.19 deprecates; this subclass counts them without.

When Redis goes away, scrapy-redis's scheduler raises on every poll and the engine retries for
ever. This one keeps the crawl alive through a blip, and when Redis has not answered for
NEWSBOT_REDIS_TIMEOUT seconds (30) stops it with finish reason ``service_unavailable`` (exit
status 8); the requests it could not queue are fetched by the next run (feeds are read again).
Switched on by NEWSBOT_REDIS_URL (see newsbot.spiders.base.distributed_settings and the README).
"""

from __future__ import annotations

import logging
import time

from redis.exceptions import RedisError
from scrapy_redis.scheduler import Scheduler as RedisScheduler

logger = logging.getLogger(__name__)


class Scheduler(RedisScheduler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.failing_since: float | None = None
        self.redis_timeout = 30.0

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.redis_timeout = crawler.settings.getfloat("NEWSBOT_REDIS_TIMEOUT", 30)
        return scheduler

    def _redis(self, call, default):
        """call(), or `default` while Redis does not answer; past the bound, the crawl stops."""
        try:
            result = call()
        except RedisError as exc:
            now = time.monotonic()
            if self.failing_since is None:
                self.failing_since = now
                logger.warning("Redis does not answer (%s); waiting up to %g s (NEWSBOT_REDIS_TIMEOUT)",
                               exc, self.redis_timeout)
            elif now - self.failing_since > self.redis_timeout:
                from newsbot.datadir import DataDir
                DataDir.from_crawler(self.crawler).service_failed(exc)
            return default
        if self.failing_since is not None:
            logger.info("Redis answers again after %.1f s", time.monotonic() - self.failing_since)
            self.failing_since = None
        return result

    def enqueue_request(self, request):
        def push():
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            return True
        return self._redis(push, False)

    def next_request(self):
        request = self._redis(lambda: self.queue.pop(self.idle_before_close), None)
        if request and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self):
        # while Redis does not answer, say yes: the engine keeps polling until the bound
        return self._redis(lambda: len(self) > 0, True)

    def close(self, reason):
        return self._redis(lambda: super(Scheduler, self).close(reason), None)
