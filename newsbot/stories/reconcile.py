"""What the articles of a story say, reconciled: one ReconciledFact per fact key and subject.

- Claims: the facts of the story's articles about the story's own event (not ``quantity``, not
  ``other_event``), one per article and stated value. A relative date an undated article could not
  resolve is resolved here against the story's first date; left unresolved, it is listed with a
  null value and takes no part in the status.
- Independent sources: copies are one source. An article and the pages the dedupe stage found
  to be its copies (duplicates.jsonl) are one source; so are articles that state a fact in the
  very same sentence (a wire story printed by two outlets).
- Status: ``single`` (one independent source), ``agreed`` (several, all stating the same value:
  약 2주간 and 2주 agree), ``compatible`` (stated values differ but every two intervals overlap),
  ``conflict`` (some two cannot both be true). For agreed and compatible the value is the
  intersection of the intervals; for a conflict it is the value with the most independent sources,
  the others listed in ``alternatives`` with theirs.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from urllib.parse import urlsplit

from newsbot.facts.expressions import find_expressions
from newsbot.facts.extract import FactExtractor
from newsbot.stories.index import Member, StoryIndex, by_day, overlaps, story_day

SINGLE, AGREED, COMPATIBLE, CONFLICT = "single", "agreed", "compatible", "conflict"


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


def source_of(member: Member) -> str | None:
    """The outlet: the page's host name, else the outlet's name (a seed file has no host)."""
    return member.source or host(member.url) or member.publisher


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
    if extractor.outside_window(e, extractor.key_rule(fact["key"]), anchor):
        return None
    return {**fact, "value": {"min": e.min, "max": e.max, "unit": e.unit}, "stated": e.stated,
            "resolved_by": "story"}


def _intersection(values: list[dict]) -> dict:
    lows = [v["min"] for v in values if v["min"] is not None]
    highs = [v["max"] for v in values if v["max"] is not None]
    mixed = len({v["unit"] for v in values}) > 1
    lo = max(lows, key=by_day) if lows else None
    hi = min(highs, key=by_day) if highs else None
    unit = "date" if mixed else values[0]["unit"]
    if mixed:
        lo, hi = (by_day(lo) if lo else None), (by_day(hi) if hi else None)
    return {"min": lo, "max": hi, "unit": unit}


def reconcile(claims: list[dict], sources: _Sources) -> dict:
    """Status, value and independent sources of the claims about one key and subject."""
    valued = [c for c in claims if c["value"] is not None]
    groups = {sources.find(c["article"]) for c in valued}
    result = {"status": None, "value": None, "independent_sources": len(groups)}
    if not valued:
        return result
    stated = {(c.get("stated"), c["value"]["unit"]) for c in valued}
    pairs_overlap = all(overlaps((a["value"]["min"], a["value"]["max"]), (b["value"]["min"], b["value"]["max"]))
                        for i, a in enumerate(valued) for b in valued[i + 1:])
    if len(groups) == 1:
        status = SINGLE if pairs_overlap else CONFLICT
    elif len(stated) == 1:
        status = AGREED
    elif pairs_overlap:
        status = COMPATIBLE
    else:
        status = CONFLICT
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
        anchor = days[0] if days else None
        sources = _Sources()
        copies = []
        by_fact = defaultdict(list)
        for member in members:
            member_copies = copies_of.get(member.id, [])
            copies += [c["id"] for c in member_copies]
            for fact in member.facts:
                if fact.get("other_event"):
                    continue
                fact = _resolved(fact, anchor, extractor)
                if fact is None:
                    continue
                claim = {"article": member.id, "source": source_of(member), "text": fact["text"],
                         "value": fact["value"], "stated": fact.get("stated"),
                         "sentence": fact.get("sentence")}
                group = by_fact[(fact["key"], fact.get("subject"))]
                if any(c["article"] == claim["article"] and c["stated"] == claim["stated"] for c in group):
                    continue
                group.append(claim)
                for copy in member_copies:
                    sources.union(copy["id"], member.id)
                    group.append({**claim, "article": copy["id"], "source": host(copy.get("url", "")),
                                  "copy_of": member.id})
        for claims in by_fact.values():
            seen = {}
            for claim in claims:           # the same sentence in two articles: one source
                first = seen.setdefault(_sentence_key(claim.pop("sentence", None) or ""), claim["article"])
                if first != claim["article"]:
                    sources.union(first, claim["article"])
        facts = [{"key": key, "subject": subject, **reconcile(claims, sources), "claims": claims}
                 for (key, subject), claims in by_fact.items()]
        source_names = {source_of(m) for m in members}
        source_names |= {host(c.get("url", "")) for m in members for c in copies_of.get(m.id, [])}
        first_member = min(members, key=lambda m: (m.published is None, m.published or ""))
        yield {
            "story_id": story.id,
            "title": first_member.title,
            "articles": [m.id for m in members],
            "copies": copies,
            "sources": sorted(s for s in source_names if s),
            "first_published": published[0] if published else None,
            "last_published": published[-1] if published else None,
            "facts": facts,
        }


def conflicts_of(record: dict) -> set[tuple]:
    """(story, key, subject) of a story line's facts in conflict."""
    return {(record.get("story_id"), f.get("key"), f.get("subject"))
            for f in record.get("facts") or [] if f.get("status") == "conflict"}
