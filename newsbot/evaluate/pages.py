"""The pages of an evaluation folder, and each system's output on them keyed by page path."""

from __future__ import annotations

import gzip
import os
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsbot.evaluate.scores import load_jsonl
from newsbot.spiders.seeds import is_seed_file

#: trafilatura alone, in the two configurations a user would try first
TRAFILATURA_CONFIGS = {"trafilatura defaults": {}, "trafilatura favor_precision": {"favor_precision": True}}


def folders(root: Path) -> list[Path]:
    """The evaluation folders under root: those with a manifest.jsonl."""
    return sorted(p for p in root.iterdir() if (p / "manifest.jsonl").is_file())


def pages(folder: Path) -> dict[str, str | None]:
    """page path (relative to the folder) -> its original URL, for every page the manifest lists
    and every saved page under not-articles/ (listed or not)."""
    out = {entry["path"]: entry.get("url") for entry in load_jsonl(folder / "manifest.jsonl")}
    listings = folder / "not-articles"
    if listings.is_dir():
        for path in sorted(listings.iterdir()):
            out.setdefault(path.relative_to(folder).as_posix(), None)
    return out


def seed_path(folder: Path) -> Path:
    """The folder to crawl: the deepest one that holds every page (web-html/pages, not its reference/)."""
    common = Path(os.path.commonpath([str(folder / p) for p in pages(folder)]))
    return common if common.is_dir() else common.parent


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _url_key(url: str) -> str:
    return unquote(url.strip())


def corpus_output(records: list[dict], folder: Path, duplicates: list[dict] = ()) -> dict[str, dict]:
    """The crawl's records keyed by page path: through the manifest's URLs (a URL two entries share
    gives both), or the file:// URL of a page the manifest does not list. A page the dedupe stage
    found a copy of (`duplicates`, the lines of duplicates.jsonl) gets the record it copies: that
    is what the corpus holds for it."""
    by_url: dict[str, list[str]] = {}
    for path, url in pages(folder).items():
        if url:
            by_url.setdefault(_url_key(url), []).append(path)
    by_id = {record.get("id"): record for record in records}
    pairs = [(record.get("url") or "", record) for record in records]
    pairs += [(line.get("url") or "", by_id[line.get("duplicate_of")]) for line in duplicates
              if line.get("duplicate_of") in by_id]
    out = {}
    for url, record in pairs:
        if url.startswith("file:"):
            local = Path(unquote(urlsplit(url).path))
            paths = [local.relative_to(folder).as_posix()] if local.is_relative_to(folder) else []
        else:
            paths = by_url.get(_url_key(url), [])
        for path in paths:
            out.setdefault(path, {key: record.get(key) for key in ("text", "title", "published", "authors")})
    return out


def _trafilatura_page(job) -> tuple[str, dict | None]:
    import trafilatura

    path, file, config = job
    html = read_page(file)
    text = trafilatura.extract(html, **config)
    if not text:
        return path, None
    meta = trafilatura.extract_metadata(html)
    author = meta.author if meta else None
    return path, {"text": text, "title": meta.title if meta else None, "published": meta.date if meta else None,
                  "authors": [a.strip() for a in author.split(";")] if author else []}


def trafilatura_output(folder: Path, config: dict, processes: int) -> dict[str, dict]:
    """trafilatura.extract (the text, with `config`) and extract_metadata (title, date, author) on
    every page, as a user of the bare library would call them."""
    jobs = [(path, folder / path, config) for path in pages(folder)
            if is_seed_file(folder / path)]
    with get_context("spawn").Pool(processes) as pool:
        results = pool.map(_trafilatura_page, jobs, chunksize=8)
    return {path: page for path, page in results if page}
