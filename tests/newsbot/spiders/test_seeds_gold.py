"""The seed pages come out as a careful reader clips them (../shared/gold), and so do hand-made
variants: other outlets' bylines and copyright lines, EUC-KR text, HTML with a meta charset."""

import html
import json
import re

import pytest

from tests.conftest import GOLD_DIR, ROOT

pytestmark = pytest.mark.shared

SEEDS = {"000": "000_03d8b73ba3cd1737", "002": "002_de77e6a0a0fda483"}


def gold(key):
    return json.loads((GOLD_DIR / f"{SEEDS[key]}.json").read_text(encoding="utf-8"))


def seed_text(key):
    return (ROOT / "seeds" / f"{SEEDS[key]}.txt").read_text(encoding="utf-8")


def assert_matches_gold(record, expected, **overrides):
    expected = {**expected, **overrides}
    for field in ("title", "subtitles", "published", "authors", "publisher", "captions"):
        assert record[field] == expected[field], (field, record[field], expected[field])
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in expected["body"]]
    assert record["text"].split("\n") == paragraphs
    for chrome in expected["not_in_body"]:
        assert chrome not in record["text"], chrome


def test_both_seed_pages_match_their_gold_files(crawl):
    records = {r["url"].rsplit("/", 1)[-1]: r for r in crawl("seeds").corpus}
    for key in SEEDS:
        assert_matches_gold(records[f"{SEEDS[key]}.txt"], gold(key))
    assert records[f"{SEEDS['000']}.txt"]["published"] == "2024-06-14T10:44:00+09:00"
    assert records[f"{SEEDS['002']}.txt"]["published"] is None        # the page gives no date


def _as_euc_kr(text):
    # characters EUC-KR cannot hold, as a real EUC-KR page would print them
    return text.replace("•", "·").replace("\xa0", " ").encode("cp949")


def _as_html(text, charset="euc-kr"):
    lines = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    page = f'<html><head><meta charset="{charset}"><title>page</title></head><body>\n{lines}</body></html>'
    return page.replace("•", "·").replace("\xa0", " ").encode("cp949" if charset == "euc-kr" else charset)


# another outlet's byline and copyright: (replacements in seed 000, publisher then expected)
OUTLETS = {
    "wire": ([("[한국금융신문 홍윤기 기자] ", "(서울=뉴스1) 홍윤기 기자 = "),
              ("홍윤기 한국금융신문 기자 ahyk815@fntimes.com", "홍윤기 기자 ahyk815@news1.kr"),
              ("데일리 금융경제뉴스 Copyright ⓒ 한국금융신문 & FNTIMES.com", "ⓒ 뉴스1, 무단 전재 및 재배포 금지")], "뉴스1"),
    "brackets": ([("[한국금융신문 홍윤기 기자] ", "[이데일리 홍윤기 기자] "),
                  ("홍윤기 한국금융신문 기자 ahyk815@fntimes.com", "홍윤기 기자 (yhong@edaily.co.kr)"),
                  ("데일리 금융경제뉴스 Copyright ⓒ 한국금융신문 & FNTIMES.com", "저작권자 © 이데일리, 무단전재 및 재배포 금지")],
                 "이데일리"),
    "signoff": ([("[한국금융신문 홍윤기 기자] ", ""),
                 ("'글로벌 전략회의'를 열 예정이다.", "'글로벌 전략회의'를 열 예정이다. 홍윤기 기자 yhong@heraldcorp.com"),
                 ("홍윤기 한국금융신문 기자 ahyk815@fntimes.com", ""),
                 ("데일리 금융경제뉴스 Copyright ⓒ 한국금융신문 & FNTIMES.com", "Copyright © 2024 헤럴드경제. All rights reserved.")],
                "헤럴드경제"),
}


def test_variants_give_the_same_record(crawl, tmp_path):
    folder = tmp_path / "variants"
    folder.mkdir()
    for key in SEEDS:
        (folder / f"{key}.euckr.txt").write_bytes(_as_euc_kr(seed_text(key)))
        (folder / f"{key}.euckr.html").write_bytes(_as_html(seed_text(key)))
        (folder / f"{key}.utf8.html").write_bytes(_as_html(seed_text(key), "utf-8"))
    for name, (swaps, _) in OUTLETS.items():
        text = seed_text("000")
        for old, new in swaps:
            assert old in text
            text = text.replace(old, new)
        (folder / f"000.{name}.txt").write_text(text, encoding="utf-8")

    # the variants are copies of each other by design: this crawl runs without the dedupe stage
    no_dedupe = json.dumps({"pipelines.normalize.NormalizePipeline": 100, "pipelines.validate.ValidatePipeline": 200})
    result = crawl("seeds", "-a", f"path={folder}", "-s", f"ITEM_PIPELINES={no_dedupe}")
    records = {r["url"].rsplit("/", 1)[-1]: r for r in result.corpus}
    assert len(records) == 3 * len(SEEDS) + len(OUTLETS)
    for key in SEEDS:
        for variant in ("euckr.txt", "euckr.html", "utf8.html"):
            assert_matches_gold(records[f"{key}.{variant}"], gold(key))
    for name, (_, publisher) in OUTLETS.items():
        assert_matches_gold(records[f"000.{name}.txt"], gold("000"), publisher=publisher)
