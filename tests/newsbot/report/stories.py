"""Invented story lines for the report's tests (no news text): one whose outlets disagree about a
count, one whose toll was updated during the day, with a copy of one of its articles."""


def claim(article, source, text, sentence, value, published):
    return {"article": article, "source": source, "text": text, "sentence": sentence, "value": value,
            "published": published}


def count(n):
    return {"min": n, "max": n, "unit": "count"}


CONFLICT_STORY = {
    "story_id": "sconflict0000001", "title": "가나시 다리 공사 현장 사고", "articles": ["a1", "a2"], "copies": [],
    "sources": ["가나일보", "다라뉴스"],
    "first_published": "2026-01-05T09:00:00+09:00", "last_published": "2026-01-05T09:30:00+09:00",
    "members": [
        {"id": "a1", "title": "가나시 다리 공사 현장 사고", "url": "https://ganailbo.example/news/1", "outlet": "가나일보",
         "host": "ganailbo.example", "published": "2026-01-05T09:00:00+09:00"},
        {"id": "a2", "title": "가나시 공사장 사고로 인부 다쳐", "url": "https://daranews.example/a/2",
         "outlet": "다라뉴스", "host": "daranews.example", "published": "2026-01-05T09:30:00+09:00"}],
    "facts": [{
        "key": "quantity", "measure": {"id": "부상자.count", "label": "부상자 수"}, "subject": None,
        "status": "conflict", "value": count(4), "independent_sources": 1,
        "alternatives": [{"value": count(5), "independent_sources": 1}],
        "claims": [claim("a1", "가나일보", "4명", "이 사고로 인부 4명이 다쳤다.", count(4), "2026-01-05T09:00:00+09:00"),
                   claim("a2", "다라뉴스", "5명", "공사장 사고로 인부 5명이 다쳤다.", count(5), "2026-01-05T09:30:00+09:00")]}],
}

UPDATED_STORY = {
    "story_id": "supdated0000001", "title": "마바군 산불 진화", "articles": ["b1", "b2"], "copies": ["b3"],
    "sources": ["마바신문", "사아방송", "copies.example"],
    "first_published": "2026-01-06T08:00:00+09:00", "last_published": "2026-01-06T18:00:00+09:00",
    "members": [
        {"id": "b1", "title": "마바군 산불", "url": "https://mabanews.example/1", "outlet": "마바신문",
         "host": "mabanews.example", "published": "2026-01-06T08:00:00+09:00"},
        {"id": "b2", "title": "마바군 산불 진화 완료", "url": "https://saa.example/2", "outlet": "사아방송",
         "host": "saa.example", "published": "2026-01-06T18:00:00+09:00"},
        {"id": "b3", "url": "https://copies.example/b1", "host": "copies.example", "copy_of": "b1"}],
    "facts": [{
        "key": "quantity", "measure": {"id": "대피.count", "label": "대피한 주민 수"}, "subject": None,
        "status": "updated", "value": count(120), "independent_sources": 1,
        "history": [{"value": count(80), "published": "2026-01-06T08:00:00+09:00", "independent_sources": 1}],
        "claims": [claim("b1", "마바신문", "80명", "주민 80명이 대피했다.", count(80), "2026-01-06T08:00:00+09:00"),
                   {**claim("b3", "copies.example", "80명", "주민 80명이 대피했다.", count(80), "2026-01-06T08:00:00+09:00"),
                    "copy_of": "b1"},
                   claim("b2", "사아방송", "120명", "주민 120명이 대피했다.", count(120), "2026-01-06T18:00:00+09:00")]}],
}
