"""What the articles of a story say, reconciled: one ReconciledFact per measure and subject.

- Claims: every fact of the story's articles about the story's own event (``other_event`` left
  out), one per article and stated value. A relative date an undated article could not resolve
  is resolved here against the story's first date; left unresolved, it is listed with a null
  value and takes no part in the status.
- Alignment: a claim is about a measure (newsbot.facts.measures). Claims of a fact key
  (trip.duration ...) are aligned by key and subject. Other claims are compared only within one
  unit class (a count of people is not a count of cases) and one time scope (2021년, 1분기), and
  when their subjects do not differ; two of them are one measure when they read the same noun and
  predicate (a strong link), or when their values meet and they share their noun, their
  predicate or two words around the number (a weak link: enough to agree, never to conflict).
- Precision first: a group whose values disagree is reported as a conflict only when all its
  claims read one noun and one predicate and no source states two values of it; otherwise only
  its values that two independent sources meet on are reported, as separate facts. A `quantity`
  fact is reported when two independent sources back it (or it conflicts); a key's also when one
  source states it.
- Independent sources: copies are one source. An article and the pages the dedupe stage found
  to be its copies (duplicates.jsonl) are one source; so are articles that state a fact in the
  very same sentence (a wire story printed by two outlets).
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
from newsbot.facts.extract import QUANTITY, FactExtractor
from newsbot.stories.index import Member, StoryIndex, by_day, overlaps, story_day

SINGLE, AGREED, COMPATIBLE, CONFLICT, UPDATED = "single", "agreed", "compatible", "conflict", "updated"
UPDATE_GAP = timedelta(hours=1)
SHARED_CONTEXT = 2          # words around two numbers that make them one measure when their values meet


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
    key = extractor.key_rule(fact["key"])
    if extractor.outside_window(e, key, anchor, event=key is None and e.kind in ("date", "datetime")):
        return None
    return {**fact, "value": {"min": e.min, "max": e.max, "unit": e.unit}, "stated": e.stated,
            "resolved_by": "story"}


def _interval(value: dict) -> tuple:
    return value["min"], value["max"]


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


def _by_value(valued: list[dict]) -> list[list[dict]]:
    """The claims in groups of the same stated value (the first claim's interval for the group)."""
    groups: dict[tuple, list[dict]] = {}
    for c in valued:
        groups.setdefault((c.get("stated"), json.dumps(c["value"], sort_keys=True)), []).append(c)
    return list(groups.values())


def _updated(valued: list[dict]) -> list[list[dict]] | None:
    """The claims' value groups in the order the story told them, when each value was reported
    only after every report of the one before it (by UPDATE_GAP at least); else None."""
    groups = _by_value(valued)
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
    pairs_overlap = all(overlaps(_interval(a["value"]), _interval(b["value"]))
                        for i, a in enumerate(valued) for b in valued[i + 1:])
    if len(groups) == 1:
        status = SINGLE if pairs_overlap else CONFLICT
    elif len(stated) == 1:
        status = AGREED
    elif pairs_overlap:
        status = COMPATIBLE
    else:
        status = CONFLICT
    if status == CONFLICT and (told := _updated(valued)):
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


# --- alignment ---------------------------------------------------------------------------------

def _unit_class(claim: dict) -> str:
    return claim["measure"]["id"].split("/", 1)[0]


def _subjects_meet(a: str | None, b: str | None) -> bool:
    """Two subjects may be one (김 and 김상욱: a family name and the full name); a conflict needs
    them equal (see _uniform)."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _strong(a: dict, b: dict) -> bool:
    ma, mb = a["measure"], b["measure"]
    return ma.get("noun") is not None and ma.get("noun") == mb.get("noun") and ma.get("predicate") == mb.get("predicate")


def _distinctive(stated: str | None) -> bool:
    """A stated value few numbers of a story share by chance: two significant digits or more (335,
    790만, 1050), not 1, 2 or 30. (Shares are left out: polls repeat them.)"""
    digits = re.sub(r"\D", "", (stated or "").split()[0] if stated else "").strip("0")
    return len(digits) >= 2


def _one_sided(value: dict) -> bool:
    return (value["min"] is None) != (value["max"] is None)


def _weak(a: dict, b: dict) -> bool:
    ma, mb = a["measure"], b["measure"]
    if a["value"] is None or b["value"] is None or not overlaps(_interval(a["value"]), _interval(b["value"])):
        return False
    if _one_sided(a["value"]) and _one_sided(b["value"]) and a.get("stated") != b.get("stated"):
        return False                # 10만원 이하 and 300만원 이하 meet, but say different things
    words_a = {ma.get("noun"), ma.get("predicate")} - {None}
    if words_a & {mb.get("noun"), mb.get("predicate")}:
        return True                 # one noun or predicate (찬성표를 던졌다, 찬성했다)
    if (a.get("stated") == b.get("stated") and _distinctive(a.get("stated"))
            and a["value"]["unit"] not in ("date", "datetime", "percent", "pp")
            and (not ma.get("noun") or not mb.get("noun"))):
        return True                 # the same distinctive value, one of them with no noun
    shared = len(set(ma.get("context") or ()) & set(mb.get("context") or ()))
    if a["value"]["unit"] in ("date", "datetime") and a.get("stated") and a.get("stated") == b.get("stated"):
        return shared >= 1          # one day, told around the same words
    return shared >= SHARED_CONTEXT


def _keys(claim: dict) -> set[tuple]:
    """What a claim can be linked by: two claims that share none of these never are (see _strong
    and _weak), so only claims that share one are compared."""
    m = claim["measure"]
    keys = {("word", w) for w in (m.get("noun"), m.get("predicate")) if w}
    keys |= {("context", w) for w in m.get("context") or ()}
    if claim.get("stated"):
        keys.add(("stated", claim["stated"]))
    return keys


def _components(claims: list[dict], linked) -> list[list[dict]]:
    """The claims in groups: two claims of different articles whose subjects may be one and that
    `linked` joins are in one group (compared only when they share a key: a story of thousands
    of claims costs what its pairs that could be linked cost)."""
    parent = list(range(len(claims)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets = defaultdict(list)
    for i, c in enumerate(claims):
        for key in _keys(c):
            buckets[key].append(i)
    compared = set()
    for members in buckets.values():
        for x, i in enumerate(members):
            a = claims[i]
            for j in members[x + 1:]:
                if (i, j) in compared or find(i) == find(j):
                    continue
                compared.add((i, j))
                b = claims[j]
                if a["article"] != b["article"] and _subjects_meet(a.get("subject"), b.get("subject")) and linked(a, b):
                    parent[find(j)] = find(i)
    groups = defaultdict(list)
    for i, c in enumerate(claims):
        groups[find(i)].append(c)
    return list(groups.values())


def _split_by_value(claims: list[dict]) -> list[list[dict]]:
    """The claims in groups of one stated value; a group of an approximate value (약 530억, 2023년)
    joins the one exact group it meets, if it meets only one (약 530억 meets 495억 too: it stays
    apart), and is never a bridge between two others."""
    groups = _by_value([c for c in claims if c["value"] is not None])
    exact = [g for g in groups if g[0]["value"]["min"] == g[0]["value"]["max"]]
    apart = []
    for group in groups:
        if any(group is g for g in exact):
            continue
        meets = [g for g in exact if overlaps(_interval(group[0]["value"]), _interval(g[0]["value"]))]
        if len(meets) == 1:
            meets[0].extend(group)
        elif not meets:
            apart.append(group)
    return exact + apart


def _uniform(claims: list[dict], personal: dict[str, set]) -> bool:
    """All the claims read one noun, one subject, and one predicate (or a noun the rules know as
    a measure: 사망자, 투표율), and no article states two values of it: a disagreement among them
    is one."""
    nouns = {c["measure"].get("noun") for c in claims}
    predicates = {c["measure"].get("predicate") for c in claims}
    subjects = {c.get("subject") for c in claims}
    named = len(predicates) == 1 and None not in predicates or all(c["measure"].get("known") for c in claims)
    if None in subjects and personal.get(claims[0]["measure"]["id"]):
        return False                # the story gives this measure per person: a claim without one is nobody's
    return len(nouns) == 1 and None not in nouns and named and len(subjects) == 1 and _one_value_each(claims)


def _kept(group: list[dict], personal: dict[str, set]) -> list[list[dict]]:
    """A group of claims as it is reported: whole when its values agree, or when they disagree
    and may (see _uniform: a fact key's claims need only one value per article); else the
    groups of its values that two articles or more state (no conflict is made of them)."""
    valued = [c for c in group if c["value"] is not None]
    articles = {c["article"] for c in valued}
    agree = all(overlaps(_interval(a["value"]), _interval(b["value"])) for i, a in enumerate(valued)
                for b in valued[i + 1:])
    keyed = group[0]["key"] != QUANTITY
    if agree and (keyed or len(articles) >= 2):
        return [group]
    if not agree and len(articles) >= 2 and not _dated(valued) and (
            _one_value_each(valued) if keyed else _uniform(valued, personal)):
        return [group]
    return [g for g in _split_by_value(group) if len({c["article"] for c in g}) >= 2]


def _dated(claims: list[dict]) -> bool:
    """Plain dates and times (no fact key): too loosely tied to one event to make a conflict."""
    return claims[0]["key"] == QUANTITY and claims[0]["value"]["unit"] in ("date", "datetime")


def _one_value_each(claims: list[dict]) -> bool:
    per_article = defaultdict(set)
    for c in claims:
        per_article[c["article"]].add(json.dumps(c["value"], sort_keys=True))
    return all(len(v) == 1 for v in per_article.values())


def align(claims: list[dict]) -> list[list[dict]]:
    """The claims of a story in groups, one a measure (see the module's docstring)."""
    keyed, partitions = defaultdict(list), defaultdict(list)
    for c in claims:
        if c["key"] != QUANTITY:
            keyed[(c["key"], c.get("subject"))].append(c)
        else:
            partitions[(_unit_class(c), c["measure"].get("scope"))].append(c)
    personal = defaultdict(set)
    for c in claims:
        if c["key"] == QUANTITY and c.get("subject"):
            personal[c["measure"]["id"]].add(c["subject"])
    groups = []
    for group in keyed.values():
        groups += _kept(group, personal)
    for partition in partitions.values():
        for component in _components(partition, lambda a, b: _strong(a, b) or _weak(a, b)):
            groups += _kept(component, personal)
    return groups


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
            if fact.get("other_event"):
                continue
            fact = _resolved(fact, anchor, extractor)
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
                     "measure": measure}
            claims.append(claim)
            claims += [{**claim, "article": copy["id"], "source": host(copy.get("url", "")), "copy_of": member.id}
                       for copy in member_copies]
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
    claims = [{k: v for k, v in c.items() if k not in ("key", "subject", "measure", "stated")} for c in group]
    return {"key": group[0]["key"], "measure": _label(group), "subject": _subject(group), **outcome, "claims": claims}


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
        claims = _claims(members, copies_of, days[0] if days else None, extractor, sources)
        facts = [f for f in (_reported(group, sources) for group in align(claims)) if f is not None]
        source_names = {source_of(m) for m in members}
        source_names |= {host(c.get("url", "")) for m in members for c in copies_of.get(m.id, [])}
        first_member = min(members, key=lambda m: (m.published is None, m.published or ""))
        yield {
            "story_id": story.id,
            "title": first_member.title,
            "articles": [m.id for m in members],
            "copies": [c["id"] for m in members for c in copies_of.get(m.id, [])],
            "sources": sorted(s for s in source_names if s),
            "first_published": published[0] if published else None,
            "last_published": published[-1] if published else None,
            "facts": facts,
        }


def conflicts_of(record: dict) -> set[tuple]:
    """(story, measure, subject) of a story line's facts in conflict."""
    return {(record.get("story_id"), (f.get("measure") or {}).get("id", f.get("key")), f.get("subject"))
            for f in record.get("facts") or [] if f.get("status") == "conflict"}
