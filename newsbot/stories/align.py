"""Which claims of a story are about one measure (see newsbot.facts.measures), in groups that
reconcile.py turns into facts.

- Claims of a fact key (trip.duration ...) are grouped by key and subject.
- Other claims are compared only within one unit class (a count of people is not a count of
  cases) and one time scope (2021년, 1분기), and when their subjects may be one (김 and 한지우);
  two are one measure when they read the same noun and predicate (a strong link), or when their
  values meet and they share their noun or predicate, one subject and its same value (개혁신당
  3.3%), a distinctive value (335, 790만; a rare one, a range or three significant digits, whatever
  their nouns) or two words around the number, one for the same exact value (a weak link: enough
  to agree, never to conflict). Claims in two languages, whose words cannot be compared, are
  one measure by a weak link when they state one value in one unit (not a date, nor a count or a
  share most stories have by chance: 60조 원 and 60 trillion won, 99.7% and 99.7 percent); a count
  each language counts in its own words (62만 개, 620,000 bitcoins) is compared across its
  counters then. Only claims that
  share such a key are compared, so a story costs its linkable pairs, not all its pairs.
- Precision first: a group whose values disagree is kept whole (to become a conflict or an
  update) only when its claims read one noun, one subject and one predicate (or a noun the rules
  name as a measure: 사망자, 투표율), no article states two values of it, and the story does not
  give that measure person by person; a fact key's group only when each article states one value.
  Plain dates and places in an order (1차, 2차) never conflict. Otherwise only the values two
  articles or more state are kept, each a group of its own.
- Background: a number an article places in another event (``other_event``: 지난해, 당시) supports
  a group of the story's own claims that it links to and whose every value it meets (one outlet
  writes 지난해 for what another states plainly); background numbers that support none make a group
  of their own only when two articles or more state one value (지난해 ... 2400명): they can
  agree, never disagree.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from newsbot.facts.extract import QUANTITY
from newsbot.stories.index import overlaps

SHARED_CONTEXT = 2          # words around two numbers that make them one measure when their values meet


def interval_of(value: dict) -> tuple:
    return value["min"], value["max"]


def all_meet(valued: list[dict]) -> bool:
    """Every two of the claims' values (none of them null) meet."""
    return all(overlaps(interval_of(a["value"]), interval_of(b["value"])) for i, a in enumerate(valued)
               for b in valued[i + 1:])


def by_stated_value(valued: list[dict]) -> list[list[dict]]:
    """The claims in groups of the same stated value (the first claim's interval for the group)."""
    groups: dict[tuple, list[dict]] = {}
    for c in valued:
        groups.setdefault((c.get("stated"), json.dumps(c["value"], sort_keys=True)), []).append(c)
    return list(groups.values())


def _unit_class(claim: dict) -> str:
    return claim["measure"]["id"].split("/", 1)[0]


