"""extract(): a pure function of (bytes, url, headers) for HTML pages and text dumps."""

import json

import pytest

from newsbot.extract import UnreadableInput, extract
from newsbot.extract.common import guess_language, strip_site_suffix
from tests.conftest import EVAL_DIR, ROOT
from tests.newsbot.extract.korean import BRIEF, TITLE, as_paragraphs, korean_page

ARTICLES = EVAL_DIR / "articles"


def _page(name):
    return (ARTICLES / f"{name}.html").read_bytes(), json.loads((ARTICLES / f"{name}.expected.json").read_text())


@pytest.mark.parametrize("title, sites, clean", [
    ("‘흙수저’ 소년공이 쏘아올린 정치 신화 - 매일경제", ["매일경제"], "‘흙수저’ 소년공이 쏘아올린 정치 신화"),
    ("민주당 '선호투표제' 도입 또다시 불발-정치ㅣ한국일보", ["한국일보"], "민주당 '선호투표제' 도입 또다시 불발"),
    ("매일경제 | 韓·日 반도체", ["매일경제"], "韓·日 반도체"),
    ("韓·日 반도체 생태계", ["매일경제"], "韓·日 반도체 생태계"),
])
def test_site_suffix_is_stripped_from_titles(title, sites, clean):
    assert strip_site_suffix(title, sites) == clean


def test_language_is_guessed_from_the_letters():
    assert guess_language("이재용 삼성전자 회장은 AI 반도체") == "ko"
    assert guess_language("The chairman met Mark Zuckerberg") == "en"
    assert guess_language("12345") is None


@pytest.mark.shared
def test_metadata_comes_from_structured_data_not_guesses():
    body, expected = _page("mk.co.kr_news_world_11331490")
    page = extract(body, expected["url"])
    assert page.kind == "html" and page.body_source == "trafilatura"
    assert page.title == expected["title"]                      # no " - 매일경제"
    assert page.published == "2025-05-31T05:50:27+09:00"       # to the second, with offset
    assert page.authors == ["최현재"] and page.publisher == "매일경제"
    assert page.canonical_url == expected["url"] and page.language == "ko"
    assert expected["captions"][0] in page.captions


@pytest.mark.shared
def test_a_nextjs_page_gives_its_body_from_the_script_payload():
    body, expected = _page("hankookilbo.com_News_Read_A2026012914320005196")
    page = extract(body, expected["url"])
    assert page.body_source == "embedded"
    joined = "\n".join(page.paragraphs)
    assert all(paragraph[:40] in joined for paragraph in expected["body"])
    assert page.subtitles == expected["subtitles"]
    assert page.authors == ["신현주"] and page.published == "2026.01.29 18:40"
    assert not any(caption in page.paragraphs for caption in page.captions)


def test_a_text_dump_is_split_into_header_body_and_footer():
    page = extract((ROOT / "seeds" / "000_03d8b73ba3cd1737.txt").read_bytes(), "file:///seeds/000.txt")
    assert page.kind == "text"
    assert page.title == "이재용 미국 출장 끝마쳐...저커버그 등 美 빅테크 CEO와 대화"
    assert page.published == "2024-06-14 10:44"                # 기사입력, not the header's 2024.09.07(토)
    assert page.paragraphs[-1].startswith("이재용 회장은 미국 출장 일정을 마치며")
    assert page.publisher == "한국금융신문" and "홍윤기" in page.authors


@pytest.mark.parametrize("body, reason", [
    (b"", "empty_file"),
    (b"   \n\t ", "empty_file"),
    (b"\x00\x01\x02\x03PK\x03\x04" * 100, "binary"),
])
def test_unreadable_input_says_why(body, reason):
    with pytest.raises(UnreadableInput) as error:
        extract(body, "file:///x.html")
    assert error.value.reason == reason


def test_a_date_in_a_related_list_is_never_the_publication_date():
    text = (ROOT / "seeds" / "002_de77e6a0a0fda483.txt").read_text(encoding="utf-8")
    text = text.replace("[경제] 랭킹 뉴스", "[경제] 랭킹 뉴스\n다른 기사 제목\n입력 2024.05.01 10:00")
    page = extract(text.encode("utf-8"), "file:///seeds/002.txt")
    assert page.published is None and page.title.startswith("‘美횡단 출장’")


def test_a_deck_is_kept_apart_from_the_body_it_opens():
    page = extract(korean_page(f"<article><h1>{TITLE}</h1><div class=subtitle>열람실 좌석 120석 늘려</div>"
                               + as_paragraphs(BRIEF * 3) + "</article>"), "https://example.kr/n/1")
    assert page.subtitles == ["열람실 좌석 120석 늘려"]


def test_an_element_a_deck_selector_matches_around_the_whole_article_is_not_a_deck():
    # a short article whose markup wraps it in an element named like a subtitle
    page = extract(korean_page(f"<h1>{TITLE}</h1><div class=article_subtitle_wrap>{as_paragraphs(BRIEF)}</div>"),
                   "https://example.kr/n/1")
    assert page.subtitles == [] and page.paragraphs[-len(BRIEF):] == BRIEF
