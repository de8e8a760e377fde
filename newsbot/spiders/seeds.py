"""`scrapy crawl seeds [-a path=FILE_OR_DIR] [-a manifest=FILE]`

Reads saved pages (.html, .htm, .txt and their .gz) from a file or a folder (recursively), through
Scrapy's own file:// download, so local and live pages share one code path. An optional
manifest.jsonl (in the folder, or given with -a manifest=) maps each file to its original page:
``{"path": "relative/to/manifest.html", "url": "https://...", "published": "optional"}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import CloseSpider

from newsbot.spiders.base import ArticleSpider, InputUnreadable
from newsbot.urlpolicy import USER

SEED_SUFFIXES = (".html", ".htm", ".txt")


def is_seed_file(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return path.is_file() and name.endswith(SEED_SUFFIXES) and name != "manifest.jsonl"


def seed_files(root: Path) -> list[Path]:
    """The seed files under root (or root itself), in a stable order."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if is_seed_file(p))


def manifest_problem(entry) -> str | None:
    """Why a manifest line is not an entry, or None."""
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        return "a line needs a JSON object with a 'path'"
    url = entry.get("url")
    if url is not None:
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            return f"'url' must be an http(s) URL, not {url!r}"
    if entry.get("published") is not None and not isinstance(entry["published"], str):
        return "'published' must be a string"
    return None


class SeedsSpider(ArticleSpider):
    """Saved pages (.html, .htm, .txt, and .gz) from a file or folder, read through file://."""

    name = "seeds"
    arguments = {
        "path": "a file or folder of saved pages, read recursively (default: seeds)",
        "manifest": "a JSON-lines file mapping the files to their pages' URLs (default: PATH/manifest.jsonl)",
    }
    custom_settings = {
        # local files: no robots.txt, no throttling; read one at a time in sorted order, so that
        # of two copies the dedupe stage always keeps the same one (the first in path order)
        "ROBOTSTXT_OBEY": False,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 1,
    }

    @classmethod
    def check_arguments(cls, path: str = "seeds", manifest: str | None = None, **kwargs) -> None:
        super().check_arguments(**kwargs)
        if not Path(path).expanduser().exists():
            raise InputUnreadable(f"-a path={path}: no such file or folder")
        if manifest and not Path(manifest).expanduser().is_file():
            raise InputUnreadable(f"-a manifest={manifest}: no such file")

    def __init__(self, path: str = "seeds", manifest: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.root = Path(path).expanduser().resolve()
        # the folder the seeds live in: manifest paths must stay inside it
        self.seed_dir = self.root if self.root.is_dir() else self.root.parent
        self.manifest_path = Path(manifest).expanduser().resolve() if manifest else self.seed_dir / "manifest.jsonl"

    def read_manifest(self) -> dict[Path, dict]:
        """path -> {"url", "published"} from the manifest; bad lines are counted and skipped."""
        entries: dict[Path, dict] = {}
        if not self.manifest_path.is_file():
            return entries
        base = self.manifest_path.parent
        with open(self.manifest_path, encoding="utf-8", errors="replace") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{self.manifest_path}:{number}"
                try:
                    entry = json.loads(line)
                except ValueError as exc:
                    self.reject(where, "bad_manifest_line", f"not a manifest entry: {exc}")
                    continue
                problem = manifest_problem(entry)
                if problem:
                    self.reject(where, "bad_manifest_line", f"not a manifest entry: {problem}")
                    continue
                path = (base / entry["path"]).resolve()    # relative to the manifest, or absolute
                if not path.is_relative_to(self.seed_dir):
                    self.reject(where, "manifest_path_outside", f"{entry['path']} is outside the seed folder {self.seed_dir}")
                    continue
                if not path.is_file():
                    self.reject(where, "manifest_missing_file", f"{entry['path']} does not exist")
                    continue
                entries[path] = entry
        return entries

    async def start(self):
        self.check_data_dir()
        if not self.root.exists():
            self.logger.error("Cannot read the seeds: %s: no such file or folder", self.root)
            raise CloseSpider("input_unreadable")
        manifest = self.read_manifest()
        files = seed_files(self.root)
        self.crawler.stats.set_value("newsbot/seed_files", len(files))
        self.crawler.stats.set_value("newsbot/total", len(files))      # for the progress lines
        self.logger.info("Seeds: %d files under %s (manifest: %d entries)", len(files), self.root, len(manifest))
        max_size = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        for path in files:
            real = path.resolve()
            if not real.is_relative_to(self.seed_dir):       # a symbolic link out of the folder
                self.reject(path.as_uri(), "seed_path_outside", f"{path} links to {real}, outside the seed folder {self.seed_dir}")
                continue
            entry = manifest.get(real, {})
            size = real.stat().st_size
            if max_size and size > max_size:
                self.reject(path.as_uri(), "too_large", f"{size} bytes, more than DOWNLOAD_MAXSIZE ({max_size})")
                continue
            yield self.request(
                real.as_uri(), USER,
                callback=self.parse_article,
                meta={"source_url": entry.get("url"), "source_published": entry.get("published"),
                      "seed_path": str(path), "seed_name": path.relative_to(self.seed_dir).as_posix()},
                dont_filter=True,
            )
