"""What the report says of a story line (newsbot.stories.reconcile): who reported it, under the
one naming scheme of sources (reconcile.source_label), and the figures its index shows.

A copy (a page the dedupe stage found to copy an article) is named by its host, as a copy of its
source. Lines written before stories carried their members name their articles by id only: the
report then uses the claims' source names."""

from __future__ import annotations

from newsbot.stories import reconcile

STATUS_ORDER = ("conflict", "updated", "compatible", "agreed", "single")


def source_label(member: dict) -> str:
    """The source's name (newsbot.stories.reconcile.source_label), else the article's id."""
    return reconcile.source_label(member) or member.get("id", "?")


def members_of(record: dict) -> dict[str, dict]:
    """article id -> its member entry (copies included, with copy_of)."""
    members = {m["id"]: m for m in record.get("members") or [] if m.get("id")}
    for article_id in record.get("articles") or []:
        members.setdefault(article_id, {"id": article_id})
    for copy_id in record.get("copies") or []:
        members.setdefault(copy_id, {"id": copy_id, "copy_of": "?"})
    return members


def claim_source(claim: dict, members: dict[str, dict]) -> str:
    member = members.get(claim.get("article"))
    if member is not None and (member.get("outlet") or member.get("host")):
        return source_label(member)
    return claim.get("source") or claim.get("article") or "?"


def independent_outlets(record: dict) -> int:
    """Outlets that reported the story themselves: copies are not counted."""
    members = [m for m in members_of(record).values() if not m.get("copy_of")]
    named = {source_label(m) for m in members if m.get("outlet") or m.get("host")}
    return len(named) if named else len(record.get("sources") or [])


def status_counts(record: dict) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for fact in record.get("facts") or []:
        counts[fact.get("status") or "single"] = counts.get(fact.get("status") or "single", 0) + 1
    return counts


def summarize(record: dict) -> dict:
    """One row of the report's index."""
    counts = status_counts(record)
    return {"story_id": record["story_id"], "title": record.get("title") or record["story_id"],
            "first": record.get("first_published"), "last": record.get("last_published"),
            "outlets": independent_outlets(record), "articles": len(record.get("articles") or []),
            "copies": len(record.get("copies") or []), "facts": len(record.get("facts") or []),
            "conflicts": counts.get("conflict", 0), "updated": counts.get("updated", 0)}


def index_order(row: dict) -> tuple:
    """Stories with conflicts first, then updates; within each, the latest first."""
    return (-(row["conflicts"] > 0), -(row["updated"] > 0), _negated(row.get("last") or row.get("first") or ""),
            row["story_id"])


def _negated(text: str) -> tuple:
    return tuple(-ord(ch) for ch in text)
