"""`python -m newsbot.dedupe rebuild [DATA_DIR]`: build the dedupe index anew from the corpus.

For an index that was lost, damaged, or built with other shingle / MinHash settings. Reads
corpus.jsonl (every article version) and duplicates.jsonl (so their pages are not fetched
again) of the data folder, under the folder's lock.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from scrapy.utils.project import get_project_settings

from newsbot.datadir import DataDir
from newsbot.dedupe.corpus import rebuild_index


def rebuild(datadir: DataDir) -> tuple[int, int]:
    index, articles, pages = rebuild_index(datadir.index_path, datadir.hasher, datadir.threshold,
                                           datadir.corpus, datadir.duplicates)
    index.close(corpus_size=datadir.corpus_size())
    return articles, pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.dedupe", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["rebuild"])
    parser.add_argument("data_dir", nargs="?", help="default: NEWSBOT_DATA_DIR of the project settings")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    settings = get_project_settings()
    with DataDir.for_command(args.data_dir, settings) as datadir:
        articles, pages = rebuild(datadir)
    print(json.dumps({"index": str(datadir.index_path), "articles": articles, "duplicate_pages": pages}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
