"""Names across scripts (newsbot/rules/names_ko.toml): what an English report's names are in
Hangul, and which story terms carry across scripts."""

from newsbot.stories.names import NameTable

NAMES = NameTable.load()


def test_names_of_the_table_are_found_as_whole_words_longest_first():
    named, _ = NAMES.hangul_terms("Samsung Electronics Chairman met Meta CEO Mark Zuckerberg in the U.S.")
    assert named == {"삼성전자": 1, "메타": 1, "저커버그": 1, "미국": 1}
    assert NAMES.hangul_terms("Metadata and Amazonian rivers")[0] == {}


def test_a_romanized_korean_name_is_read_back_into_the_hangul_names_it_may_be():
    assert "이재용" in NAMES.korean_names("Lee", ["Jae", "yong"])
    assert "윤석열" in NAMES.korean_names("Yoon", ["Suk", "Yeol"])
    assert "정의선" in NAMES.korean_names("Chung", ["Eui", "sun"])
    assert NAMES.korean_names("Smith", ["Jae", "yong"]) == []
    _, romanized = NAMES.hangul_terms("Samsung Electronics Chairman Lee Jae-yong returned home.")
    assert len(romanized) == 1 and "이재용" in romanized[0] and len(romanized[0]) <= 20


def test_terms_that_carry_across_scripts_are_names():
    assert NAMES.carries("저커버그") and NAMES.carries("이재용") and NAMES.carries("CEO")
    assert not NAMES.carries("출장") and not NAMES.carries("trip")
    assert not NAMES.carries("Samsung")        # its Hangul form, 삼성, carries it
    assert NAMES.describes("ko") and not NAMES.describes("en")
