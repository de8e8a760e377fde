"""The report folder: ``index.html``, ``stories/ID.html`` (one page a story) and ``index.json``
(the index's rows, so that a crawl updates the rows of the stories it touched without reading
every story again).

Every file is written whole (a temporary file renamed over it): a browser or another tool reading
the folder while a crawl writes it sees a page as it was or as it is, never a part."""

from __future__ import annotations

import json
from pathlib import Path

from newsbot.report.pages import index_page, story_page
from newsbot.report.summary import index_order, summarize
from newsbot.wholefile import whole_file

INDEX_ROWS = "index.json"


class ReportSite:
    def __init__(self, folder: str | Path, title: str = "newsbot stories"):
        self.folder = Path(folder)
        self.title = title

    def page_path(self, story_id: str) -> Path:
        return self.folder / "stories" / f"{story_id}.html"

    def _rows(self) -> dict[str, dict]:
        path = self.folder / INDEX_ROWS
        if not path.exists():
            return {}
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return {}
        return {row["story_id"]: row for row in rows if isinstance(row, dict) and row.get("story_id")}

    def write_page(self, record: dict) -> dict:
        """The page of one story line; its row of the index (to give write_index)."""
        with whole_file(self.page_path(record["story_id"]), sync=False) as fh:
            fh.write(story_page(record))
        return summarize(record)

    def write_index(self, rows: list[dict], whole: bool = False) -> None:
        """The index with these rows in place of their stories' old ones (with `whole`: only
        these; the pages of stories not among them are removed)."""
        by_story = {} if whole else self._rows()
        by_story.update((row["story_id"], row) for row in rows)
        if whole:
            for page in (self.folder / "stories").glob("*.html"):
                if page.stem not in by_story:
                    page.unlink()
        ordered = sorted(by_story.values(), key=index_order)
        with whole_file(self.folder / INDEX_ROWS, sync=False) as fh:
            json.dump(ordered, fh, ensure_ascii=False)
        with whole_file(self.folder / "index.html", sync=False) as fh:
            fh.write(index_page(ordered, self.title))

    def write(self, records, whole: bool = False) -> int:
        """Pages for these story lines, and the index with their rows (see write_index). Returns
        the number of story pages written."""
        rows = [self.write_page(record) for record in records]
        self.write_index(rows, whole)
        return len(rows)
