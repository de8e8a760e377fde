"""`python -m newsbot.stories rebuild [DATA_DIR] [--extract]`: stories.jsonl from the corpus.

Replays corpus.jsonl (and duplicates.jsonl, for the copies) of a data folder, under the folder's
lock, and rewrites stories.jsonl atomically, exactly as the end of a crawl does, without
crawling. With --extract, the facts are first found again in each article's text with the current
fact rules (after the rules changed); the corpus itself is never rewritten.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from scrapy.utils.project import get_project_settings

from newsbot.datadir import DataDir, DataDirBusy
from newsbot.dedupe.corpus import corpus_lines
from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import fact_rules_from_settings
from newsbot.stories.index import StoryIndex
from newsbot.stories.reconcile import story_records, write_stories
from newsbot.stories.terms import TermExtractor


def rebuild(datadir: DataDir, extractor: FactExtractor, extract: bool = False) -> tuple[int, int]:
    index = StoryIndex(TermExtractor(datadir.language_rules), **datadir.story_settings)
    if datadir.corpus.exists():
        for _, record in corpus_lines(datadir.corpus):
            facts = None
            if extract:
                facts = extractor.extract(record.get("title") or "", record.get("text") or "", record.get("published"))
            index.add(record, facts)
    count = write_stories(datadir.stories_path, story_records(index, datadir.duplicate_lines(), extractor))
    return count, len(index.members)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.stories", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["rebuild"])
    parser.add_argument("data_dir", nargs="?", help="default: NEWSBOT_DATA_DIR of the project settings")
    parser.add_argument("--extract", action="store_true", help="find the facts again with the current rules")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    settings = get_project_settings()
    datadir = DataDir(args.data_dir or settings.get("NEWSBOT_DATA_DIR", "data"), settings)
    try:
        datadir.lock()
    except DataDirBusy as exc:
        print(exc, file=sys.stderr)
        return 1
    extractor = FactExtractor(fact_rules_from_settings(settings), settings.get("NEWSBOT_FACT_OFFSET", "+09:00"))
    try:
        stories, articles = rebuild(datadir, extractor, args.extract)
    finally:
        datadir.close()
    print(json.dumps({"stories_file": str(datadir.stories_path), "stories": stories, "articles": articles},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
