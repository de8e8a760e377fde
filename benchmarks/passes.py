"""`python -m benchmarks.passes`: what each trafilatura pass costs and gains, on pages nobody tuned for.

Over the 990 pages of ../shared/eval/web-html (their own metric: with/without strings, F), the body
alone as extraction gives it (before the normalize and validate stages), for three strategies
measured in one run on the same parsed pages:

- the cheap pass everywhere (precision first, fast, precleaned tree);
- the full pass everywhere (trafilatura's defaults on the untouched page);
- as shipped: the cheap pass, and the full pass where needs_full_pass says so (the longer kept).

Prints F and the CPU seconds of each, the share of pages that took the full pass, and the gain of
the shipped strategy over the cheap pass per second it costs more.
"""

from __future__ import annotations

import json
import time
from multiprocessing import get_context
from pathlib import Path

from benchmarks.common import ROOT
from newsbot.workerpool import available_cores

WEB = ROOT.parent / "shared" / "eval" / "web-html"


def _page(label: dict) -> dict:
    from newsbot.evaluate.pages import read_page
    from newsbot.extract.decode import decode
    from newsbot.extract.html import parse
    from newsbot.extract.passes import CHEAP_PASS, FULL_PASS, needs_full_pass, running_text_chars, trafilatura_body

    text, _ = decode(read_page(WEB / label["path"]), None)
    started = time.process_time()
    tree = parse(text)
    page_chars = running_text_chars(tree)
    cheap = trafilatura_body(tree, CHEAP_PASS, preclean=True)
    cheap_seconds = time.process_time() - started
    started = time.process_time()
    full = trafilatura_body(parse(text), FULL_PASS, preclean=False)
    full_seconds = time.process_time() - started
    return {"path": label["path"], "cheap": "\n".join(cheap.lines), "full": "\n".join(full.lines),
            "gated": bool(needs_full_pass(cheap, page_chars)), "longer_full": full.chars > cheap.chars,
            "cheap_s": cheap_seconds, "full_s": full_seconds}


def main(argv=None) -> int:
    from newsbot.evaluate.scores import folder_scorer, load_jsonl

    if not (WEB / "expected.jsonl").exists():
        raise SystemExit(f"{WEB} not found: this benchmark reads ../shared/eval/web-html")
    labels = load_jsonl(WEB / "expected.jsonl")
    with get_context("spawn").Pool(available_cores()) as pool:
        pages = {p["path"]: p for p in pool.map(_page, labels, chunksize=8)}
    scorer = folder_scorer(WEB)

    def f_of(choose) -> float:
        totals = [0, 0, 0, 0]
        for label in labels:
            counts, _, _ = scorer.count_item(label, choose(pages[label["path"]]))
            totals = [t + c for t, c in zip(totals, counts)]
        return scorer.scores(*totals)["f1"]

    shipped = lambda p: p["full"] if p["gated"] and p["longer_full"] else p["cheap"]  # noqa: E731
    rows = [
        ("cheap pass everywhere", f_of(lambda p: p["cheap"]), sum(p["cheap_s"] for p in pages.values())),
        ("full pass everywhere", f_of(lambda p: p["full"]), sum(p["full_s"] for p in pages.values())),
        ("as shipped: cheap, full where needed", f_of(shipped),
         sum(p["cheap_s"] + (p["full_s"] if p["gated"] else 0.0) for p in pages.values())),
    ]
    gated = sum(p["gated"] for p in pages.values())
    print(f"trafilatura passes on {len(labels)} pages of {WEB} (body as extracted, the set's own F)")
    for name, f, seconds in rows:
        print(f"  {name:<38} F {f:.3f}   {seconds:6.1f} CPU s")
    print(f"  full pass taken on {gated} pages ({gated / len(pages):.0%})")
    print(json.dumps({name: {"f": round(f, 4), "cpu_s": round(s, 1)} for name, f, s in rows} | {"full_pass_pages": gated}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
