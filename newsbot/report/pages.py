"""The report's HTML: one page per story and an index, each self-contained (its style inline, no
script needed to read it, nothing fetched from elsewhere), so that the folder opens from disk.

Pure functions of story lines (newsbot.stories.reconcile) and index rows (newsbot.report.summary).
A story page lives in ``stories/`` beside ``index.html``: its links to the index are relative."""

from __future__ import annotations

from html import escape

from newsbot.report.summary import STATUS_ORDER, claim_source, members_of, source_label, summarize
from newsbot.report.values import format_value, status_meaning

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Noto Sans KR","Malgun Gothic",sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1d1d1f}
h1{font-size:1.5em;margin:.4em 0}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid #ddd;padding-bottom:.2em}
a{color:#0b57d0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;vertical-align:top;border-bottom:1px solid #eee}
th{font-weight:600;background:#f6f6f6}.meta{color:#555}.num{text-align:right;white-space:nowrap}time{white-space:nowrap;color:#555}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.85em;font-weight:600}
.status-agreed .status{background:#d7f2dc;color:#0f5323}.status-compatible .status{background:#d5eef2;color:#0c4a55}
.status-conflict .status{background:#fbd9d6;color:#8a1c12}.status-updated .status{background:#fdebc8;color:#7a4b00}
.status-single .status{background:#eceff1;color:#455a64}
tr.fact.status-conflict td:first-child{border-left:4px solid #d93025}tr.fact.status-updated td:first-child{border-left:4px solid #f29900}
tr.fact.status-agreed td:first-child{border-left:4px solid #1e8e3e}tr.fact.status-compatible td:first-child{border-left:4px solid #129eaf}
tr.fact.status-single td:first-child{border-left:4px solid #9aa0a6}
tr.claims td{border-bottom:2px solid #ddd;padding-top:0}ul.claims{margin:0;padding-left:1.2em}ul.claims li{margin:.25em 0}
mark{background:#ffe58f;padding:0 2px}.source{font-weight:600}.copy{color:#666}.aside{color:#555;font-size:.92em}
input[type=search]{width:100%;max-width:420px;padding:6px 8px;font-size:1em;margin:.4em 0 .8em}
.legend span.status{margin-right:4px}.legend li{list-style:none;margin:.15em 0}.legend{padding:0}
"""

SEARCH_SCRIPT = """
document.getElementById('q').addEventListener('input',function(e){var q=e.target.value.toLowerCase();
document.querySelectorAll('#stories tbody tr').forEach(function(r){r.hidden=q&&r.textContent.toLowerCase().indexOf(q)<0;});});
"""


def _page(title: str, body: str, script: str = "") -> str:
    tail = f"<script>{script}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n{tail}</body></html>\n")


def _day(value: str | None, missing: str = "—") -> str:
    return escape((value or "")[:16].replace("T", " ")) or missing


def highlighted(sentence: str | None, text: str | None) -> str:
    """The sentence, escaped, with the words that state the value marked."""
    sentence = sentence or ""
    at = sentence.find(text) if text else -1
    if at < 0:
        return escape(sentence) or escape(text or "")
    return f"{escape(sentence[:at])}<mark>{escape(text)}</mark>{escape(sentence[at + len(text):])}"


def _article_link(member: dict | None, label: str = "article") -> str:
    url = (member or {}).get("url")
    return f'<a class="article" href="{escape(url, quote=True)}">{escape(label)}</a>' if url else ""


def _claim_item(claim: dict, members: dict[str, dict], fact_value: dict | None) -> str:
    member = members.get(claim.get("article"))
    copy = ""
    if member is not None and member.get("copy_of"):
        original = members.get(member["copy_of"]) or {"id": member["copy_of"]}
        copy = f' <span class="copy">(a copy of {escape(source_label(original))})</span>'
    # a claim's own value only where it is not the fact's (a conflict, an update, a looser interval)
    value = "" if claim.get("value") in (None, fact_value) else \
        f' <span class="aside">{escape(format_value(claim["value"]))}</span>'
    return (f'<li><span class="source">{escape(claim_source(claim, members))}</span>{copy} '
            f'<time>{_day(claim.get("published"), "undated")}</time>{value}: '
            f'<q>{highlighted(claim.get("sentence"), claim.get("text"))}</q> {_article_link(member)}</li>')


def _fact_rows(number: int, fact: dict, members: dict[str, dict]) -> str:
    status = fact.get("status") or "single"
    measure = (fact.get("measure") or {}).get("label") or fact.get("key") or "?"
    notes = []
    for other in fact.get("alternatives") or []:
        notes.append(f'also stated: {escape(format_value(other.get("value")))} '
                     f'({other.get("independent_sources", "?")} independent)')
    for earlier in fact.get("history") or []:
        notes.append(f'earlier: {escape(format_value(earlier.get("value")))} '
                     f'({_day(earlier.get("published"))}, {earlier.get("independent_sources", "?")} independent)')
    stated = list(dict.fromkeys(c["text"] for c in fact.get("claims") or [] if c.get("text")))
    if stated:
        notes.insert(0, "as stated: " + " · ".join(escape(text) for text in stated))
    note = "".join(f'<div class="aside">{n}</div>' for n in notes)
    claims = "".join(_claim_item(c, members, fact.get("value")) for c in fact.get("claims") or [])
    return (f'<tr class="fact status-{escape(status)}" id="fact-{number}" data-status="{escape(status)}">'
            f"<td>{escape(measure)}</td><td>{escape(fact.get('subject') or '—')}</td>"
            f'<td class="value">{escape(format_value(fact.get("value")))}{note}</td>'
            f'<td><span class="status" title="{escape(status_meaning(status), quote=True)}">{escape(status)}</span></td>'
            f'<td class="num">{fact.get("independent_sources", "?")}</td></tr>\n'
            f'<tr class="claims" data-fact="fact-{number}"><td colspan="5"><ul class="claims">{claims}</ul></td></tr>\n')


def _facts_section(record: dict, members: dict[str, dict]) -> str:
    facts = sorted(record.get("facts") or [], key=lambda f: STATUS_ORDER.index(f.get("status"))
                   if f.get("status") in STATUS_ORDER else len(STATUS_ORDER))
    if not facts:
        return '<section id="facts"><h2>Facts</h2><p class="aside">No fact is reconciled in this story.</p></section>'
    legend = "".join(f'<li class="status-{s}"><span class="status">{s}</span>{escape(status_meaning(s))}</li>'
                     for s in STATUS_ORDER)
    rows = "".join(_fact_rows(n, fact, members) for n, fact in enumerate(facts, 1))
    return ('<section id="facts"><h2>Facts</h2>'
            '<table class="facts"><thead><tr><th>Measure</th><th>Subject</th><th>Value</th><th>Status</th>'
            f'<th class="num">Independent sources</th></tr></thead><tbody>\n{rows}</tbody></table>'
            f'<ul class="legend">{legend}</ul></section>')


def _timeline_section(record: dict, members: dict[str, dict]) -> str:
    originals = [m for m in members.values() if not m.get("copy_of")]
    originals.sort(key=lambda m: (m.get("published") is None, m.get("published") or "", m["id"]))
    rows = []
    for member in originals:
        rows.append(f'<tr class="article" id="a-{escape(member["id"])}"><td><time>{_day(member.get("published"), "undated")}</time></td>'
                    f'<td class="source">{escape(source_label(member))}</td>'
                    f'<td>{_article_link(member, member.get("title") or member["id"])}</td></tr>')
        for copy in (m for m in members.values() if m.get("copy_of") == member["id"]):
            rows.append(f'<tr class="copy" id="a-{escape(copy["id"])}"><td></td><td>{escape(source_label(copy))}</td>'
                        f'<td>a copy of {escape(source_label(member))}: {_article_link(copy, copy.get("url") or copy["id"])}'
                        f"</td></tr>")
    return ('<section id="timeline"><h2>Articles</h2><table class="timeline"><thead><tr><th>Published</th>'
            f'<th>Outlet</th><th>Title</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def story_page(record: dict) -> str:
    members = members_of(record)
    row = summarize(record)
    span = _day(row["first"]) if row["first"] == row["last"] else f'{_day(row["first"])} – {_day(row["last"])}'
    meta = (f'{span} · {row["outlets"]} independent outlet'
            f'{"" if row["outlets"] == 1 else "s"} · {row["articles"]} article{"" if row["articles"] == 1 else "s"}'
            f' · {row["copies"]} cop{"y" if row["copies"] == 1 else "ies"}')
    body = (f'<nav><a href="../index.html">All stories</a></nav>\n<h1>{escape(row["title"])}</h1>\n'
            f'<p class="meta">{meta} · <code>{escape(record["story_id"])}</code></p>\n'
            f"{_timeline_section(record, members)}\n{_facts_section(record, members)}")
    return _page(row["title"], body)


def index_page(rows: list[dict], title: str = "newsbot stories") -> str:
    """The index: one row a story, in the order given (summary.index_order)."""
    lines = []
    for row in rows:
        marks = "".join(f' <span class="status status-{s}">{row[k]} {s}</span>'
                        for s, k in (("conflict", "conflicts"), ("updated", "updated")) if row.get(k))
        cls = "status-conflict" if row.get("conflicts") else "status-updated" if row.get("updated") else ""
        lines.append(f'<tr class="{cls}" data-story="{escape(row["story_id"], quote=True)}">'
                     f'<td><a href="stories/{escape(row["story_id"], quote=True)}.html">{escape(row["title"])}</a>{marks}</td>'
                     f'<td><time>{_day(row.get("first"))}</time></td><td><time>{_day(row.get("last"))}</time></td>'
                     f'<td class="num">{row["outlets"]}</td><td class="num">{row["articles"]}</td>'
                     f'<td class="num">{row["facts"]}</td></tr>')
    body = (f"<h1>{escape(title)}</h1><p class=\"meta\">{len(rows)} stories; those whose outlets disagree come "
            "first, then those whose figures were updated, each latest first.</p>"
            '<input type="search" id="q" placeholder="Filter by title, outlet count or date" aria-label="Filter stories">'
            '<table id="stories"><thead><tr><th>Story</th><th>First</th><th>Last</th><th class="num">Independent outlets</th>'
            f'<th class="num">Articles</th><th class="num">Facts</th></tr></thead><tbody>{"".join(lines)}</tbody></table>')
    return _page(title, body, SEARCH_SCRIPT)
