"""What the articles of a story say, reconciled: one ReconciledFact per measure and subject.

- Claims: every fact of the story's articles about the story's own event, one per article and
  stated value; a number an article places in another event (``other_event``) only in support of
  the story's own claims (see newsbot.stories.align), a fact key's not at all. A relative date an
  undated article could not resolve is resolved here against the story's first date; left
  unresolved, it is listed with a null value and takes no part in the status.
- Alignment: which claims are about one measure, and which disagreements may be reported,
  is newsbot.stories.align's (precision first: a conflict needs one noun, subject and predicate
  and one value per article). A `quantity` fact is reported when two independent sources back it
  (or it is a conflict or an update); a key's also when one source states it.
- Independent sources: copies are one source. An article and the pages the dedupe stage found
  to be its copies (duplicates.jsonl) are one source; so are articles that state a fact in the
  very same sentence (a wire story printed by two outlets), and an outlet's report and its
  translation (the same site or outlet, another language: a wire's Korean and English services).
- Status: ``single`` (one independent source), ``agreed`` (several, all stating the same value:
  약 2주간 and 2주 agree), ``compatible`` (stated values differ but every two intervals overlap),
  ``updated`` (the value changed as the story went on: every report of the later value came at
  least UPDATE_GAP after every report of the earlier one; the latest stands, the earlier ones are
  its ``history``), ``conflict`` (sources disagree about the same moment). For agreed and
  compatible the value is the intersection of the intervals; for a conflict it is the value with
  the most independent sources, the others listed in ``alternatives`` with theirs.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from newsbot.facts.expressions import find_expressions
from newsbot.processors import site_of
from newsbot.facts.extract import QUANTITY, FactExtractor
from newsbot.stories.align import align, all_meet, by_stated_value
from newsbot.stories.index import Member, StoryIndex, by_day, story_day

SINGLE, AGREED, COMPATIBLE, CONFLICT, UPDATED = "single", "agreed", "compatible", "conflict", "updated"
UPDATE_GAP = timedelta(hours=1)
#: Values no later report can update: a person's age (73 in the morning and 74 in the evening is
#: two outlets counting differently), a place in an order.
UNCHANGING_UNITS = frozenset({"age", "ordinal"})


class _Sources:
    """Union-find over article ids: which claims come from one independent source."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def host(url: str) -> str | None:
    return urlsplit(url).hostname if url else None


def source_label(entry: dict) -> str | None:
    """A source named one way everywhere (a story line's sources and claims, the report): the
    outlet with its host, "한국금융신문 (fntimes.com)"; the outlet alone when the page has no host
    (a saved seed file); the host alone when the outlet's name is unknown (a copy)."""
    outlet, page_host = entry.get("outlet"), entry.get("host")
    if outlet and page_host and outlet != page_host:
        return f"{outlet} ({page_host})"
    return outlet or page_host


def outlet_of(member: Member) -> dict:
    """What a story line says of one of its articles: the outlet by name (the page's publisher,
    else its host) and its host (the record's source: the canonical URL's host; None for a saved
    page)."""
    page_host = member.source or host(member.url)
    return {"id": member.id, "title": member.title, "url": member.url, "outlet": member.publisher or page_host,
            "host": page_host, "published": member.published}


def source_of(member: Member) -> str | None:
    return source_label(outlet_of(member))


def outlet_key(member: Member, names=None) -> str | None:
    """The outlet a report is by, named one way in every language: its site (en.yna.co.kr and
    yna.co.kr: yna.co.kr), else its publisher, in Hangul where the name table has the name."""
    site = site_of(f"https://{member.source}") if member.source else site_of(member.url or "")
    if site:
        return site
    if member.publisher and names is not None:
        return next(iter(names.hangul(member.publisher)), member.publisher)
    return member.publisher


def _translations(members: list[Member], sources: _Sources, names) -> None:
    """A report and its translation by the same outlet are one source (a wire's Korean report and
    its English service's): each report in another language than the outlet's first report in the
    story joins that report's source. (Two reports of one outlet in one language stay two, as
    before; a translation by another outlet is not told here.)"""
    if len({m.language for m in members if m.language}) < 2:
        return
    first: dict[str, Member] = {}
    for member in sorted(members, key=lambda m: (m.published is None, m.published or "", m.id)):
        outlet = outlet_key(member, names)
        if outlet is None:
            continue
        original = first.setdefault(outlet, member)
        if member.language and original.language and member.language != original.language:
            sources.union(original.id, member.id)


def _sentence_key(sentence: str) -> str:
    return re.sub(r"\W+", "", sentence or "")


