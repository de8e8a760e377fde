"""`python -m benchmarks.reconcile`: the facts of stories, reconciled, over the 2,042 bench articles.

1. Facts of every article (FactExtractor), stories (StoryIndex, the pipeline's settings), copies
   (the dedupe stage's rule: 5-character MinHash similarity of at least NEWSBOT_NEAR_THRESHOLD, the
   later article the copy) and the stories' reconciled facts (newsbot.stories.reconcile), on one
   core. Facts and reconciliation are timed; Kiwi's load is not (target: 300 articles/s).
2. Of the stories with two or more independent sources, the share with at least one fact backed by
   two or more of them (target: 60%).
3. Against benchmarks/labels/facts_ko.toml (60 stories read by hand before tuning; `tune` stories
   may be looked at while tuning, `held-out` ones only scored), for each split and in all:
   - alignment: of the reconciled facts with two or more independent sources whose claims fall
     in a labelled story, the share about one measure: every claim on an article the label lists
     for a measure meets the label's value there, two articles or more do; a fact that meets no
     label is looked up in benchmarks/labels/facts_ko_judged.toml (facts judged by reading their
     claims' sentences: the labels list the numbers a reader reconciles, not every date a story
     repeats); one not judged yet counts as wrong (target: 90%);
   - conflicts: of those reported as `conflict` (or `updated`), the share the labels call a
     disagreement (or an update) (target: 85%);
   - recall: of the labelled facts, the share found: a reconciled fact aligned with the measure,
     holding claims of at least two of the label's articles (target: 70%).

`--show tune` prints, for the tune stories, the facts that did not align and the labels not found.
"""

from __future__ import annotations

import argparse
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.common import bench_articles, candidate_pairs, one_core, peak_rss_mb
from newsbot import settings as defaults
from newsbot.facts import morph
from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import load_fact_rules
from newsbot.rules import load_rules
from newsbot.stories.days import StatedDay
from newsbot.stories.index import StoryIndex, overlaps
from newsbot.stories.reconcile import _Sources, copies_by_article, story_records
from newsbot.stories.terms import TermExtractor

LABELS = Path(__file__).with_name("labels") / "facts_ko.toml"
JUDGED = Path(__file__).with_name("labels") / "facts_ko_judged.toml"
TARGETS = {"share": 0.60, "alignment": 0.90, "conflicts": 0.85, "recall": 0.70, "speed": 300.0}


def load_labels(path: Path = LABELS) -> list[dict]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)["story"]


def crawl(articles: list[dict], extractor: FactExtractor):
    """(records, duplicates lines, story index, seconds spent on facts) as a crawl of the bench
    in its order would leave them."""
    copies = {}
    for i, j in sorted(candidate_pairs([a.get("text") or "" for a in articles], defaults.NEWSBOT_NEAR_THRESHOLD)):
        copies.setdefault(j, i)
    records, duplicates = [], []
    index = StoryIndex(TermExtractor(load_rules()), threshold=defaults.NEWSBOT_STORY_THRESHOLD,
                       span_days=defaults.NEWSBOT_STORY_SPAN_DAYS, stated_day=StatedDay(extractor.rules))
    facts_time = 0.0
    for i, a in enumerate(articles):
        record = {"id": f"{i:05d}", "url": a["url"], "source": urlsplit(a["url"]).hostname,
                  "title": a.get("title") or "", "text": a.get("text") or "", "published": a.get("published")}
        if i in copies:
            original = copies[i]
            while original in copies:
                original = copies[original]
            duplicates.append({"id": record["id"], "duplicate_of": f"{original:05d}", "url": a["url"]})
            records.append(record)
            continue
        started = time.perf_counter()
        record["facts"] = extractor.extract(record["title"], record["text"], record["published"])
        facts_time += time.perf_counter() - started
        records.append(record)
        index.add(record)
    return records, duplicates, index, facts_time


def independent_sources(story_articles: list[str], copies_of: dict) -> int:
    sources = _Sources()
    ids = set(story_articles)
    for article in story_articles:
        sources.find(article)
        for line in copies_of.get(article, ()):
            sources.union(line["id"], article)
    return len({sources.find(a) for a in ids})


