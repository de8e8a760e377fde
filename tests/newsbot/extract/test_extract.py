"""extract(): a pure function of (bytes, url, headers) for HTML pages and text dumps."""

import json

import pytest

from newsbot.extract import UnreadableInput, extract
from newsbot.extract.common import guess_language, strip_site_suffix
from newsbot.rules import load_rules
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


GERMAN = ("Die Stadt hat am Montag beschlossen, die Bibliothek im Sommer länger zu öffnen. Die Bürgerinnen und "
          "Bürger hatten sich seit Jahren dafür eingesetzt, und der Rat folgte nun dem Vorschlag der Verwaltung. "
          "Ab Juli bleibt das Haus an jedem Werktag bis zweiundzwanzig Uhr geöffnet.")
ENGLISH = ("The city decided on Monday to keep the library open longer in the summer. Residents had campaigned "
           "for it for years, and the council has now followed the proposal of the administration. From July "
           "the building stays open until ten at night on every working day.")


def test_a_latin_text_long_enough_to_tell_is_identified_not_taken_for_english():
    assert guess_language(GERMAN) == "de" and guess_language(ENGLISH) == "en"
    assert guess_language("Die Stadt und der Rat") == "en"       # too short to tell: as before


def test_a_language_is_only_ever_an_iso_639_1_code():
    calendar = " ".join("| Su | Mo | Tu | We | Th | Fr | Sa |" for _ in range(30))   # py3langid: 'bcl'
    assert guess_language(calendar) == "en" and guess_language(calendar, latin_default=None) is None


def test_a_page_is_in_the_language_its_text_is_written_in_whatever_its_template_declares():
    page = f'<html lang="en"><head><title>Bibliothek</title></head><body><article><h1>Bibliothek</h1><p>{GERMAN}</p>' \
           f'</article></body></html>'
    assert extract(page.encode(), "https://example.de/a", None, load_rules()).language == "de"
    short = '<html lang="en"><head><title>Bibliothek</title></head><body><p>Die Stadt und der Rat.</p></body></html>'
    assert extract(short.encode(), "https://example.de/b", None, load_rules()).language == "en"


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


@pytest.mark.parametrize("author_meta", ["https://www.facebook.com/someone/", "Test Daily"])
def test_an_author_tag_holding_a_profile_url_or_the_outlet_gives_way_to_the_byline(author_meta):
    page = (f'<html lang="en"><head><title>Chip plant opens</title><meta name="author" content="{author_meta}">'
            '<meta property="og:site_name" content="Test Daily"></head><body><article><h1>Chip plant opens</h1>'
            '<p class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></p><p>'
            + "The new chip plant opened on Monday after two years of construction in the city. " * 4
            + "</p></article></body></html>")
    assert extract(page.encode(), "https://daily.example.com/a", None, load_rules()).authors == ["Jane Doe"]
    profile_only = page.replace('<p class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></p>', "")
    assert extract(profile_only.encode(), "https://daily.example.com/b", None, load_rules()).authors in (
        [], ["Test Daily"])        # no name to give: nothing, or the outlet, which normalize leaves out


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
