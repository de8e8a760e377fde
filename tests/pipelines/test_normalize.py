"""Normalize stage: bylines, widgets, captions and footers out of the body; names only in authors."""

import asyncio

from newsbot.items import Article
from newsbot.rules import load_rules
from pipelines.normalize import NormalizePipeline

PIPELINE = NormalizePipeline(load_rules())


def normalize(**fields):
    defaults = {"title": "제목", "subtitles": [], "authors": [], "captions": [], "publisher": None, "source": None,
                "language": "ko"}
    return asyncio.run(PIPELINE.process_item(Article({**defaults, **fields})))


def test_a_bracketed_byline_leaves_the_first_paragraph_and_names_the_author():
    item = normalize(text="[한국금융신문 홍윤기 기자] 이재용닫기이재용광고보고 기사보기 삼성전자 회장은 만났다.\n둘째 문단이다.")
    assert item["text"] == "이재용 삼성전자 회장은 만났다.\n둘째 문단이다."
    assert item["authors"] == ["홍윤기"] and item["publisher"] == "한국금융신문"


def test_a_wire_dateline_and_a_sign_off_are_removed():
    item = normalize(text="(서울=연합뉴스) 김철수 기자 = 정부가 발표했다.\n내용이 이어진다.\n김철수 기자 kcs@yna.co.kr")
    assert item["text"] == "정부가 발표했다.\n내용이 이어진다."
    assert item["authors"] == ["김철수"] and item["publisher"] == "연합뉴스"


def test_the_footer_and_everything_after_it_is_cut():
    item = normalize(text="본문 문장이다.\nCopyright ⓒ 어느신문 무단 전재 및 재배포 금지\n[관련기사]\n다른 기사 제목")
    assert item["text"] == "본문 문장이다."


def test_captions_are_kept_once_and_never_in_the_body():
    caption = "회장이 기념촬영을 하고 있다./사진 = 삼성전자"
    item = normalize(text=f"{caption}이미지 확대보기\n{caption}\n본문이다.", captions=[caption + "이미지 확대보기", caption])
    assert item["captions"] == [caption]
    assert item["text"] == "본문이다."


def test_an_outlet_name_is_never_an_author():
    item = normalize(text="본문이다.", authors=["한국일보", "박준석 기자 외 1명"], publisher="한국일보")
    assert item["authors"] == ["박준석"]


def test_content_hash_follows_the_final_text():
    a = normalize(text="본문이다.\n[관련기사]")
    b = normalize(text="본문이다.")
    assert a["content_hash"] == b["content_hash"]


def test_an_outlet_a_byline_names_is_never_an_author():
    item = normalize(text="[헤럴드경제=한지숙 기자] 경찰이 압수수색에 나섰다.\n둘째 문단이다.", authors=["헤럴드경제 | 네이버"])
    assert item["text"] == "경찰이 압수수색에 나섰다.\n둘째 문단이다."
    assert item["authors"] == ["한지숙"]
