"""The body: trafilatura's cheap pass on every page, its full pass only where cheap signals say
the cheap one missed the article; the language rules only on pages in their language."""

import pytest
import trafilatura
from itemadapter import ItemAdapter
from trafilatura import core as trafilatura_core
from trafilatura.settings import Extractor

from newsbot.extract import extract
from newsbot.extract.html import parse
from newsbot.extract.passes import CHEAP_PASS, FULL_PASS, TRAFILATURA_OPTIONS, Body, needs_full_pass, pass_settings
from newsbot.rules import load_rules
from pipelines.normalize import normalize_article
from tests.newsbot.extract.korean import BRIEF, TITLE, as_paragraphs, korean_page

#: distinct paragraphs (trafilatura keeps a repeated one only so often)
PARAGRAPHS = [f"Im {n}. Abschnitt des Berichts steht, wie der Stadtrat die Kosten von {n * 3} Millionen Euro verteilen will."
              for n in range(1, 9)]


def paragraphs(first: int = 0, last: int = 8) -> str:
    return "".join(f"<p>{p}</p>" for p in PARAGRAPHS[first:last])


def german_page(body_html: str) -> bytes:
    return (f"<!doctype html><html lang=de><head><meta charset=utf-8><title>Brücke wird saniert</title></head>"
            f"<body><header><a href=/>Start</a></header>{body_html}<footer>Impressum</footer></body></html>").encode()


def test_the_full_pass_runs_only_when_the_cheap_body_is_short_or_partial():
    assert needs_full_pass(Body(["kurz"], 0.0), 0) == "short"
    assert needs_full_pass(Body(PARAGRAPHS[:3], 0.0), 0) == "short"       # 300 characters
    assert needs_full_pass(Body(PARAGRAPHS[:3], 0.0), 0, below=200) is None  # where a language's briefs are shorter
    assert needs_full_pass(Body(PARAGRAPHS, 0.0), 10_000) == "partial"
    assert needs_full_pass(Body(PARAGRAPHS, 0.0), 1_000) is None


def test_an_ordinary_article_takes_the_cheap_pass_only():
    out = extract(german_page("<article><h1>Brücke wird saniert</h1>" + paragraphs() + "</article>"),
                  "https://example.de/a")
    assert out.extraction_pass == "cheap" and out.paragraphs[1:] == PARAGRAPHS     # the headline first


def test_a_korean_brief_the_cheap_pass_reads_whole_is_kept_as_it_is():
    # the brief beside other headlines with their teasers, which the full pass would add
    related = "".join(f"<li><a href=/n/{n}>가상시 {n}번째 소식: 시의회가 새 예산안을 두고 이틀째 논의를 이어가며 "
                      f"항목 {n}개를 조정했다</a></li>" for n in range(1, 6))
    out = extract(korean_page(f"<article><h1>{TITLE}</h1>{as_paragraphs(BRIEF)}</article>"
                              f"<aside><h2>많이 본 뉴스</h2><ul>{related}</ul></aside>"), "https://example.kr/n/0")
    assert out.extraction_pass == "cheap" and out.paragraphs[-4:] == BRIEF


def test_an_article_the_cheap_pass_deletes_is_read_by_the_full_pass():
    # the page keeps its text in <noscript> (rendered by script otherwise), which the cheap pass deletes
    out = extract(german_page("<div id=app></div><noscript><div class=article>"
                              + paragraphs() + "</div></noscript>"), "https://example.de/a")
    assert out.extraction_pass == "full" and out.paragraphs == PARAGRAPHS


def test_korean_footer_rules_do_not_cut_a_german_article():
    out = extract(german_page("<article>" + paragraphs(0, 3) + "<p>© dpa</p>" + paragraphs(3, 6)
                              + "</article>"), "https://example.de/a")
    record = ItemAdapter({"title": out.title, "text": "\n".join(out.paragraphs), "language": out.language,
                          "captions": out.captions, "subtitles": [], "authors": [], "publisher": None})
    normalize_article(record, load_rules())
    assert out.language == "de" and all(p in record["text"] for p in PARAGRAPHS[:6])


def test_the_same_footer_ends_a_korean_article():
    rules = load_rules()
    record = ItemAdapter({"title": "제목", "language": "ko", "captions": [], "subtitles": [], "authors": [], "publisher": None,
                          "text": "정부가 5일 새 대책을 내놓았다고 밝혔다.\nⓒ 한국금융신문 무단전재 및 재배포 금지\n많이 본 뉴스"})
    normalize_article(record, rules)
    assert record["text"] == "정부가 5일 새 대책을 내놓았다고 밝혔다."


@pytest.mark.parametrize("options", [CHEAP_PASS, FULL_PASS], ids=["cheap", "full"])
def test_a_pass_reads_with_the_settings_trafilatura_makes_from_the_same_arguments(monkeypatch, options):
    """A pass's trafilatura settings are made once, not at every page: they are those that
    bare_extraction makes itself from TRAFILATURA_OPTIONS and the pass's arguments."""
    made = []

    class Recorded(Extractor):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            made.append(self)

    monkeypatch.setattr(trafilatura_core, "Extractor", Recorded)
    trafilatura.bare_extraction(parse(german_page(paragraphs()).decode()), **TRAFILATURA_OPTIONS, **options)
    assert len(made) == 1
    mine = pass_settings(options["fast"], options["favor_precision"])
    assert {name: getattr(mine, name) for name in Extractor.__slots__} == \
        {name: getattr(made[0], name) for name in Extractor.__slots__}
