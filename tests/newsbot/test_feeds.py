"""Article URLs and their change dates out of sitemaps, news sitemaps, sitemap indexes, RSS and Atom."""

from newsbot.feeds import read_feed

SITEMAP = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>/a/1</loc><lastmod>2026-01-02T10:00:00+09:00</lastmod></url>
<url><loc>https://x.kr/a/2</loc><news:news><news:publication_date>2026-01-03</news:publication_date></news:news></url>
</urlset>"""


def test_sitemap_and_news_sitemap():
    feed = read_feed(SITEMAP, "https://x.kr/sitemap.xml")
    assert feed.kind == "sitemap"
    assert [(e.url, e.lastmod) for e in feed.entries] == [
        ("https://x.kr/a/1", 1767315600.0),                      # 2026-01-02 01:00 UTC
        ("https://x.kr/a/2", 1767366000.0)]                      # midnight in Seoul
    assert feed.entries[1].published == "2026-01-03"


def test_sitemap_index_points_to_sitemaps():
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://x.kr/s1.xml.gz</loc></sitemap></sitemapindex>"""
    feed = read_feed(body)
    assert (feed.kind, feed.sitemaps, feed.entries) == ("sitemapindex", ["https://x.kr/s1.xml.gz"], [])


def test_rss_and_atom():
    rss = read_feed(b"""<rss version="2.0"><channel><title>t</title><item><title>a</title>
        <link>https://x.kr/a/1</link><pubDate>Fri, 02 Jan 2026 10:00:00 +0900</pubDate></item></channel></rss>""")
    assert rss.kind == "rss"
    assert (rss.entries[0].url, rss.entries[0].lastmod, rss.entries[0].published) == (
        "https://x.kr/a/1", 1767315600.0, "2026-01-02T01:00:00+00:00")
    atom = read_feed(b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>a</title>
        <link href="https://x.kr/a/9"/><updated>2026-01-02T01:00:00Z</updated></entry></feed>""")
    assert atom.kind == "atom" and atom.entries[0].lastmod == 1767315600.0


def test_what_is_not_a_feed():
    assert read_feed(b"<html><body>hello</body></html>").kind == "unknown"
    assert read_feed(b"\x00\x01 not xml").kind == "unknown"
    assert read_feed(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>&e;</loc></url></urlset>').entries == []
