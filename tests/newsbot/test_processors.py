"""Field processors: small pure functions used by the loader and the pipelines."""

import pytest

from newsbot.processors import (canonicalize_url, clean_line, clean_paragraphs, clean_text, content_hash,
                                date_precision, host_of, numeric_date, site_of, stable_id, to_iso_datetime,
                                trusted_canonical, unique)


@pytest.mark.parametrize("written, iso", [
    ("2024-06-14 10:44", "2024-06-14T10:44:00+09:00"),
    ("기사입력 2024.06.14. 오후 3:05", "2024-06-14T15:05:00+09:00"),
    ("2024.06.14(금) 오전 12:30", "2024-06-14T00:30:00+09:00"),
    ("2025-05-15T20:00:52.000+0900", "2025-05-15T20:00:52+09:00"),
    ("2023-04-18T06:04:06Z", "2023-04-18T15:04:06+09:00"),
    ("2026.01.29 18:40", "2026-01-29T18:40:00+09:00"),
    ("2024년 6월 14일 10시 44분", "2024-06-14T10:44:00+09:00"),
    ("20250528182146", "2025-05-28T18:21:46+09:00"),
    ("2024.06.14", "2024-06-14T00:00:00+09:00"),       # the day only: its midnight, a full timestamp
    ("no date here", None),
    ("2024-13-45 10:00", None),
    (None, None),
])
def test_dates_become_iso_8601_with_offset(written, iso):
    assert to_iso_datetime(written) == iso


@pytest.mark.parametrize("written, precision", [
    ("2024.06.14", "day"), ("2024-06-14 10:44", "minute"), ("2023-04-18T06:04:06Z", "second"),
    ("기사입력 2024.06.14. 오후 3:05", "minute"), ("20250528182146", "second"), ("no date", None), (None, None),
])
def test_a_date_keeps_the_precision_the_page_gave(written, precision):
    assert date_precision(written) == precision


def test_local_times_take_the_configured_zone():
    assert to_iso_datetime("2024-06-14 10:44", tz="UTC") == "2024-06-14T10:44:00+00:00"


def test_a_stated_offset_is_converted_or_kept_as_the_page_wrote_it():
    assert to_iso_datetime("2020-01-16T12:20:33-05:00") == "2020-01-17T02:20:33+09:00"
    assert to_iso_datetime("2020-01-16T12:20:33-05:00", keep_offset=True) == "2020-01-16T12:20:33-05:00"
    assert to_iso_datetime("2020-01-16T17:20:33Z", keep_offset=True) == "2020-01-16T17:20:33+00:00"
    assert to_iso_datetime("2020-01-16 10:00", keep_offset=True) == "2020-01-16T10:00:00+09:00"   # no offset: tz


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


@pytest.mark.parametrize("written, numeric", [
    ("June 13, 2024 10:03", "2024-06-13 10:03"),
    ("13 June 2024", "2024-06-13"),
    ("Jun. 13, 2024 at 3:05 p.m.", "2024-06-13 15:05"),
    ("Sept. 3, 2023, 11:20 AM KST", "2023-09-03 11:20 KST"),
    ("Dec 1, 2023, 12:05 am", "2023-12-01 00:05"),
    ("2024-06-13 10:03", "2024-06-13 10:03"),           # already numeric
    ("Junebug 13, 2024", "Junebug 13, 2024"),           # not a month
])
def test_a_month_written_as_a_word_becomes_its_number(written, numeric):
    assert numeric_date(written, MONTHS) == numeric


def test_text_is_nfc_without_invisible_characters_or_runs_of_space():
    decomposed = "\u1112\u1161\u11ab"          # 한 as conjoining jamo
    assert clean_text(f"  {decomposed}\u200b\u00a0 국  \r\n\n 말 ") == "한 국\n\n말"
    assert clean_line("제목\n 둘") == "제목 둘"
    assert clean_paragraphs("하나\n\n  \n둘 ") == "하나\n둘"


def test_unique_keeps_first_occurrence_order():
    assert unique(["b", "a", "b", "", None, "a"]) == ["b", "a"]


def test_canonical_url_drops_tracking_parameters_and_fragment():
    url = "HTTPS://WWW.Example.com:443/news/1?id=7&utm_source=x&utm_medium=y&trc=1&OutUrl=naver#top"
    assert canonicalize_url(url) == "https://www.example.com/news/1?id=7"
    assert canonicalize_url("file:///tmp/a.html") == "file:///tmp/a.html"


def test_host_ids_and_hashes():
    assert host_of("https://www.fntimes.com/html/view.php?ud=1") == "fntimes.com"
    assert host_of("https://m.mk.co.kr/news/1") == "mk.co.kr"
    assert host_of("file:///seeds/a.txt") is None
    assert stable_id("https://a/1") == stable_id("https://a/1") != stable_id("https://a/2")
    assert len(stable_id("https://a/1")) == 16
    assert content_hash("가  나\n다") == content_hash("가 나 다")


def test_a_canonical_url_is_trusted_on_the_page_s_own_site_only():
    assert site_of("https://news.mk.co.kr/a") == site_of("http://www.mk.co.kr/b") == "mk.co.kr"
    assert site_of("http://127.0.0.1:8000/a") != site_of("http://127.0.0.1:9000/a")
    assert trusted_canonical("https://www.mk.co.kr/news/1", "https://m.mk.co.kr/news/1?utm_source=x")
    assert not trusted_canonical("https://www.hankookilbo.com/news/1", "https://copy.example.com/news/1")
    assert not trusted_canonical("file:///etc/passwd", "https://www.mk.co.kr/news/1")
    assert trusted_canonical("https://www.mk.co.kr/news/1", "file:///data/seeds/a.html")    # a saved page the user named
