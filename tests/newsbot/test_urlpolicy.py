"""What a remote document names is untrusted: a feed, a sitemap or a redirect never makes the
crawler read a local file or reach a host the user did not allow (newsbot.urlpolicy), and a page
cannot take another site's article id with its canonical URL."""

from __future__ import annotations

import pytest

from newsbot.urlpolicy import USER, BlockedUrl, UrlPolicy
from tests.conftest import article_page, bench_articles, read_jsonl, run_crawl, write_pages

SECRET = "SECRET-MARKER-7f3a"


def blocked(policy: UrlPolicy, url: str, origin, address: str | None = None) -> bool:
    try:
        policy.check_name(url, origin)
        if address:
            policy.check_address(url, origin, address)
    except BlockedUrl:
        return True
    return False


@pytest.mark.parametrize("url, origin, address, is_blocked", [
    ("file:///etc/passwd", "http://feeds.example/rss", None, True),        # a local file a feed lists
    ("file:///data/seeds/a.html", USER, None, False),                      # a file the user named
    ("ftp://example.org/a", USER, None, True),
    ("data:text/html,hello", "http://feeds.example/rss", None, True),
    ("s3://bucket/key", USER, None, True),
    ("http://169.254.169.254/latest/meta-data/", USER, "169.254.169.254", True),   # link-local, always
    ("http://127.0.0.1:9000/a", "http://feeds.example/rss", "127.0.0.1", True),    # loopback from another host
    ("http://127.0.0.1:9000/a", "http://127.0.0.1:8000/rss", "127.0.0.1", True),   # another port is another host
    ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/rss", "127.0.0.1", False),  # the feed's own host
    ("http://127.0.0.1:9000/a", USER, "127.0.0.1", False),                         # the user named it
    ("http://intranet.example/a", "http://feeds.example/rss", "10.1.2.3", True),   # a name for a private address
    ("http://news.example/a", "http://feeds.example/rss", "93.184.216.34", False),
])
def test_the_policy(url, origin, address, is_blocked):
    assert blocked(UrlPolicy(), url, origin, address) is is_blocked


def test_allow_and_deny_lists():
    policy = UrlPolicy(allowed_hosts=["127.0.0.1:9000", "10.0.0.0/8"], denied_hosts=["bad.example", "192.0.2.0/24"])
    assert not blocked(policy, "http://127.0.0.1:9000/a", "http://feeds.example/rss", "127.0.0.1")
    assert not blocked(policy, "http://intranet/a", "http://feeds.example/rss", "10.9.9.9")
    assert blocked(policy, "http://bad.example/a", USER)
    assert blocked(policy, "http://ok.example/a", USER, "192.0.2.7")
    domains = UrlPolicy(allowed_domains=["example.org"])
    assert not blocked(domains, "https://news.example.org/a", USER)
    assert blocked(domains, "https://example.net/a", USER)


