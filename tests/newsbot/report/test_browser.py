"""The report in a real browser: headless Chromium renders the seeds' story page, a story whose
outlets disagree, one whose figure was updated, and the index, from disk; the rendered DOM is read.

Chromium comes from the system's packages (.ci/run installs it when it is absent); without it the
tests are skipped here, and fail under CI."""

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from lxml import html

from tests.newsbot.report.stories import CONFLICT_STORY, UPDATED_STORY
from tests.newsbot.report.test_site import add_stories, report

CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
                None)
# Flags for a machine without a display or network (Chromium's own background connections refused)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("Chromium is not installed (.ci/run installs it)", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def rendered(page: Path, profile: Path):
    """The DOM Chromium renders for a file, parsed."""
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return html.fromstring(proc.stdout)


def local_targets(tree, page: Path) -> list[Path]:
    """The files the page's links lead to on this disk (web links left out)."""
    targets = []
    for href in tree.xpath("//a/@href"):
        url = urljoin(page.as_uri(), href)
        if url.startswith("file:"):
            targets.append(Path(unquote(urlsplit(url).path)))
    return targets


@pytest.fixture(scope="module")
def site(seeds_crawl, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    data = tmp / "data"
    shutil.copytree(seeds_crawl.data_dir, data)
    add_stories(data, CONFLICT_STORY, UPDATED_STORY)
    report(data, tmp / "site")
    return tmp / "site", seeds_crawl.corpus[0]["story_id"], tmp / "profile"


def test_the_seeds_story_page_shows_the_facts_table_with_marked_claims_and_working_links(site):
    folder, story_id, profile = site
    page = folder / "stories" / f"{story_id}.html"
    tree = rendered(page, profile)
    rows = tree.xpath("//table[@class='facts']/tbody/tr[contains(@class, 'fact')]")
    assert len(rows) >= 8
    trip = [r for r in rows if r.xpath("string(td[1])") == "출장 기간"][0]
    assert trip.get("data-status") == "agreed" and trip.xpath("string(td[5])") == "2"
    claims = tree.xpath("//tr[@data-fact=$id]//li", id=trip.get("id"))
    assert {c.xpath("string(.//mark)") for c in claims} == {"약 2주간"}
    assert {c.xpath("string(span[@class='source'])") for c in claims} == {"한국금융신문", "싱글리스트"}
    targets = local_targets(tree, page)
    assert folder / "index.html" in targets
    assert any(t.parent.name == "seeds" for t in targets) and all(t.exists() for t in targets)


def test_a_conflict_and_an_update_render_as_such(site):
    folder, _, profile = site
    conflict = rendered(folder / "stories" / "sconflict0000001.html", profile)
    (row,) = conflict.xpath("//tr[contains(@class, 'fact')][@data-status='conflict']")
    assert "status-conflict" in row.get("class") and "also stated: 5" in row.text_content()
    updated = rendered(folder / "stories" / "supdated0000001.html", profile)
    (row,) = updated.xpath("//tr[contains(@class, 'fact')][@data-status='updated']")
    assert "earlier: 80" in row.text_content()
    assert "a copy of 마바신문" in updated.xpath("string(//table[@class='timeline'])")


def test_the_index_lists_conflicts_first_and_every_link_resolves(site):
    folder, story_id, profile = site
    page = folder / "index.html"
    tree = rendered(page, profile)
    stories = tree.xpath("//table[@id='stories']/tbody/tr/@data-story")
    assert stories[:2] == ["sconflict0000001", "supdated0000001"] and story_id in stories
    targets = local_targets(tree, page)
    assert len(targets) == 3 and all(t.exists() for t in targets)
