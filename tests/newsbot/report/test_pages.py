"""The report's HTML, read as a parser reads it: self-contained pages whose facts table says each
fact's status, whose claims mark the words that state the value, and whose copies are copies."""

from lxml import html

from newsbot.report.pages import highlighted, index_page, story_page
from newsbot.report.summary import summarize
from tests.newsbot.report.stories import CONFLICT_STORY, UPDATED_STORY


def test_the_words_that_state_a_value_are_marked_and_everything_is_escaped():
    assert highlighted("인부 <b>4명</b>이 다쳤다", "4명") == "인부 &lt;b&gt;<mark>4명</mark>&lt;/b&gt;이 다쳤다"
    assert highlighted("문장", "없는 말") == "문장"


def test_a_story_page_needs_nothing_from_elsewhere():
    page = story_page(CONFLICT_STORY)
    tree = html.fromstring(page)
    assert not tree.xpath("//link[@rel='stylesheet'] | //script[@src] | //img")
    assert tree.xpath("//style") and tree.xpath("//a[@href='../index.html']")


def test_a_conflict_row_lists_the_other_value_and_each_outlets_claim():
    tree = html.fromstring(story_page(CONFLICT_STORY))
    (row,) = tree.xpath("//tr[contains(@class, 'fact')][@data-status='conflict']")
    assert "4" in row.xpath("string(td[@class='value'])") and "also stated: 5" in row.text_content()
    claims = tree.xpath("//tr[@data-fact=$id]//li", id=row.get("id"))
    assert [li.xpath("string(span[@class='source'])") for li in claims] == ["가나일보 (ganailbo.example)",
                                                                          "다라뉴스 (daranews.example)"]
    assert [li.xpath("string(.//mark)") for li in claims] == ["4명", "5명"]


def test_an_updated_row_keeps_its_history_and_a_copy_is_shown_as_a_copy_of_its_source():
    tree = html.fromstring(story_page(UPDATED_STORY))
    (row,) = tree.xpath("//tr[contains(@class, 'fact')][@data-status='updated']")
    assert "earlier: 80" in row.text_content()
    copy_claim = tree.xpath("//li[contains(., 'copies.example')]")[0]
    assert "a copy of 마바신문 (mabanews.example)" in copy_claim.text_content()
    copy_row = tree.xpath("//table[@class='timeline']//tr[@class='copy']")[0]
    assert "a copy of 마바신문" in copy_row.text_content()


def test_the_index_links_every_story_to_its_page():
    rows = [summarize(CONFLICT_STORY), summarize(UPDATED_STORY)]
    tree = html.fromstring(index_page(rows))
    assert tree.xpath("//table[@id='stories']//a/@href") == ["stories/sconflict0000001.html",
                                                           "stories/supdated0000001.html"]
    assert tree.xpath("//input[@type='search']")
