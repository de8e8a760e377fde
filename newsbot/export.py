"""`python -m newsbot.export [DATA_DIR] OUT [--since DATE] [--until DATE] [--outlet NAME] [--story ID] ...`

Writes the corpus of a data folder, or a selection of it, to one file for other tools: JSON lines
(OUT.jsonl) or CSV (OUT.csv, list fields as JSON text). Every corpus part is read (distributed
crawls too); lines of the wrong shape are skipped with a warning. By default an article appears
once, as its latest version (--all-versions keeps every version). Selections:

    --since / --until DATE   published on or after / on or before the day (ISO date; articles
                             without a date are left out when either is given)
    --outlet NAME            publisher or source host equal to NAME (repeatable)
    --story ID               members of the story (repeatable)

The file is written to a temporary name and renamed: a reader sees the old file or the new one.
It needs no lock: it only reads whole lines, so it may run while a crawl appends. Prints a JSON
line with the count.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from datetime import date
from pathlib import Path

from scrapy.utils.project import get_project_settings

from newsbot.datadir import DataDir
from newsbot.wholefile import whole_file

LIST_FIELDS = ("subtitles", "authors", "captions", "facts")


def select(records, since: date | None = None, until: date | None = None, outlets=(), stories=(),
           all_versions: bool = False):
    """The records that pass the selection, in corpus order (the latest version of each id
    unless `all_versions`)."""
    outlets, stories = set(outlets or ()), set(stories or ())
    chosen = []
    for record in records:
        if outlets and record.get("publisher") not in outlets and record.get("source") not in outlets:
            continue
        if stories and record.get("story_id") not in stories:
            continue
        if since or until:
            day = record.get("published")
            if not day:
                continue
            day = date.fromisoformat(day[:10])
            if (since and day < since) or (until and day > until):
                continue
        chosen.append(record)
    if all_versions:
        return chosen
    latest = {}
    for record in chosen:
        if (record.get("version") or 1) >= (latest.get(record["id"], {}).get("version") or 1):
            latest[record["id"]] = record
    return [r for r in chosen if latest[r["id"]] is r]


def write(records, out: Path, fields: list[str]) -> int:
    """The records to `out`, whole or not at all: CSV when it ends in .csv, else JSON lines."""
    with whole_file(out, newline="") as fh:
        if out.suffix.lower() == ".csv":
            writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
            for record in records:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if k in LIST_FIELDS else v
                                 for k, v in record.items()})
        else:
            for record in records:
                fh.write(json.dumps({k: record.get(k) for k in fields}, ensure_ascii=False) + "\n")
    return len(records)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.export", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("paths", nargs="+", metavar="[DATA_DIR] OUT",
                        help="the data folder (default: NEWSBOT_DATA_DIR) and the file to write (.jsonl or .csv)")
    parser.add_argument("--since", type=date.fromisoformat)
    parser.add_argument("--until", type=date.fromisoformat)
    parser.add_argument("--outlet", action="append", default=[])
    parser.add_argument("--story", action="append", default=[])
    parser.add_argument("--all-versions", action="store_true")
    args = parser.parse_args(argv)
    if len(args.paths) > 2:
        parser.error("give at most a data folder and an output file")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    settings = get_project_settings()
    data_dir = args.paths[0] if len(args.paths) == 2 else settings.get("NEWSBOT_DATA_DIR", "data")
    out = Path(args.paths[-1])
    if out.suffix.lower() not in (".jsonl", ".csv"):
        parser.error(f"{out}: the output file must end in .jsonl or .csv")
    datadir = DataDir(data_dir, settings)
    if not datadir.root.is_dir():
        print(f"python -m newsbot.export: {data_dir}: no such data folder", file=sys.stderr)
        return 4
    if out.resolve() in {p.resolve() for p in datadir.parts(datadir.corpus_name)}:
        parser.error(f"{out} is a corpus file of {data_dir}")
    records = select((record for _, record in datadir.corpus_records()), args.since, args.until,
                     args.outlet, args.story, args.all_versions)
    count = write(records, out, settings.getlist("FEED_EXPORT_FIELDS"))
    print(json.dumps({"file": str(out), "articles": count}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
