"""Story terms: the words that say what event an article is about; a news roundup has none."""

import pytest

from newsbot.rules import load_rules
from newsbot.stories.terms import TermExtractor

TERMS = TermExtractor(load_rules())


def test_particles_come_off_common_words_drop_out_and_the_title_counts_twice():
    terms = TERMS.terms("삼성전자 실적", "삼성전자는 실적을 발표했다고 밝혔다.")
    assert set(terms) == {"삼성전자", "실적", "발표했다고"}
    assert terms["삼성전자"] > terms["발표했다고"]


@pytest.mark.parametrize("title, text", [
    ("3월 2일 저녁뉴스 주요뉴스", "▶ 시립도서관 새 단장 ▶ 해안도로 공사 마무리"),
    ("[아침창] 오늘의 주요뉴스", "1. 시립도서관 새 단장 2. 해안도로 공사"),
    ("김민수 의원, 내일 기자회견", "[앵커] 오늘의 주요 뉴스입니다. 김민수 의원이 내일 기자회견을 엽니다."),
    ("도서관 새 단장 [1분뉴스]", "한눈에 보는 오늘의 소식"),
])
def test_a_news_roundup_has_no_terms(title, text):
    assert TERMS.is_roundup(title, text) and TERMS.terms(title, text) == {}


def test_an_article_that_names_the_news_late_in_its_text_is_no_roundup():
    text = "김민수 의원이 기자회견을 열었다. " * 10 + "그는 오늘의 주요 뉴스를 언급했다."
    assert not TERMS.is_roundup("김민수 의원 기자회견", text) and TERMS.terms("김민수 의원 기자회견", text)