@pytest.fixture
def hostile(tmp_path, http_server):
    """A loopback feed server whose RSS feed lists local files, other schemes, the metadata
    address, another loopback server's page, and one good page of its own."""
    secret_dir = tmp_path / "secret"
    secret_dir.mkdir()
    (secret_dir / "secret.html").write_bytes(article_page("비밀 문서", (f"{SECRET} " + "내부 문서의 내용이다. " * 80)))
    (secret_dir / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{(secret_dir / "secret.html").as_uri()}</loc></url></urlset>')
    articles = bench_articles(2)
    other_dir = tmp_path / "other"
    write_pages(other_dir, articles[1:], prefix="other")
    other = http_server(other_dir)
    site = tmp_path / "site"
    write_pages(site, articles[:1], prefix="good")
    good = None
    served = http_server(site)
    good = f"{served}/good-000.html"
    listed = [(secret_dir / "secret.html").as_uri(), "file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/html,hi",
              "http://169.254.169.254/latest/meta-data/", f"{other}/other-000.html", good]
    items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in listed)
    (site / "feed.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>')
    (site / "index.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f'<sitemap><loc>{(secret_dir / "sitemap.xml").as_uri()}</loc></sitemap></sitemapindex>')
    return {"feed": f"{served}/feed.xml", "index": f"{served}/index.xml", "other": other, "good": good,
            "listed": listed, "other_url": f"{other}/other-000.html"}


def everything_written(data_dir) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in data_dir.glob("*.jsonl"))


def test_a_hostile_feed_reaches_only_its_own_host(tmp_path, hostile):
    result = run_crawl("feeds", tmp_path / "data", "-a", f"feeds={hostile['feed']},{hostile['index']}")
    corpus = result.corpus
    assert [r["url"] for r in corpus] == [hostile["good"]]
    written = everything_written(result.data_dir)
    assert SECRET not in written and "root:" not in written and "/etc/passwd" in written
    rejects = read_jsonl(result.data_dir / "rejects.jsonl")
    assert {r["reason"] for r in rejects} == {"blocked_url"}
    # each listed URL but the good one, and the local sitemap the index names (feedparser writes
    # file:///x as file://x)
    tails = sorted(r["url"].replace("file:///", "file://") for r in rejects)
    assert tails == sorted(u.replace("file:///", "file://") for u in
                           hostile["listed"][:-1] + [(tmp_path / "secret" / "sitemap.xml").as_uri()])
    assert hostile["other"].requested == []                  # the other loopback port was never asked
    assert "Blocked: " in result.log and result.stat("newsbot/blocked") == 7


def test_an_allowed_host_is_reached(tmp_path, hostile):
    other = hostile["other"].split("//", 1)[1]
    result = run_crawl("feeds", tmp_path / "data", "-a", f"feeds={hostile['feed']}",
                       "-s", f"NEWSBOT_ALLOWED_HOSTS={other}")
    assert {r["url"] for r in result.corpus} == {hostile["good"], hostile["other_url"]}


def test_allowed_domains_keep_the_crawl_on_them(tmp_path, http_server):
    site = tmp_path / "site"
    write_pages(site, bench_articles(2), prefix="p")
    base = http_server(site)
    port = base.rsplit(":", 1)[1]
    local = f"http://localhost:{port}"
    (site / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>'
        f'<item><title>a</title><link>{local}/p-000.html</link></item>'
        f'<item><title>b</title><link>{base}/p-001.html</link></item></channel></rss>')
    result = run_crawl("feeds", tmp_path / "data", "-a", f"feeds={local}/feed.xml", "-a", "allowed_domains=localhost")
    assert [r["url"] for r in result.corpus] == [f"{local}/p-000.html"]
    rejects = read_jsonl(result.data_dir / "rejects.jsonl")
    assert [(r["url"], r["reason"]) for r in rejects] == [(f"{base}/p-001.html", "blocked_url")]
    assert "allowed domains" in rejects[0]["message"]


def test_a_cross_site_canonical_is_not_trusted(tmp_path, http_server):
    """A page on one site that names another site's article as its canonical URL keeps its own
    id, and the real article is still written when it comes; a canonical on the same site is
    trusted (the tracking copy of a page gets the page's id)."""
    first, second = bench_articles(2)
    real_site, fake_site = tmp_path / "real", tmp_path / "fake"
    real_site.mkdir()
    fake_site.mkdir()
    real = http_server(real_site)
    fake = http_server(fake_site)
    real_url = f"{real}/article.html"
    (real_site / "article.html").write_bytes(article_page(first["title"], first["text"], canonical=real_url))
    (fake_site / "claim.html").write_bytes(article_page(second["title"], second["text"], canonical=real_url))
    result = run_crawl("urls", tmp_path / "data", "-a", f"urls={fake}/claim.html,{real_url}?utm_source=x")
    by_url = {r["url"]: r for r in result.corpus}
    claim = by_url[f"{fake}/claim.html"]
    assert claim["canonical_url"] == f"{fake}/claim.html"
    article = by_url[f"{real_url}?utm_source=x"]
    assert article["canonical_url"] == real_url and article["id"] != claim["id"]
    assert result.stat("newsbot/dedupe/new") == 2


def test_sitemap_indexes_nest_only_so_deep(tmp_path, http_server):
    site = tmp_path / "site"
    site.mkdir()
    base = http_server(site)
    for depth in range(150):
        (site / f"index-{depth}.xml").write_text(
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f'<sitemap><loc>{base}/index-{depth + 1}.xml</loc></sitemap></sitemapindex>')
    result = run_crawl("feeds", tmp_path / "data", "-a", f"feeds={base}/index-0.xml", "-s", "NEWSBOT_FEED_MAX_DEPTH=3",
                       expect=0)
    assert sorted(base.requested) == sorted(["/robots.txt"] + [f"/index-{d}.xml" for d in range(4)])
    rejects = read_jsonl(result.data_dir / "rejects.jsonl")
    assert [(r["url"], r["reason"]) for r in rejects] == [(f"{base}/index-4.xml", "feed_too_deep")]


def test_seed_links_and_manifest_urls_stay_inside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_bytes(article_page("비밀", f"{SECRET} " + "내부 문서의 내용이다. " * 80))
    seeds = tmp_path / "seeds"
    write_pages(seeds, bench_articles(1), prefix="good")
    (seeds / "link.html").symlink_to(outside / "secret.html")
    (seeds / "manifest.jsonl").write_text('{"path": "good-000.html", "url": "file:///etc/passwd"}\n')
    result = run_crawl("seeds", tmp_path / "data", "-a", f"path={seeds}")
    assert len(result.corpus) == 1 and SECRET not in everything_written(result.data_dir)
    reasons = sorted(r["reason"] for r in read_jsonl(result.data_dir / "rejects.jsonl"))
    assert reasons == ["bad_manifest_line", "seed_path_outside"]


def test_a_page_that_takes_too_long_is_rejected_and_the_crawl_goes_on(tmp_path):
    """A page with 100,000 links keeps trafilatura busy for many seconds: past
    NEWSBOT_CALL_TIMEOUT its worker is killed, the page rejected, the next page still written."""
    seeds = tmp_path / "seeds"
    write_pages(seeds, bench_articles(1), prefix="z-good")
    links = "".join(f'<li><a href="/l/{i}">항목 {i}</a></li>' for i in range(100_000))
    (seeds / "a-links.html").write_text(f"<html><body><article><p>목록</p><ul>{links}</ul></article></body></html>",
                                        encoding="utf-8")
    result = run_crawl("seeds", tmp_path / "data", "-a", f"path={seeds}", "-s", "NEWSBOT_CALL_TIMEOUT=2",
                       "-s", "NEWSBOT_WORKERS=1")
    assert [r["url"].rsplit("/", 1)[1] for r in result.corpus] == ["z-good-000.html"]
    rejects = read_jsonl(result.data_dir / "rejects.jsonl")
    assert [(r["url"].rsplit("/", 1)[1], r["reason"]) for r in rejects] == [("a-links.html", "extraction_timeout")]
