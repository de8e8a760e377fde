"""The dedupe stage end to end: recurring `scrapy crawl feeds` runs against loopback servers.

Run 1 writes every article once; a mobile page naming the desktop page as canonical and a
near copy on another host go to duplicates.jsonl. Run 2, after the sitemap gains two articles,
appends exactly those two and fetches no old page. Run 3, after one article is edited (its
<lastmod> moves on), appends version 2 of it.
"""

import asyncio
import shutil
import time
from datetime import datetime, timezone

import pytest

from scrapy.utils.test import get_crawler

from newsbot.datadir import DataDir
from newsbot.processors import content_hash
from pipelines.dedupe import DedupePipeline
from tests.conftest import EVAL_DIR, ROOT, near_copy, read_jsonl

FAST = ("-s", "AUTOTHROTTLE_START_DELAY=0.01", "-s", "AUTOTHROTTLE_MAX_DELAY=0.1")
SEED = ROOT / "seeds" / "000_03d8b73ba3cd1737.txt"


def sitemap(entries: list[tuple[str, str]]) -> str:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>{mod}</lastmod></url>" for loc, mod in entries)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def edit(html: str, paragraph: str) -> str:
    snippet = paragraph[:15]
    assert snippet in html
    return html.replace(snippet, "고쳐 쓴 문장, " + snippet[::-1])


