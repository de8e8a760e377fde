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


# --- English pages (newsbot/rules/en.toml) ------------------------------------------------------

def test_an_english_wire_dateline_and_byline_line_are_removed():
    item = normalize(language="en", text="By Kim Min-ji and Lee Haye-ah\nSEOUL, June 14 (Yonhap) -- Samsung said so on "
                                         "Friday.\nThe trip lasted two weeks.")
    assert item["text"] == "Samsung said so on Friday.\nThe trip lasted two weeks."
    assert item["authors"] == ["Kim Min-ji", "Lee Haye-ah"] and item["publisher"] == "Yonhap"


def test_an_english_wire_story_ends_at_its_end_mark_or_its_credits():
    assert normalize(language="en", text="Samsung said so.\n(END)\nRelated articles\nOther headline")["text"] == \
        "Samsung said so."
    assert normalize(language="en", text="Samsung said so.\nReporting by Joyce Lee; Editing by Jane Doe")["text"] == \
        "Samsung said so."


def test_an_english_list_heading_or_newsletter_box_inside_an_article_goes_alone():
    item = normalize(language="en", text="First paragraph.\nRelated\nSign up for our daily Korea business newsletter\n"
                                         "The article goes on.")
    assert item["text"] == "First paragraph.\nThe article goes on."


def test_english_rules_never_touch_a_korean_page_nor_the_reverse():
    korean = "본문 문장이다.\nRelated articles\n다음 문장이다."
    assert normalize(text=korean)["text"] == korean
    english = "Samsung said so.\n관련기사\nThe article goes on."
    assert normalize(language="en", text=english)["text"] == english