def _meets(value: dict | None, claim: dict) -> bool:
    """The value meets the labelled claim's interval, in the label's unit (a date and a date-time
    compare by their day)."""
    if not value:
        return False
    unit = claim.get("unit")
    if unit and value.get("unit") != unit and {unit, value.get("unit")} != {"date", "datetime"}:
        return False
    lo, hi = claim.get("min"), claim.get("max")
    a = (value.get("min"), value.get("max"))
    if claim.get("unit") in ("date", "datetime") or isinstance(lo or hi, str):
        a = tuple(v[:16] if isinstance(v, str) else v for v in a)
        lo = lo[:16] if isinstance(lo, str) else lo
        hi = hi[:16] if isinstance(hi, str) else hi
    return overlaps(a, (lo, hi))


def load_judged(path: Path = JUDGED) -> dict[str, list[dict]]:
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        entries = tomllib.load(fh).get("fact", [])
    judged = defaultdict(list)
    for entry in entries:
        judged[entry["story"]].append(entry)
    return judged


def _label_match(claims: list[dict], wanted: list[dict], urls: list[str], url_of: dict) -> int | None:
    """The labelled fact the claims are about: every claim on an article the label lists meets
    its value there, and two articles or more meet it. Of several such labels, the one whose
    bounds the claims state exactly (`300만 원 이하` meets both `at most 100,000` and `at most
    3,000,000`, as open intervals do, but states the second)."""
    best, best_exact = None, -1
    for n, want in enumerate(wanted):
        stated = {urls[c["article"]]: c for c in want["claims"]}
        met, wrong, exact = set(), False, 0
        for c in claims:
            url = url_of[c["article"]]
            if url in stated:
                if _meets(c["value"], {**stated[url], "unit": want["unit"]}):
                    met.add(url)
                    exact += _states(c["value"], stated[url])
                else:
                    wrong = True
        if len(met) >= 2 and not wrong and exact > best_exact:
            best, best_exact = n, exact
    return best


def _states(value: dict, claim: dict) -> bool:
    """The value's bounds are the labelled claim's, where the label gives one (dates by their day)."""
    day = lambda v: v[:10] if isinstance(v, str) else v         # noqa: E731
    return all(day(value.get(bound)) == day(claim[bound]) for bound in ("min", "max") if bound in claim)


def _judged(claims: list[dict], entries: list[dict], urls: list[str], url_of: dict) -> str | None:
    articles = {urls.index(url_of[c["article"]]) for c in claims}
    for entry in entries:
        if set(entry["articles"]) <= articles and all(_meets(c["value"], entry) for c in claims
                                                         if urls.index(url_of[c["article"]]) in entry["articles"]):
            return entry["verdict"]
    return None


def score(stories: list[dict], labels: list[dict], url_of: dict[str, str], judged: dict | None = None) -> dict:
    """Per split: the reconciled facts aligned with a labelled measure (or judged aligned by
    reading, benchmarks/labels/facts_ko_judged.toml), judged misaligned, not judged; the
    conflicts; the labelled facts found and missed."""
    judged = judged or {}
    story_of = {a: s["story_id"] for s in stories for a in s["articles"] + s["copies"]}
    by_id = {s["story_id"]: s for s in stories}
    out = defaultdict(lambda: defaultdict(list))
    for label in labels:
        urls = label["articles"]
        split = out[label["split"]]
        ids = {aid for aid, url in url_of.items() if url in urls}
        story_ids = Counter(story_of[a] for a in ids if a in story_of)
        facts = [f for sid in story_ids for f in by_id[sid]["facts"] if (f.get("independent_sources") or 0) >= 2
                 or f.get("status") in ("conflict", "updated")]
        wanted = label.get("fact", [])
        found = [False] * len(wanted)
        for fact in facts:
            # a copy states what its original does: it is judged as the original
            claims = [{**c, "article": c.get("copy_of") if url_of.get(c["article"]) not in urls and c.get("copy_of")
                       else c["article"]} for c in fact["claims"]]
            claims = [c for c in claims if url_of.get(c["article"]) in urls and c.get("value")]
            if len({c["article"] for c in claims}) < 2:
                continue
            match = _label_match(claims, wanted, urls, url_of)
            verdict = "aligned" if match is not None else _judged(claims, judged.get(label["id"], []), urls, url_of)
            split[verdict or "unjudged"].append((label["id"], fact, claims, urls))
            if fact.get("status") in ("conflict", "updated"):
                real = match is not None and wanted[match]["verdict"] == fact["status"]
                split["real_conflict" if real else "false_conflict"].append((label["id"], fact, claims, urls))
            if match is not None:
                found[match] = True
        for n, want in enumerate(wanted):
            split["found" if found[n] else "missed"].append((label["id"], want))
    return out


def ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.0%}" if b else "0/0"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reconcile")
    parser.add_argument("--show", choices=["tune", "held-out"], help="print what did not align and what was missed")
    args = parser.parse_args(argv)
    core = one_core()
    articles = bench_articles()
    extractor = FactExtractor(load_fact_rules())
    morph.kiwi()
    records, duplicates, index, facts_time = crawl(articles, extractor)
    copies_of = copies_by_article(duplicates)
    started = time.perf_counter()
    stories = list(story_records(index, copies_of, extractor))
    reconcile_time = time.perf_counter() - started
    url_of = {r["id"]: r["url"] for r in records}

    multi = [s for s in stories if independent_sources(s["articles"], copies_of) >= 2]
    backed = [s for s in multi if any((f.get("independent_sources") or 0) >= 2 for f in s["facts"])]
    statuses = Counter(f.get("status") for s in stories for f in s["facts"])
    rate = len(articles) / (facts_time + reconcile_time)
    print(f"reconcile benchmark: {len(articles)} bench articles, one core (cpu {core})")
    print(f"  facts {facts_time:.2f} s + reconciliation {reconcile_time:.2f} s: {rate:.0f} articles/s "
          f"(target >= {TARGETS['speed']:.0f})")
    print(f"  stories: {len(stories)}; {len(multi)} with 2+ independent sources; "
          f"{ratio(len(backed), len(multi))} with a fact backed by 2+ of them (target >= {TARGETS['share']:.0%})")
    print("  facts by status: " + ", ".join(f"{k} {n}" for k, n in statuses.most_common()))

    labels = load_labels()
    result = score(stories, labels, url_of, load_judged())
    total = defaultdict(list)
    for split in ("tune", "held-out"):
        for key, items in result[split].items():
            total[key] += items
    ok = True
    for name, counts in (("tune", result["tune"]), ("held-out", result["held-out"]), ("all", total)):
        aligned = len(counts["aligned"])
        misaligned = len(counts["misaligned"]) + len(counts["unjudged"])
        real, false = len(counts["real_conflict"]), len(counts["false_conflict"])
        found, missed = len(counts["found"]), len(counts["missed"])
        print(f"  labels, {name}: alignment {ratio(aligned, aligned + misaligned)} ({len(counts['unjudged'])} not "
              f"judged, counted wrong); conflicts real {ratio(real, real + false)}; recall {ratio(found, found + missed)}")
        if name == "all":
            ok = ((aligned + misaligned == 0 or aligned / (aligned + misaligned) >= TARGETS["alignment"])
                  and (real + false == 0 or real / (real + false) >= TARGETS["conflicts"])
                  and found / max(found + missed, 1) >= TARGETS["recall"]
                  and len(backed) / max(len(multi), 1) >= TARGETS["share"] and rate >= TARGETS["speed"])
    print(f"  peak RSS: {peak_rss_mb():.0f} MB")
    print(f"  targets: {'PASS' if ok else 'FAIL'}")
    if args.show:
        counts = result[args.show]
        for kind in ("unjudged", "misaligned", "false_conflict"):
            for sid, fact, claims, urls in counts[kind]:
                print(f"- {sid} {kind} {fact['measure']['label']} {fact['status']} {fact['value']}")
                for c in claims:
                    print(f"    [{urls.index(url_of[c['article']])}] {c['text']} <{(c.get('sentence') or '')[:140]}>")
        for sid, want in counts["missed"]:
            print(f"- {sid} missed {want['measure']} ({want['unit']}, {want['verdict']})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
