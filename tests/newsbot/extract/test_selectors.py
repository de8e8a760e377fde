"""The selectors of the HTML conventions run in one pass, and only those the page's source can
satisfy (their words in its text, their class substrings in its class values): skipping the
others never changes what is found."""

import cssselect
import pytest

from newsbot.extract.html import parse
from newsbot.extract.selectors import SourceWords, required_words, select

PAGE = """<html><body>
<div class="Article_Body"><figure><img src="a.jpg"><figcaption>사진 설명</figcaption></figure>
<p class="photo-desc x">다른 설명</p><div class='mid_title'><span class=text>소제목</span></div>
<h2 class="subhead">부제</h2><p id="lead">첫 문단</p></div>
<script>var caption = "dek";</script></body></html>"""

SELECTORS = ["figcaption", "[class*=caption]", "[class*=photo-desc]", "[class*=mid_title] [class*=text]",
             "h2.subhead", "#lead", "p:not(.x)", "[class*=dek]", "div[itemprop=articleBody]", "[class*=Body]"]


@pytest.mark.parametrize("selector, words", [
    ("[class*=mid_title] [class*=text]", {"class", "mid_title", "text"}),
    ("h2.subhead", {"h2", "subhead"}),
    ("#lead", {"lead"}),
    ("p:not(.x)", {"p"}),
    ("div[itemprop=articleBody]", {"div", "itemprop", "articlebody"}),
])
def test_a_selector_needs_its_tags_classes_ids_and_attribute_values_in_the_source(selector, words):
    assert required_words(cssselect.parse(selector)[0].parsed_tree) == words


def test_the_class_values_of_the_source_are_read_however_they_are_quoted():
    assert set(SourceWords(PAGE).classes.split(b"\n")) == {b"article_body", b"photo-desc x", b"mid_title", b"text", b"subhead"}
    assert SourceWords("<p class=lead id=x>").classes == b"lead id=x"


def test_skipping_selectors_the_source_cannot_satisfy_finds_the_same_elements_in_document_order():
    tree = parse(PAGE)
    everything = select(tree, SELECTORS)
    assert [el.get("class") or el.get("id") or el.tag for el in everything] == \
        ["Article_Body", "figcaption", "photo-desc x", "text", "subhead", "lead"]
    assert select(tree, SELECTORS, SourceWords(PAGE)) == everything


def test_a_class_substring_written_only_in_a_script_runs_nothing():
    assert select(parse(PAGE), ["[class*=dek]", "[class*=caption]"], SourceWords(PAGE)) == []


def test_class_substrings_keep_their_case_when_they_run():
    assert select(parse(PAGE), ["[class*=body]"], SourceWords(PAGE)) == []
    assert len(select(parse(PAGE), ["[class*=Body]"], SourceWords(PAGE))) == 1
