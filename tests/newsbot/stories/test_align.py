"""Which claims of a story are about one measure: the groups reconcile.py makes facts of."""

from newsbot.stories.align import align


def claim(article, value, noun=None, predicate=None, subject=None, scope=None, unit="count", counter="명",
          context=(), stated=None, key="quantity"):
    unit_class = f"count:{counter}" if unit == "count" else unit
    return {"article": article, "key": key, "subject": subject, "stated": stated or str(value),
            "value": {"min": value, "max": value, "unit": unit},
            "measure": {"id": f"{unit_class}/{noun or '-'}/{predicate or '-'}", "noun": noun, "predicate": predicate,
                        "scope": scope, "context": list(context)}}


def grouped(*claims):
    return sorted(sorted((c["article"], c["value"]["min"]) for c in group) for group in align(list(claims)))


def test_one_noun_and_predicate_is_one_measure_and_two_nouns_are_two():
    assert grouped(claim("a", 198, "찬성"), claim("b", 198, "찬성"), claim("a", 2, "반대"), claim("b", 2, "반대")) == [
        [("a", 2), ("b", 2)], [("a", 198), ("b", 198)]]


def test_time_scopes_and_subjects_keep_numbers_apart():
    assert grouped(claim("a", 812, scope="2021년"), claim("b", 745, scope="2022년")) == []
    assert grouped(claim("a", 44, "지지율", subject="한지우", unit="percent"),
                   claim("b", 36.2, "지지율", subject="오세진", unit="percent")) == []


def test_a_disagreement_is_kept_whole_only_when_the_measure_is_read_alike():
    toll = [claim("a", 3, "사망자", "집계"), claim("b", 5, "사망자", "집계")]
    assert grouped(*toll) == [[("a", 3), ("b", 5)]]
    loose = [claim("a", 3, "사망자"), claim("b", 5, "사망자"), claim("c", 5, "사망자")]   # no predicate, not a known noun
    assert grouped(*loose) == [[("b", 5), ("c", 5)]]


def test_two_places_in_an_order_are_two_events_never_a_disagreement():
    """1차 조사 in one outlet and 2차 조사 in two others: two questionings, not a conflict."""
    claims = [claim("a", 1, "조사", "출석", unit="ordinal"), claim("b", 2, "조사", "출석", unit="ordinal"),
              claim("c", 2, "조사", "출석", unit="ordinal")]
    assert grouped(*claims) == [[("b", 2), ("c", 2)]]


def test_ages_of_nobody_named_are_two_people_not_a_disagreement():
    """30대 남성 in one outlet, 50대 여성 in another; 박서준(65) and 박서준(66) is a disagreement."""
    def age(article, value, subject=None):
        c = claim(article, value, "나이", subject=subject, unit="age")
        c["measure"]["known"] = True                    # 나이 is a measure of the rules' synonym groups
        return c

    assert grouped(age("a", 30), age("b", 50)) == []
    assert grouped(age("a", 65, "박서준"), age("b", 66, "박서준")) == [[("a", 65), ("b", 66)]]


def test_one_exact_value_told_around_one_shared_word_is_one_measure():
    """12명 read with two nouns but one word in common; an open value needs two."""
    exact = [claim("a", 12, "유권자", context=["한국갤럽", "조사"]), claim("b", 12, "이상", context=["한국갤럽"])]
    assert grouped(*exact) == [[("a", 12), ("b", 12)]]
    open_ended = [{**c, "value": {"min": 12, "max": None, "unit": "count"}} for c in exact]
    assert grouped(*open_ended) == []