@pytest.fixture
def site(tmp_path):
    """Eval article pages, a mobile twin of one, the seed page and its near copy, in one folder."""
    root = tmp_path / "site"
    (root / "articles").mkdir(parents=True)
    (root / "m").mkdir()
    pages = sorted((EVAL_DIR / "articles").glob("mk.co.kr_*.html"))
    for page in pages:
        shutil.copy(page, root / "articles" / page.name)
    shutil.copy(pages[0], root / "m" / pages[0].name)
    (root / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "copy.txt").write_text(near_copy(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    return root, [p.name for p in pages]


@pytest.mark.shared
def test_recurring_feed_crawls(crawl, http_server, site, tmp_path):
    root, names = site
    base = http_server(root)
    other_host = http_server(root, host="127.0.0.2")
    data = tmp_path / "data"
    first, later = names[:-2], names[-2:]
    day1 = "2026-01-02T09:00:00+09:00"

    def publish(article_names, lastmod=None):
        entries = [(f"{base}/articles/{n}", (lastmod or {}).get(n, day1)) for n in article_names]
        entries += [(f"{base}/m/{names[0]}", day1), (f"{base}/seed.txt", day1), (f"{other_host}/copy.txt", day1)]
        (root / "sitemap.xml").write_text(sitemap(entries), encoding="utf-8")

    def run():      # the near copy is on another loopback address: allowed by name (newsbot.urlpolicy)
        return crawl("feeds", "-a", f"feeds={base}/sitemap.xml", "-s", "NEWSBOT_ALLOWED_HOSTS=127.0.0.2", *FAST,
                     data_dir=data)

    # run 1: every article once; the mobile twin and the near copy are duplicates
    publish(first)
    run1 = run()
    corpus1 = run1.corpus
    assert len(corpus1) == len(first) + 1                      # the articles and the seed page
    assert len({r["id"] for r in corpus1}) == len(corpus1)
    assert all(r["version"] == 1 for r in corpus1)
    duplicates = read_jsonl(data / "duplicates.jsonl")
    by_kind = {d["kind"]: d for d in duplicates}
    assert len(duplicates) == 2 and set(by_kind) == {"exact", "near"}
    twin_urls = {f"{base}/articles/{names[0]}", f"{base}/m/{names[0]}"}
    exact = by_kind["exact"]
    kept = [r for r in corpus1 if r["id"] == exact["duplicate_of"]]
    assert len(kept) == 1 and {exact["url"], kept[0]["url"]} == twin_urls
    near = by_kind["near"]
    original = [r for r in corpus1 if r["id"] == near["duplicate_of"]]
    assert len(original) == 1
    assert {near["url"], original[0]["url"]} == {f"{base}/seed.txt", f"{other_host}/copy.txt"}
    assert 0.33 <= near["similarity"] < 1
    assert set(near) == {"url", "id", "duplicate_of", "kind", "similarity", "seen_at"}
    assert run1.stat("newsbot/dedupe/exact") == 1 and run1.stat("newsbot/dedupe/near") == 1

    # run 2: the sitemap gains two articles; exactly those are fetched and appended
    publish(names)
    base.requested.clear()
    run2 = run()
    corpus2 = run2.corpus
    assert corpus2[: len(corpus1)] == corpus1                 # appended to, never rewritten
    added = corpus2[len(corpus1):]
    assert sorted(r["url"] for r in added) == sorted(f"{base}/articles/{n}" for n in later)
    fetched_articles = {p for p in base.requested if p.startswith(("/articles/", "/m/", "/seed"))}
    assert fetched_articles == {f"/articles/{n}" for n in later}
    assert run2.stat("newsbot/skipped/known") == len(first) + 3
    assert len(read_jsonl(data / "duplicates.jsonl")) == 2

    # run 3: one article is edited and its <lastmod> moves on: version 2 is appended
    edited = names[1]
    page = root / "articles" / edited
    before = next(r for r in corpus2 if r["url"] == f"{base}/articles/{edited}")
    time.sleep(1.1)                     # edited after run 2 fetched it (sitemap dates are to the second)
    page.write_text(edit(page.read_text(encoding="utf-8"), before["text"].split("\n")[1]), encoding="utf-8")
    publish(names, lastmod={edited: datetime.now(timezone.utc).isoformat(timespec="seconds")})
    corpus3 = run().corpus
    assert corpus3[: len(corpus2)] == corpus2
    (version2,) = corpus3[len(corpus2):]
    assert version2["id"] == before["id"] and version2["version"] == 2
    assert version2["content_hash"] != before["content_hash"] and "고쳐 쓴 문장" in version2["text"]


def test_a_second_seeds_crawl_appends_nothing(crawl, tmp_path):
    data = tmp_path / "data"
    first = crawl("seeds", data_dir=data)
    assert len(first.corpus) == 2 and first.stat("newsbot/dedupe/new") == 2
    before = (data / "corpus.jsonl").read_bytes()
    second = crawl("seeds", data_dir=data)
    assert (data / "corpus.jsonl").read_bytes() == before
    assert second.stat("newsbot/dedupe/unchanged") == 2
    assert not (data / "duplicates.jsonl").exists()


def test_copies_among_the_seeds_are_judged_the_same_way_every_time(crawl, tmp_path):
    """Same inputs in the same order: identical corpus and duplicates (bar the clock)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    (seeds / "b.txt").write_text(near_copy(text), encoding="utf-8")
    (seeds / "c.txt").write_text(text, encoding="utf-8")

    def outputs(name):
        result = crawl("seeds", "-a", f"path={seeds}", data_dir=tmp_path / name)
        corpus = [{k: v for k, v in r.items() if k != "fetched_at"} for r in result.corpus]
        dups = [{k: v for k, v in d.items() if k != "seen_at"} for d in read_jsonl(tmp_path / name / "duplicates.jsonl")]
        return corpus, dups

    corpus, dups = outputs("one")
    assert [r["url"].rsplit("/", 1)[1] for r in corpus] == ["a.txt"]       # the first copy is kept
    assert sorted((d["url"].rsplit("/", 1)[1], d["kind"]) for d in dups) == [("b.txt", "near"), ("c.txt", "exact")]
    assert outputs("two") == (corpus, dups)


def test_copies_are_listed_in_the_order_they_came_though_one_waits_for_its_original(tmp_path):
    """A copy whose original's line is still to come waits for that line; a later copy of an
    article already written is judged at once, yet its duplicates line comes second: the file's
    order does not depend on when lines get written (with worker processes or without)."""
    datadir = DataDir(tmp_path)
    stage = DedupePipeline(datadir, get_crawler().stats)
    first, second = (path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))

    def judge(url: str, text: str) -> asyncio.Task:
        page = {"url": url, "id": url.rsplit("/", 1)[1], "content_hash": content_hash(text), "text": text}
        return asyncio.ensure_future(stage.process_item(page))

    async def crawl():
        written, pending = judge("http://a/x", first), judge("http://a/y", second)
        await asyncio.sleep(0)
        datadir.item_written(written.result())                       # x's line is written, y's is not
        copies = [judge("http://b/y-copy", near_copy(second)), judge("http://b/x-copy", first)]
        for _ in range(3):
            await asyncio.sleep(0)
        assert not any(copy.done() for copy in copies) and not datadir.duplicates.exists()
        datadir.item_written(pending.result())
        return await asyncio.gather(*copies, return_exceptions=True)

    assert [verdict.kind for verdict in asyncio.run(crawl())] == ["near", "exact"]
    assert [(d["url"], d["duplicate_of"]) for d in read_jsonl(datadir.duplicates)] == \
        [("http://b/y-copy", "y"), ("http://b/x-copy", "x")]
    datadir.close()


def test_a_second_crawl_on_a_busy_data_folder_refuses(crawl, tmp_path):
    data = tmp_path / "data"
    holder = DataDir(data)
    holder.lock()                       # another crawl holds the folder
    try:
        result = crawl("seeds", data_dir=data, expect=3)       # exit status 3: refused
    finally:
        holder.close()
    assert "Refusing to crawl" in result.log and "is in use by another crawl" in result.log
    assert "'finish_reason': 'data_dir_busy'" in result.log
    assert result.corpus == []
