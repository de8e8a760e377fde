"""Names across scripts (newsbot/rules/names_ko.toml): what an English report's names are in a
Korean report, and which story terms carry across scripts."""

from newsbot.stories.names import NameTable

NAMES = NameTable.load()


def test_names_of_the_table_are_found_as_whole_words_longest_first():
    assert NAMES.hangul_terms("Samsung Electronics Chairman met Meta CEO Mark Zuckerberg in the U.S.") == {
        "삼성전자": 1, "메타": 1, "저커버그": 1, "미국": 1}
    assert NAMES.hangul_terms("Metadata and Amazonian rivers") == {}


def test_a_romanized_korean_name_and_the_korean_name_meet_in_one_form():
    found = NAMES.hangul_terms("Chairman Lee Jae-yong met President Yoon Suk Yeol and Chung Eui-sun.")
    assert set(found) == {NAMES.crossing_form("이재용"), NAMES.crossing_form("윤석열"), NAMES.crossing_form("정의선")}
    assert NAMES.crossing_form("이재용") != NAMES.crossing_form("이재명")
    assert NAMES.crossing_form("출장") == "출장" and NAMES.hangul_terms("Smith Jae-yong") == {}


def test_terms_that_carry_across_scripts_are_names():
    assert NAMES.carries("저커버그") and NAMES.carries("이재용") and NAMES.carries("CEO")
    assert not NAMES.carries("출장") and not NAMES.carries("trip")
    assert not NAMES.carries("Samsung")        # its Hangul form, 삼성, carries it
    assert NAMES.describes("ko") and not NAMES.describes("en")


def test_a_given_name_of_a_one_letter_syllable_is_read_whole():
    assert set(NAMES.hangul_terms("Seongdong chief Chung Won-o and Mayor Oh Se-hoon")) == {
        NAMES.crossing_form("정원오"), NAMES.crossing_form("오세훈")}


def test_the_spellings_english_gives_one_sound_meet():
    # Suk and Seok for 석, Young for 영, Woo for 우
    assert set(NAMES.hangul_terms("Yoon Suk Yeol, Kim Young-sam and Moon Seung-woo")) == {
        NAMES.crossing_form("윤석열"), NAMES.crossing_form("김영삼"), NAMES.crossing_form("문승우")}


def test_names_no_table_writes_meet_by_their_revised_romanization():
    assert NAMES.sounds("Seongdong") == ("~seongdong",)
    assert "~seongdong" in NAMES.sounds("성동구청장") and "~jamsil" in NAMES.sounds("잠실동")
    # exact: the loose spellings that make one name of Suk and Seok would make 승소 of Seongsu
    assert "~seongsu" not in NAMES.sounds("승소")
    assert NAMES.sounds("CEO") == () and NAMES.sounds("동") == ()


def test_a_term_of_names_joined_by_a_middle_dot_is_its_names():
    assert NAMES.parts("대전·충남") == ["대전", "충남"] and NAMES.parts("대전") == ["대전"]
    assert NAMES.hangul_terms("Daejeon and South Chungcheong") == {"대전": 1, "충남": 1}
