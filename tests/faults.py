"""Faults brought into a real crawl on purpose, for the tests of what survives them."""

from __future__ import annotations

import json

from newsbot import settings as project_settings


class FailingStage:
    """An item pipeline after the dedupe stage with a bug that one page brings out: it raises
    for the pages whose URL contains NEWSBOT_TEST_FAIL_ON."""

    def __init__(self, marker: str):
        self.marker = marker

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("NEWSBOT_TEST_FAIL_ON") or "")

    def process_item(self, item, spider=None):
        if self.marker and self.marker in (item.get("url") or ""):
            raise RuntimeError(f"a bug that {item.get('url')} brings out")
        return item


def pipelines_with_failing_stage(order: int = 460) -> str:
    """ITEM_PIPELINES for `-s`: the project's, with FailingStage at `order`."""
    return json.dumps({**project_settings.ITEM_PIPELINES, "tests.faults.FailingStage": order})
