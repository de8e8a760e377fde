"""Distributed crawling on scrapy-redis: the scheduler, fitted to the pinned Scrapy.

scrapy-redis 0.9.1 predates Scrapy 2.13's async ``start()`` and 2.19's stats API. Its scheduler
works with both (the start requests reach it through enqueue_request like any other), but counts
its stats with a ``spider`` argument Scrapy 2.19 deprecates; this subclass counts them without.
Switched on by NEWSBOT_REDIS_URL (see newsbot.spiders.base.distributed_settings and the README).
"""

from __future__ import annotations

from scrapy_redis.scheduler import Scheduler as RedisScheduler


class Scheduler(RedisScheduler):
    def enqueue_request(self, request):
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        request = self.queue.pop(self.idle_before_close)
        if request and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