def _resolved(fact: dict, anchor, extractor: FactExtractor) -> dict | None:
    """The fact with its value resolved against the story's anchor, or None when it turns out to
    be about another event."""
    if fact.get("value") is not None or anchor is None:
        return fact
    expressions = find_expressions(fact["text"], extractor.rules, anchor, extractor.offset)
    if not expressions or not expressions[0].resolved:
        return fact
    e = expressions[0]
    key = extractor.key_rule(fact["key"])
    if extractor.outside_window(e, key, anchor, event=key is None and e.kind in ("date", "datetime")):
        return None
    return {**fact, "value": {"min": e.min, "max": e.max, "unit": e.unit}, "stated": e.stated,
            "resolved_by": "story"}


def _intersection(values: list[dict]) -> dict:
    lows = [v["min"] for v in values if v["min"] is not None]
    highs = [v["max"] for v in values if v["max"] is not None]
    mixed = len({v["unit"] for v in values}) > 1
    lo = max(lows, key=by_day) if lows else None
    hi = min(highs, key=by_day) if highs else None
    unit = "date" if mixed and all(v["unit"] in ("date", "datetime") for v in values) else values[0]["unit"]
    if mixed and unit == "date":
        lo, hi = (by_day(lo) if lo else None), (by_day(hi) if hi else None)
    return {"min": lo, "max": hi, "unit": unit}