def test_a_rare_value_or_one_partys_same_value_links_claims_whatever_their_nouns():
    """18~19년 read with 장기 and 자금; 개혁신당 3.3% read with no noun in one outlet."""
    loan = [{**claim("a", 18, "장기", unit="year", stated="18-19"), "value": {"min": 18, "max": 19, "unit": "year"}},
            {**claim("b", 18, "자금", unit="year", stated="18-19"), "value": {"min": 18, "max": 19, "unit": "year"}}]
    assert grouped(*loan) == [[("a", 18), ("b", 18)]]
    party = [claim("a", 3.3, None, subject="개혁신당", unit="percent"), claim("b", 3.3, "지지율", subject="개혁신당", unit="percent")]
    assert grouped(*party) == [[("a", 3.3), ("b", 3.3)]]
    assert grouped(claim("a", 3.3, None, subject="개혁신당", unit="percent"), claim("b", 3.3, None, subject="진보당", unit="percent")) == []


def test_an_article_stating_two_values_makes_no_conflict():
    claims = [claim("a", 8, "예금", "신고", unit="KRW"), claim("a", 215, "예금", "신고", unit="KRW"),
              claim("b", 8, "예금", "신고", unit="KRW")]
    assert grouped(*claims) == [[("a", 8), ("b", 8)]]


def test_a_number_placed_in_another_event_only_supports_the_storys_own():
    """지난해 ... 1050원어치 in one outlet, 1,050원 in two others: three sources of one measure.
    Against the story's own value a background number makes nothing; background numbers alone
    (another event's, told by several outlets: 지난해 떠난 자산가 2400명) may agree, never conflict."""
    own = [claim("a", 1050, "간식", unit="KRW"), claim("b", 1050, "간식", unit="KRW")]
    background = {**claim("c", 1050, "간식", unit="KRW"), "background": True}
    assert grouped(*own, background) == [[("a", 1050), ("b", 1050), ("c", 1050)]]
    assert grouped(background, {**claim("d", 1050, "간식", unit="KRW"), "background": True}) == \
        [[("c", 1050), ("d", 1050)]]
    assert grouped(background, {**claim("d", 990, "간식", unit="KRW"), "background": True}) == []
    last_year = {**claim("c", 3, "사망자", "집계"), "background": True}
    assert grouped(claim("a", 5, "사망자", "집계"), claim("b", 5, "사망자", "집계"), last_year) == [[("a", 5), ("b", 5)]]



def test_one_value_in_two_languages_is_one_measure_when_few_measures_share_it_by_chance():
    """60조 원 in a Korean report and 60 trillion won in an English one: their nouns do not compare,
    their unit and value do; a small count, a short share or a day does not say so much."""
    def said(article, value, noun, language, unit="KRW", counter="명"):
        return {**claim(article, value, noun, unit=unit, counter=counter), "language": language}

    assert grouped(said("ko", 60_000_000_000_000, "환산", "ko"), said("en", 60_000_000_000_000, "worth", "en")) == [
        [("en", 60_000_000_000_000), ("ko", 60_000_000_000_000)]]
    assert grouped(said("ko", 99.7, "회수", "ko", "percent"), said("en", 99.7, "recovered", "en", "percent")) != []
    assert grouped(said("ko", 3, "주택", "ko", "count", "채"), said("en", 3, "homes", "en", "count", "채")) == []
    assert grouped(said("ko", 2, "지지율", "ko", "percent"), said("en", 2, "support", "en", "percent")) == []
    # in one language, nouns still decide
    assert grouped(said("a", 60_000_000_000_000, "환산", "ko"), said("b", 60_000_000_000_000, "예산", "ko")) == []


def test_a_count_two_languages_count_in_their_own_words_is_one_measure():
    """62만 개 (the counter 개) and 620,000 bitcoins (the noun): one count; a count of 3 is not
    distinctive enough to be joined across counters."""
    def counted(article, value, counter, language):
        return {**claim(article, value, "비트코인" if language == "ko" else counter, counter=counter),
                "language": language}

    claims = [counted("ko1", 620000, "개", "ko"), counted("ko2", 620000, "개", "ko"),
              counted("en", 620000, "bitcoins", "en")]
    assert grouped(*claims) == [[("en", 620000), ("ko1", 620000), ("ko2", 620000)]]
    assert grouped(counted("ko1", 3, "채", "ko"), counted("en", 3, "homes", "en")) == []
