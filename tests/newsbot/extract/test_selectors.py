"""The selectors of the HTML conventions run in one pass, and only those whose words the page's
source holds: skipping the others never changes what is found."""

import cssselect
import pytest

from newsbot.extract.html import _required_words, _select, parse

PAGE = """<html><body>
<div class="Article_Body"><figure><img src="a.jpg"><figcaption>사진 설명</figcaption></figure>
<p class="photo-desc x">다른 설명</p><div class="mid_title"><span class="text">소제목</span></div>
<h2 class="subhead">부제</h2><p id="lead">첫 문단</p></div></body></html>"""

SELECTORS = ["figcaption", "[class*=caption]", "[class*=photo-desc]", "[class*=mid_title] [class*=text]",
             "h2.subhead", "#lead", "p:not(.x)", "[class*=dek]", "div[itemprop=articleBody]"]


@pytest.mark.parametrize("selector, words", [
    ("[class*=mid_title] [class*=text]", {"class", "mid_title", "text"}),
    ("h2.subhead", {"h2", "subhead"}),
    ("#lead", {"lead"}),
    ("p:not(.x)", {"p"}),
    ("div[itemprop=articleBody]", {"div", "itemprop", "articlebody"}),
])
def test_a_selector_needs_its_tags_classes_ids_and_attribute_values_in_the_source(selector, words):
    assert _required_words(cssselect.parse(selector)[0].parsed_tree) == words


def test_skipping_selectors_whose_words_are_absent_finds_the_same_elements_in_document_order():
    tree = parse(PAGE)
    everything = _select(tree, SELECTORS)
    assert [el.text_content().strip() for el in everything] == ["사진 설명", "다른 설명", "소제목", "부제", "첫 문단"]
    assert _select(tree, SELECTORS, PAGE.lower()) == everything
    assert _select(tree, ["[class*=dek]", "[class*=caption]"], PAGE.lower()) == []
