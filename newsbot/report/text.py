"""A story for the terminal (``python -m newsbot.stories show ID``): what the report's page says,
as plain text; the words that state a value marked [like this] (or highlighted on a terminal)."""

from __future__ import annotations

from newsbot.report.summary import STATUS_ORDER, claim_source, members_of, source_label, summarize
from newsbot.report.values import format_value


def _day(value: str | None) -> str:
    return (value or "")[:16].replace("T", " ") or "-"


def marked(sentence: str | None, text: str | None, color: bool = False) -> str:
    sentence = sentence or ""
    at = sentence.find(text) if text else -1
    if at < 0:
        return sentence or text or ""
    on, off = ("\x1b[7m", "\x1b[0m") if color else ("[", "]")
    return f"{sentence[:at]}{on}{text}{off}{sentence[at + len(text):]}"


def story_text(record: dict, conflicts_only: bool = False, color: bool = False) -> str:
    members = members_of(record)
    row = summarize(record)
    lines = [f"{record['story_id']}  {row['title']}",
             f"{_day(row['first'])} - {_day(row['last'])} · {row['outlets']} independent outlets · "
             f"{row['articles']} articles · {row['copies']} copies", ""]
    facts = [f for f in record.get("facts") or [] if not conflicts_only or f.get("status") == "conflict"]
    facts.sort(key=lambda f: STATUS_ORDER.index(f["status"]) if f.get("status") in STATUS_ORDER else len(STATUS_ORDER))
    lines.append(("Conflicts" if conflicts_only else "Facts") + ("" if facts else ": none"))
    for fact in facts:
        measure = (fact.get("measure") or {}).get("label") or fact.get("key")
        lines.append(f"  [{fact.get('status')}] {measure} · {fact.get('subject') or '-'} · "
                     f"{format_value(fact.get('value'))} ({fact.get('independent_sources', '?')} independent)")
        for other in fact.get("alternatives") or []:
            lines.append(f"      also stated: {format_value(other.get('value'))} ({other.get('independent_sources')} independent)")
        for earlier in fact.get("history") or []:
            lines.append(f"      earlier: {format_value(earlier.get('value'))} ({_day(earlier.get('published'))})")
        for claim in fact.get("claims") or []:
            member = members.get(claim.get("article")) or {}
            copy = f" (a copy of {source_label(members.get(member['copy_of']) or {'id': member['copy_of']})})" \
                if member.get("copy_of") else ""
            lines.append(f"    {claim_source(claim, members)}{copy} {_day(claim.get('published'))}: "
                         f"{marked(claim.get('sentence'), claim.get('text'), color)}  {member.get('url') or ''}".rstrip())
    lines += ["", "Articles"]
    originals = sorted((m for m in members.values() if not m.get("copy_of")),
                       key=lambda m: (m.get("published") is None, m.get("published") or "", m["id"]))
    for member in originals:
        lines.append(f"  {_day(member.get('published'))}  {source_label(member)}  {member.get('title') or member['id']}"
                     f"  {member.get('url') or ''}".rstrip())
        for copy in (m for m in members.values() if m.get("copy_of") == member["id"]):
            lines.append(f"      copy: {source_label(copy)}  {copy.get('url') or ''}".rstrip())
    return "\n".join(lines) + "\n"
