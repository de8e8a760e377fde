"""Bytes to text: encodings are detected, not trusted; gzip is unwrapped within bounds."""

import gzip

import pytest

from newsbot.extract.decode import UnreadableInput, decode, is_html, looks_binary, unwrap
from tests.conftest import EVAL_DIR, ROOT

SEED = (ROOT / "seeds" / "000_03d8b73ba3cd1737.txt").read_text(encoding="utf-8")


@pytest.mark.shared
def test_a_page_declaring_euc_kr_whose_bytes_are_utf8_decodes_as_utf8():
    body = (EVAL_DIR / "articles" / "news.naver.com_oid025_aid0003017071.html").read_bytes()
    assert b"euc-kr" in body[:5000].lower()
    text, encoding = decode(body, "text/html; charset=euc-kr")
    assert encoding == "utf-8" and "기자협회" in text


def test_real_euc_kr_bytes_decode_with_or_without_a_declaration():
    body = SEED.encode("cp949", errors="replace")
    for content_type in (None, "text/plain; charset=euc-kr", "text/html; charset=utf-8"):
        text, encoding = decode(body, content_type)
        assert encoding == "cp949" and "이재용 미국 출장 끝마쳐" in text


def test_html_meta_charset_is_used_when_it_fits():
    body = '<html><head><meta charset="euc-kr"><title>제목</title></head><body>한국어 본문</body></html>'.encode("cp949")
    text, encoding = decode(body)
    assert encoding == "cp949" and "한국어 본문" in text


def test_gzip_is_unwrapped_and_bounded():
    packed = gzip.compress(SEED.encode("utf-8"))
    assert unwrap(packed).decode("utf-8") == SEED
    with pytest.raises(UnreadableInput) as truncated:
        unwrap(packed[: len(packed) // 2])
    assert truncated.value.reason == "truncated_gzip"
    with pytest.raises(UnreadableInput) as bomb:
        unwrap(gzip.compress(b"\0" * 10_000_000), max_size=1_000_000)
    assert bomb.value.reason == "too_large"


def test_binary_is_recognised():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert not looks_binary(SEED.encode("utf-8"))


def test_html_is_told_from_a_text_dump():
    assert is_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert not is_html(SEED, "file:///seeds/000.txt")
    assert is_html("<div><p>본문</p></div>" * 3, "file:///page.txt")