def _subjects_meet(a: str | None, b: str | None) -> bool:
    """Two subjects may be one (김 and 한지우: a family name and the full name); a conflict needs
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


def _rare(stated: str | None) -> bool:
    """A stated value two measures of one story hardly share by chance, whatever nouns they are
    read with: a range (18-19) or three significant digits or more (7500억, 5440억, 1739)."""
    first = (stated or "").split()[0] if stated else ""
    return "-" in first.strip("-") or len(re.sub(r"\D", "", first).strip("0")) >= 3


def _exact(value: dict) -> bool:
    return value["min"] is not None and value["min"] == value["max"]


def _one_sided(value: dict) -> bool:
    return (value["min"] is None) != (value["max"] is None)


def _weak(a: dict, b: dict) -> bool:
    ma, mb = a["measure"], b["measure"]
    if a["value"] is None or b["value"] is None or not overlaps(interval_of(a["value"]), interval_of(b["value"])):
        return False
    if _one_sided(a["value"]) and _one_sided(b["value"]) and a.get("stated") != b.get("stated"):
        return False                # 10만원 이하 and 300만원 이하 meet, but say different things
    if _across(a, b):
        return True                 # one value in two languages, whose words do not compare
    words_a = {ma.get("noun"), ma.get("predicate")} - {None}
    if words_a & {mb.get("noun"), mb.get("predicate")}:
        return True                 # one noun or predicate (찬성표를 던졌다, 찬성했다)
    if a.get("subject") is not None and a.get("subject") == b.get("subject") and a.get("stated") == b.get("stated"):
        return True                 # one party's or person's same value (개혁신당 3.3%, 개혁신당은 3.3%)
    if (a.get("stated") == b.get("stated") and _distinctive(a.get("stated"))
            and a["value"]["unit"] not in ("date", "datetime")
            and (_rare(a.get("stated")) or a["value"]["unit"] not in ("percent", "pp")
                 and (not ma.get("noun") or not mb.get("noun")))):
        return True                 # the same distinctive value, one of them with no noun, or a rare one
    shared = len(set(ma.get("context") or ()) & set(mb.get("context") or ()))
    if a["value"]["unit"] in ("date", "datetime") and a.get("stated") and a.get("stated") == b.get("stated"):
        return shared >= 1          # one day, told around the same words
    if a.get("stated") == b.get("stated") and _exact(a["value"]) and _exact(b["value"]):
        return shared >= 1          # one exact value, told around the same word
    return shared >= SHARED_CONTEXT


def _across(a: dict, b: dict) -> bool:
    """Claims in two languages (an English and a Korean report of one story), whose nouns and
    predicates cannot be compared: one unit and one stated value, not a date (a report's own day
    is in every report) nor a count or a share that many measures of a story may have by chance
    (3, 2%; 620,000 and 99.7% are not)."""
    language = a.get("language")
    if not language or not b.get("language") or language == b.get("language") or a.get("stated") != b.get("stated"):
        return False
    unit = a["value"]["unit"]
    return unit not in NAMING_UNITS and (_distinctive(a.get("stated")) or unit not in ("count", "percent", "pp"))


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
    groups = by_stated_value([c for c in claims if c["value"] is not None])
    exact = [g for g in groups if g[0]["value"]["min"] == g[0]["value"]["max"]]
    apart = []
    for group in groups:
        if any(group is g for g in exact):
            continue
        meets = [g for g in exact if overlaps(interval_of(group[0]["value"]), interval_of(g[0]["value"]))]
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
    if None in subjects and claims[0]["value"]["unit"] == "age":
        return False                # 30대 and 50대 of nobody named: two people, not a disagreement
    return len(nouns) == 1 and None not in nouns and named and len(subjects) == 1 and _one_value_each(claims)


def _kept(group: list[dict], personal: dict[str, set]) -> list[list[dict]]:
    """A group of claims as it is reported: whole when its values agree, or when they disagree
    and may (see _uniform: a fact key's claims need only one value per article); else the
    groups of its values that two articles or more state (no conflict is made of them)."""
    valued = [c for c in group if c["value"] is not None]
    articles = {c["article"] for c in valued}
    agree = all_meet(valued)
    keyed = group[0]["key"] != QUANTITY
    if agree and (keyed or len(articles) >= 2):
        return [group]
    if not agree and len(articles) >= 2 and not _naming(valued) and (
            _one_value_each(valued) if keyed else _uniform(valued, personal)):
        return [group]
    return [g for g in _split_by_value(group) if len({c["article"] for c in g}) >= 2]


#: Units whose values name one event or thing among others (a day, a place in an order: 1차 and
#: 2차 조사 are two questionings): two of them are two events, never a disagreement.
NAMING_UNITS = ("date", "datetime", "ordinal")


def _naming(claims: list[dict]) -> bool:
    """Plain dates, times and places in an order (no fact key): too loosely tied to one event to
    make a conflict."""
    return claims[0]["key"] == QUANTITY and claims[0]["value"]["unit"] in NAMING_UNITS


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
    _counts_across_languages(partitions)
    personal = defaultdict(set)
    for c in claims:
        if c["key"] == QUANTITY and c.get("subject"):
            personal[c["measure"]["id"]].add(c["subject"])
    groups = []
    for group in keyed.values():
        groups += _kept(group, personal)
    for partition in partitions.values():
        linked = lambda a, b: _strong(a, b) or _weak(a, b)        # noqa: E731
        for component in _components(partition, linked):
            supported = _supported(component)
            if supported:
                groups += [g for g in _kept(supported, personal) if not all(c.get("background") for c in g)]
            taken = {id(c) for c in supported}
            groups += _background_agreed([c for c in component if c.get("background") and id(c) not in taken])
    return groups


def _counts_across_languages(partitions: dict[tuple, list[dict]]) -> None:
    """Counts of one distinctive value that two languages count in their own words (62만 개 and
    620,000 bitcoins: the counter 개, the noun bitcoins) are compared in one partition: where one
    partition of each language holds the value, the claims of the others of that value join the
    one that holds most of them (and _across links them)."""
    where = defaultdict(lambda: defaultdict(set))            # stated value -> language -> partitions
    for key, members in partitions.items():
        if not key[0].startswith("count:"):
            continue
        for c in members:
            if c.get("language") and _distinctive(c.get("stated")):
                where[c["stated"]][c["language"]].add(key)
    for stated, languages in where.items():
        if len(languages) < 2 or any(len(keys) > 1 for keys in languages.values()):
            continue
        keys = [next(iter(k)) for k in languages.values()]
        held = {k: [c for c in partitions[k] if c.get("stated") == stated] for k in keys}
        target = max(keys, key=lambda k: (len(held[k]), k))
        for key in keys:
            if key != target:
                partitions[key] = [c for c in partitions[key] if c.get("stated") != stated]
                partitions[target] += held[key]


def _background_agreed(component: list[dict]) -> list[list[dict]]:
    """A group of background claims alone (another event's number, told by several articles:
    지난해 ... 2400명, 지난해 10월 ... 돌파): the values two articles or more state,
    each a group of its own, so they can agree but never conflict."""
    return [g for g in _split_by_value(component) if len({c["article"] for c in g}) >= 2]


def _supported(component: list[dict]) -> list[dict]:
    """A group's own claims and the background claims that meet every value of them, while those
    agree; its own claims alone when they disagree or state no value (none when it has none)."""
    own = [c for c in component if not c.get("background")]
    valued = [c for c in own if c["value"] is not None]
    agree = all_meet(valued)
    if not valued or not agree or len(own) == len(component):
        return own
    return own + [c for c in component if c.get("background") and c["value"] is not None
                  and all(overlaps(interval_of(c["value"]), interval_of(o["value"])) for o in valued)]
