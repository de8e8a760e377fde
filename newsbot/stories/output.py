"""The stories output: one JSON line per story, in one file per day, ``stories/YYYY-MM-DD.jsonl``.

A story's file is the day of the article it began with (the page's date, else the day it was
fetched; ``undated.jsonl`` when neither is known), so it never moves. A crawl rewrites only the
files of the stories it changed, each whole or not at all (newsbot.wholefile): readers see the old
file or the new one, and a crawl costs what the days it touched hold, not what the corpus holds.
Within a file, stories are in the order they began, as a rebuild writes them. Read them all with
``duckdb.read_json('data/stories/*.jsonl')`` or
``pd.concat(pd.read_json(p, lines=True) for p in sorted(Path('data/stories').glob('*.jsonl')))``.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from pathlib import Path

from newsbot.wholefile import whole_file

logger = logging.getLogger(__name__)


def part_path(folder: Path, part: str) -> Path:
    return Path(folder) / f"{part}.jsonl"


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def read_part(path: Path) -> dict[str, str]:
    """story id -> its line, of one file (lines that are not story records are dropped)."""
    lines = {}
    if not path.exists():
        return lines
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                logger.warning("%s: a line that is not JSON was dropped", path)
                continue
            if isinstance(record, dict) and record.get("story_id"):
                lines[record["story_id"]] = line if line.endswith("\n") else line + "\n"
    return lines


def update_parts(folder: Path, records, part_of, order_of) -> list[dict]:
    """Put these story records in their files (`part_of(story_id)`), in place of their old lines,
    the files' stories in the order `order_of(part)` gives ({story id: rank}). Returns the old
    records of the stories that had one."""
    by_part: dict[str, dict[str, dict]] = defaultdict(dict)
    for record in records:
        by_part[part_of(record["story_id"])][record["story_id"]] = record
    before = []
    for part, new in sorted(by_part.items()):
        path = part_path(folder, part)
        lines = read_part(path)
        before += [json.loads(lines[s]) for s in new if s in lines]
        lines.update((s, _line(r)) for s, r in new.items())
        order = order_of(part)
        with whole_file(path) as fh:
            for story_id in sorted(lines, key=lambda s: (order.get(s, len(order)), s)):
                fh.write(lines[story_id])
    return before


def write_parts(folder: Path, records, part_of, remove_others: bool = True) -> int:
    """Write these stories anew (a rebuild): each file whole, in the order the records come; with
    `remove_others`, files of days that hold none of them are removed. Returns the number of stories."""
    by_part: dict[str, list[dict]] = defaultdict(list)
    count = 0
    for record in records:
        by_part[part_of(record["story_id"])].append(record)
        count += 1
    folder = Path(folder)
    for part, part_records in sorted(by_part.items()):
        with whole_file(part_path(folder, part)) as fh:
            for record in part_records:
                fh.write(_line(record))
    if remove_others:
        remove_parts(folder, keep=by_part)
    return count


def remove_parts(folder: Path, keep) -> None:
    """Remove the files of the days not in `keep`."""
    folder = Path(folder)
    if folder.exists():
        for path in folder.glob("*.jsonl"):
            if path.stem not in keep:
                path.unlink()


def read_stories(folder: Path) -> list[dict]:
    """Every story of the output, file by file (days in order)."""
    return [json.loads(line) for path in sorted(Path(folder).glob("*.jsonl"))
            for line in read_part(path).values()]