def _when(claim: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(claim["published"]) if claim.get("published") else None
    except ValueError:
        return None


def _updated(valued: list[dict]) -> list[list[dict]] | None:
    """The claims' value groups in the order the story told them, when each value was reported
    only after every report of the one before it (by UPDATE_GAP at least); else None."""
    groups = by_stated_value(valued)
    times = [[_when(c) for c in group] for group in groups]
    if any(t is None for ts in times for t in ts):
        return None
    try:
        order = sorted(range(len(groups)), key=lambda i: min(times[i]))
        for earlier, later in zip(order, order[1:]):
            if min(times[later]) - max(times[earlier]) < UPDATE_GAP:
                return None
    except TypeError:               # an offset-naive time beside an aware one
        return None
    return [groups[i] for i in order]


def reconcile(claims: list[dict], sources: _Sources) -> dict:
    """Status, value and independent sources of the claims about one measure and subject."""
    valued = [c for c in claims if c["value"] is not None]
    groups = {sources.find(c["article"]) for c in valued}
    result = {"status": None, "value": None, "independent_sources": len(groups)}
    if not valued:
        return result
    stated = {(c.get("stated"), c["value"]["unit"]) for c in valued}
    pairs_overlap = all_meet(valued)
    if len(groups) == 1:
        status = SINGLE if pairs_overlap else CONFLICT
    elif len(stated) == 1:
        status = AGREED
    elif pairs_overlap:
        status = COMPATIBLE
    else:
        status = CONFLICT
    if status == CONFLICT and valued[0]["value"]["unit"] not in UNCHANGING_UNITS and (told := _updated(valued)):
        latest = told[-1]
        result.update(status=UPDATED, value=latest[0]["value"],
                      independent_sources=len({sources.find(c["article"]) for c in latest}))
        result["history"] = [{"value": group[0]["value"], "published": min(c["published"] for c in group),
                              "independent_sources": len({sources.find(c["article"]) for c in group})}
                             for group in told[:-1]]
        return result
    result["status"] = status
    if status != CONFLICT:
        result["value"] = _intersection([c["value"] for c in valued])
        return result
    support = defaultdict(set)
    values = {}
    for c in valued:
        key = (c.get("stated"), json.dumps(c["value"], sort_keys=True))
        support[key].add(sources.find(c["article"]))
        values[key] = c["value"]
    ranked = sorted(support, key=lambda k: (-len(support[k]), k))
    result["value"] = values[ranked[0]]
    result["independent_sources"] = len(support[ranked[0]])
    result["alternatives"] = [{"value": values[k], "independent_sources": len(support[k])} for k in ranked[1:]]
    return result


def copies_by_article(duplicates) -> dict[str, list[dict]]:
    """article id -> the duplicates lines of its copies, in the file's order."""
    copies_of = defaultdict(list)
    for line in duplicates:
        if line.get("duplicate_of"):
            copies_of[line["duplicate_of"]].append(line)
    return copies_of


def _label(claims: list[dict]) -> dict:
    ids = Counter(c["measure"]["id"] for c in claims)
    labels = Counter(c["measure"]["label"] for c in claims)
    return {"id": ids.most_common(1)[0][0], "label": labels.most_common(1)[0][0]}


def _subject(claims: list[dict]) -> str | None:
    subjects = [c.get("subject") for c in claims if c.get("subject")]
    return max(subjects, key=len) if subjects else None


# --- stories -----------------------------------------------------------------------------------

def _claims(members: list[Member], copies_of: dict, anchor, extractor: FactExtractor, sources: _Sources) -> list[dict]:
    claims = []
    for member in members:
        member_copies = copies_of.get(member.id, [])
        for copy in member_copies:
            sources.union(copy["id"], member.id)
        seen = set()
        for fact in member.facts:
            background = bool(fact.get("other_event"))
            if background and fact["key"] != QUANTITY:
                continue                    # a fact key's claim about another event: left out
            reader = extractor.for_language(member.language)
            fact = _resolved(fact, anchor, reader) if reader is not None else fact
            if fact is None:
                continue
            measure = fact.get("measure")
            if measure is None:             # a line an older version wrote: a key's measure, no quantity's
                if fact["key"] == QUANTITY:
                    continue
                rule = extractor.key_rule(fact["key"])
                measure = {"id": fact["key"], "label": rule.label if rule else fact["key"]}
            if (measure["id"], fact.get("subject"), fact.get("stated")) in seen:
                continue
            seen.add((measure["id"], fact.get("subject"), fact.get("stated")))
            claim = {"article": member.id, "source": source_of(member), "text": fact["text"],
                     "value": fact["value"], "stated": fact.get("stated"), "sentence": fact.get("sentence"),
                     "published": member.published, "key": fact["key"], "subject": fact.get("subject"),
                     "measure": measure, "language": member.language}
            if background:
                claim["background"] = True
            claims.append(claim)
            claims += [{**claim, "article": copy["id"], "source": host(copy.get("url", "")), "copy_of": member.id}
                       for copy in member_copies]
    return claims


def _one_name_each(claims: list[dict], names) -> list[dict]:
    """The claims with one subject per person: an English claim's subject (Zuckerberg) becomes the
    Hangul form the name table gives it (저커버그) where a claim of the story has that form."""
    if names is None:
        return claims
    written = {c["subject"] for c in claims if c.get("subject")}
    for claim in claims:
        subject = claim.get("subject")
        if subject:
            same = [form for form in names.hangul(subject) if form in written and form != subject]
            if same:
                claim["subject"] = same[0]
    return claims


def _reported(group: list[dict], sources: _Sources) -> dict | None:
    seen = {}
    for claim in group:                # the same sentence in two articles: one source
        first = seen.setdefault(_sentence_key(claim.get("sentence") or ""), claim["article"])
        if first != claim["article"]:
            sources.union(first, claim["article"])
    outcome = reconcile(group, sources)
    if group[0]["key"] == QUANTITY and outcome["independent_sources"] < 2 and outcome["status"] not in (CONFLICT, UPDATED):
        return None
    claims = [{k: v for k, v in c.items() if k not in ("key", "subject", "measure", "stated", "language")}
              for c in group]
    return {"key": group[0]["key"], "measure": _label(group), "subject": _subject(group), **outcome, "claims": claims}


def stored_story_records(index: StoryIndex, extractor: FactExtractor, story_ids):
    """The lines of these stories of an index with a store, their copies read from the store."""
    index.load_stories(story_ids)
    articles = [a for s in story_ids if s in index.stories for a in index.stories[s].articles]
    return story_records(index, index.store.copies(articles), extractor, story_ids)


def story_records(index: StoryIndex, copies_of: dict[str, list[dict]], extractor: FactExtractor, story_ids=None):
    """The lines of the stories output, one per story (`story_ids`, default every story the index
    holds), in the order the stories began; `copies_of`: see copies_by_article."""
    if story_ids is not None:
        index.load_stories(story_ids)
        stories = [index.stories[s] for s in story_ids if s in index.stories]
    else:
        stories = list(index.stories.values())
    for story in sorted(stories, key=lambda s: s.seq):
        index.load_members(story.articles)
        members: list[Member] = [index.members[a] for a in story.articles if a in index.members]
        if not members:
            continue
        days = sorted(d for d in (story_day(m.published) for m in members) if d)
        published = sorted(m.published for m in members if m.published)
        sources = _Sources()
        _translations(members, sources, index.terms.names)
        claims = _one_name_each(_claims(members, copies_of, days[0] if days else None, extractor, sources),
                                index.terms.names)
        facts = [f for f in (_reported(group, sources) for group in align(claims)) if f is not None]
        source_names = {source_of(m) for m in members}
        source_names |= {host(c.get("url", "")) for m in members for c in copies_of.get(m.id, [])}
        first_member = min(members, key=lambda m: (m.published is None, m.published or ""))
        yield {
            "story_id": story.id,
            "title": first_member.title,
            "articles": [m.id for m in members],
            "copies": [c["id"] for m in members for c in copies_of.get(m.id, [])],
            "members": [outlet_of(m) for m in members]
            + [{"id": c["id"], "url": c.get("url"), "host": host(c.get("url", "")), "copy_of": m.id}
               for m in members for c in copies_of.get(m.id, [])],
            "sources": sorted(s for s in source_names if s),
            "first_published": published[0] if published else None,
            "last_published": published[-1] if published else None,
            "facts": facts,
        }


def conflicts_of(record: dict) -> set[tuple]:
    """(story, measure, subject) of a story line's facts in conflict."""
    return {(record.get("story_id"), (f.get("measure") or {}).get("id", f.get("key")), f.get("subject"))
            for f in record.get("facts") or [] if f.get("status") == "conflict"}
