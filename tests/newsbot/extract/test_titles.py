"""Titles: the headline as the page shows it, never a site name, section name or menu label."""

import pytest

from newsbot.extract import extract
from newsbot.extract.titles import choose_title
from newsbot.rules import load_rules

RULES = load_rules()
DUMP_BODY = ("삼성전자가 올해 2분기 영업이익 10조원을 넘어섰다고 5일 밝혔다. 반도체 부문이 실적을 이끌었다는 분석이 나온다.\n"
             "메모리 가격이 오르면서 수익성이 크게 좋아졌다는 것이 회사 측의 설명이다. 업계는 하반기에도 개선세가 이어질 것으로 본다.\n")
BODY = "코로나19 극복을 위한 특별모금이 이어지고 있다. 세종시는 4일 성금 기탁식을 열었다고 밝혔다."


@pytest.mark.parametrize("candidates, headings, expected", [
    (["대전일보 모바일 :: 코로나19 극복 성금 기탁 줄 잇는다"], ["코로나19 극복 성금 기탁 줄 잇는다"], "코로나19 극복 성금 기탁 줄 잇는다"),
    (["코로나19 극복 성금 기탁 줄 잇는다 - 대전일보"], [], "코로나19 극복 성금 기탁 줄 잇는다"),
    (["대전일보", "코로나19 극복 성금 기탁 줄 잇는다"], [], "코로나19 극복 성금 기탁 줄 잇는다"),              # the site's name
    ([".ad-slot{display:none}", "코로나19 극복 성금 기탁 줄 잇는다"], [], "코로나19 극복 성금 기탁 줄 잇는다"),  # CSS
    (["산업 전기·전자", "코로나19 극복 성금 기탁 줄 잇는다"], [], "코로나19 극복 성금 기탁 줄 잇는다"),          # a section
    (["top of page", "코로나19 극복 성금 기탁 줄 잇는다"], [], "코로나19 극복 성금 기탁 줄 잇는다"),             # a nav label
    (["{코로나19} 극복 성금 기탁 줄 잇는다"], [], "{코로나19} 극복 성금 기탁 줄 잇는다"),                     # braces, not CSS
    (["오늘의 날씨와 운세", "코로나19 극복 성금 기탁 줄 잇는다"], [], "코로나19 극복 성금 기탁 줄 잇는다"),       # not borne out
])
def test_the_headline_is_chosen_among_the_candidates(candidates, headings, expected):
    assert choose_title(candidates, headings, BODY, ["대전일보"], RULES.is_not_title) == expected


def test_with_no_usable_candidate_there_is_no_title():
    assert choose_title(["대전일보", None, "  "], [], BODY, ["대전일보"], RULES.is_not_title) is None


def test_an_html_page_wrapping_its_headline_in_the_site_name_gives_the_headline():
    page = ("<html lang=ko><head><title>대전일보 모바일 :: 코로나19 극복 성금 기탁 줄 잇는다</title>"
            '<meta property="og:title" content="대전일보 모바일 :: 코로나19 극복 성금 기탁 줄 잇는다">'
            '<meta property="og:site_name" content="대전일보"></head><body><nav><h2>산업 전기·전자</h2></nav>'
            f"<h2 class=sub_tit>코로나19 극복 성금 기탁 줄 잇는다</h2><article>{'<p>' + BODY + '</p>' * 1}"
            f"<p>{BODY}</p><p>{BODY}</p></article></body></html>")
    assert extract(page.encode(), "http://m.daejonilbo.com/mnews.asp?pk_no=1").title == "코로나19 극복 성금 기탁 줄 잇는다"


def test_a_text_dump_opening_with_a_headline_and_a_category_tag_keeps_its_headline():
    dump = "삼성전자, 2분기 영업이익 10조원 돌파하며 반도체 업황 회복세를 뚜렷하게 보여줬다\n[산업]\n" + DUMP_BODY
    out = extract(dump.encode(), "file:///dump.txt")
    assert out.title == "삼성전자, 2분기 영업이익 10조원 돌파하며 반도체 업황 회복세를 뚜렷하게 보여줬다"
    assert out.paragraphs[0].startswith("삼성전자가 올해 2분기") and "[산업]" not in out.paragraphs


def test_a_section_name_above_the_headline_of_a_dump_is_not_its_title():
    dump = "산업 전기·전자\n삼성전자 2분기 영업이익 10조 돌파\n발표:2024/06/14 08:55:01\n" + DUMP_BODY
    out = extract(dump.encode(), "file:///dump.txt")
    assert out.title == "삼성전자 2분기 영업이익 10조 돌파"
    assert (out.published, out.published_source) == ("2024/06/14 08:55:01", "date-line")
