"""Stories: articles about one event, from any outlet, however worded.

Single-pass clustering over the corpus in its order, the classic method of topic detection and
tracking: an article joins the story whose term centroid is most similar to it (cosine of TF-IDF
weights, ``threshold``), among the stories whose dates lie within ``window_days`` of its own
and whose days it would not stretch over more than ``span_days`` (one event's reports come within
days; weekly polls and an affair's later turns are other stories), and that are, for one of its
PROBE_TERMS heaviest terms, among the PROBE_STORIES stories begun last that have it (so an
article costs the same however long the corpus); otherwise it starts a story. Dates keep apart
the stories of the same people at other times (a trip a year earlier, a meeting four months
before); an undated article is matched on its words and on the day of the month its opening
names (``stated_day``, newsbot.stories.days: 21일), which, with a ``span_days``, must not stretch
the story over more than span_days + 1 days, put in the month next to the story's days where it
is nearest them (a saved page of an old event joins that event's story; an undated report of the
26th stays out of the story of the 21st). The days undated articles state are kept with their
story, and no article joins a story whose stated days lie further than span_days + 1 days from
its own day of the month. (One day more than the span: a report often tells of the day before it
was published.) A story none of whose pages gives
a date is a candidate only for articles fetched within ``window_days`` of the days its own were
fetched: otherwise, as a folder grows, such stories (a third of the pages of some outlets) would
be candidates for every later article, for ever. A story's id is ``s`` + the id of its first
article, so an article never changes story and the ids written in corpus.jsonl stay true as the
corpus grows. Replaying the corpus in its order gives the same stories (that is how the rebuild
command works; a crawl reads what it needs of the story index on disk, newsbot.stories.store,
and places its articles as a replay would).

Facts weigh in a little: each fact key on which the article and the story agree (overlapping
values) adds ``fact_weight`` to the similarity, each on which they disagree takes it off. Words
alone barely tell an undated report of this trip (약 2주간) from one of last year's (22일간);
a disagreement does not keep an article out of a story whose words it shares, so the
reconciliation can still show the conflict.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

import numpy as np

from newsbot.stories import crossing
from newsbot.stories.crossing import number_forms
from newsbot.stories.store import StoryStore
from newsbot.stories.terms import TermExtractor

CENTROID_TERMS = 200     # terms kept in a story's centroid
PROBE_TERMS = 20         # an article's heaviest terms that some story has: they find its candidates
PROBE_STORIES = 100      # of a probe term's stories, those begun last that are candidates
CACHED_TERMS = 200_000   # terms whose answers from the store are kept (see StoryIndex._posted)
RELEASE_EVERY = 5_000    # articles a replay places between a save and a release (see StoryIndex.replay)


@dataclass
class Story:
    id: str
    centroid: Counter = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    fetched_first: date | None = None    # the days its articles were fetched (in_time reads them
    fetched_last: date | None = None     # while none of its pages gives a date)
    articles: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=lambda: defaultdict(list))   # (key, subject) -> [(min, max)]
    # the centroid's terms (their rows in the index's LogDf) and weights, as _cosines reads them
    # (_centroid_arrays; None: changed since)
    centroid_rows: np.ndarray | None = None
    centroid_weights: np.ndarray | None = None
    seq: int = 0                 # the order it began in
    part: str = "undated"        # the stories output file that holds it (newsbot.stories.output)
    script: str | None = None    # the script most of its centroid is written in (None: changed since)
    numbers: frozenset | None = None   # its articles' number_forms (None: not read, or changed since)
    days: list[int] = field(default_factory=list)   # days of the month its undated articles state

    def dates(self) -> tuple:
        return self.first, self.last, self.fetched_first, self.fetched_last


def within(first: date | None, last: date | None, day: date | None, window: timedelta,
           span: timedelta | None = None) -> bool:
    """A story from `first` to `last` (None: undated) may take an article of `day` (None: undated):
    within `window` of its days, and, with a `span`, not stretching it over more than that (one
    event's reports come within days; a week's polls or an affair's later turns are other events)."""
    if day is None or first is None:
        return True
    if span is not None and max(last, day) - min(first, day) > span:
        return False
    return first - window <= day <= last + window


def nearest_date(day_of_month: int, first: date, last: date) -> date | None:
    """The date of this day of the month nearest to the days from `first` to `last` (in their
    months or the months next to them), or None when none of those months has that day."""
    best = None
    for month_start in {first.replace(day=1), last.replace(day=1)}:
        for shift in (-1, 0, 1):
            index = month_start.year * 12 + month_start.month - 1 + shift
            try:
                candidate = date(index // 12, index % 12 + 1, day_of_month)
            except ValueError:
                continue
            distance = max((first - candidate).days, (candidate - last).days, 0)
            if best is None or (distance, candidate) < best:
                best = (distance, candidate)
    return best[1] if best else None


def days_apart(a: int, b: int) -> int:
    """Days between two days of the month, in neighbouring months if that is nearer (30 and 2: 3)."""
    apart = abs(a - b)
    return min(apart, 31 - apart)


def in_time(dates: tuple, day: date | None, fetched: date | None, window: timedelta,
            span: timedelta | None = None) -> bool:
    """A story of these `dates` (Story.dates) may take an article of `day` fetched on `fetched`:
    by the pages' dates, or, while none of the story's pages gives one, by the days they were fetched."""
    first, last, fetched_first, fetched_last = dates
    if first is None:
        return within(fetched_first, fetched_last, fetched, window, span)
    return within(first, last, day, window, span)


class LogDf:
    """log(df + 1) of each term the index has met, 0.0 for one it has not, in an array by row
    (row 0: a term not met): read for an article's terms, or for a story's centroid at once by
    the rows it keeps while its centroid is unchanged."""

    def __init__(self):
        self.rows: dict[str, int] = {}
        self.array = np.zeros(1024)
        self.size = 1
        self._spread = np.zeros(1024)      # all zero but while gather_weights() spreads weights on it

    def of(self, terms) -> list[float]:
        rows = self.rows
        return self.array[[rows.get(t, 0) for t in terms]].tolist()

    def update(self, terms, dfs) -> None:
        """Sets each term's df (`dfs`: in the order of `terms`)."""
        at = self.rows_of(terms)             # first: a new term's row may grow the array
        self.array[at] = [math.log(df + 1) for df in dfs]

    def _add(self, term: str) -> int:
        row = self.rows[term] = self.size
        self.size += 1
        if self.size > len(self.array):
            self.array = np.concatenate([self.array, np.zeros(len(self.array))])
            self._spread = np.zeros(len(self.array))
        return row

    def rows_of(self, terms) -> np.ndarray:
        """The row of each term (a term not met yet gets one, at 0.0)."""
        rows = self.rows
        return np.fromiter((rows[t] if t in rows else self._add(t) for t in terms), dtype=np.intp)

    def gather(self, rows: np.ndarray) -> np.ndarray:
        return self.array[rows]

    def gather_weights(self, weights: dict[str, float], rows: np.ndarray) -> np.ndarray:
        """The weight of each of `rows`' terms in `weights` (0.0 where it has none): `weights`
        spread on a vector by row, then gathered."""
        at = np.fromiter((self.rows.get(t, 0) for t in weights), dtype=np.intp, count=len(weights))
        spread = self._spread
        spread[at] = np.fromiter(weights.values(), dtype=float, count=len(weights))
        spread[0] = 0.0                    # row 0: the terms not met, which no centroid holds
        try:
            return spread[rows]
        finally:
            spread[at] = 0.0


@dataclass
class Member:
    """What the stories file needs of an article (its latest version)."""
    id: str
    story_id: str
    title: str
    url: str
    source: str | None
    publisher: str | None
    published: str | None
    facts: list[dict]
    language: str | None = None      # (a folder written before 2026-12-07 did not keep it)


def fact_values(facts: list[dict]) -> dict[tuple, list[tuple]]:
    """(key, subject) -> value intervals of the facts that speak about the article's own event."""
    values = defaultdict(list)
    for fact in facts or ():
        if fact.get("key") == "quantity" or fact.get("other_event") or not fact.get("value"):
            continue
        value = fact["value"]
        values[(fact["key"], fact.get("subject"))].append((value.get("min"), value.get("max")))
    return values


def by_day(value):
    """A bound as it compares: a date or date-time by its day, a number as it is."""
    return value[:10] if isinstance(value, str) else value


def overlaps(a: tuple, b: tuple) -> bool:
    """Two intervals (None: open) share a value; dates compare by their day."""
    lo = [by_day(v) for v in (a[0], b[0]) if v is not None]
    hi = [by_day(v) for v in (a[1], b[1]) if v is not None]
    try:
        return not lo or not hi or max(lo) <= min(hi)
    except TypeError:
        return False


def story_day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def part_of(record: dict) -> str:
    """The stories output file of a story its record begins: the article's day as the page dates it,
    else the day it was fetched (newsbot.stories.output). It never changes, as the story's id never does."""
    for value in (record.get("published"), record.get("fetched_at")):
        if story_day(value) is not None:
            return value[:10]
    return "undated"


class StoryIndex:
    """The stories of a corpus. Held in memory, or (with a StoryStore) on disk, of which it reads
    what it meets: the terms of the articles it places, the stories they can join, the members a
    known article may be; ``save()`` writes back what changed."""

    def __init__(self, terms: TermExtractor, threshold: float = 0.25, window_days: int = 14,
                 fact_weight: float = 0.05, store: StoryStore | None = None, span_days: int | None = None,
                 stated_day: Callable[[str], int | None] | None = None, cross_threshold: float = 0.3):
        self.terms = terms
        self.crossing = crossing.Crossing(terms.names)
        self.cross_threshold = cross_threshold
        self.stated_day = stated_day if span_days else None
        self.fact_weight = fact_weight
        self.threshold = threshold
        self.window = timedelta(days=window_days)
        self.span = timedelta(days=span_days) if span_days else None
        self.store = store
        # the store to read from: none when it was empty when opened (all it will hold is here)
        self._reads = store if store is not None and not store.is_empty() else None
        self.n = store.get_meta("n", 0) if store else 0
        self.began = store.get_meta("stories", 0) if store else 0     # stories begun so far
        # articles placed in Latin script: while there is none, no story can be in another script
        # than a Korean article's, and none is looked at for it
        self.latin = store.get_meta("latin_articles", 0) if store else 0
        self._clear_loaded()
        # changed since the last save()
        self.changed_stories: set[str] = set()
        self.changed_members: set[str] = set()
        self._changed_terms: set[str] = set()
        self._new_postings: set[tuple[str, int]] = set()      # (term, story's seq)

    def _clear_loaded(self) -> None:
        """What is held in memory: what was placed here and what was read from the store."""
        self.df: Counter = Counter()
        self._log_df = LogDf()                    # log(df + 1) of each term, kept with df
        self.stories: dict[str, Story] = {}
        # term -> the stories whose centroid holds or held it (a story still counts as having had a
        # term that left its centroid, when candidates are looked up), as a dict's keys: a set of a
        # few story ids takes up to four times a dict's memory, and most terms have a few.
        # With a store: the postings made since it was opened or released (the store has all).
        self.postings: dict[str, dict[str, None]] = defaultdict(dict)
        self.members: dict[str, Member] = {}
        self._looked_up: set[str] = set()          # terms whose df was read from the store
        # what the store said of a term's stories: it gains only what this index saves, which the
        # postings above hold, so the answers stay true while it is open (bounded: cleared when full)
        self._store_posted: dict[str, bool] = {}
        self._store_candidates: dict[str, list[tuple]] = {}
        self._no_story: set[str] = set()           # ids the store was asked for and does not hold
        self._no_member: set[str] = set()

    # --- what the store holds, read on first use ---------------------------------------------
    def _load_terms(self, terms) -> None:
        if self._reads is None:
            return
        missing = [t for t in terms if t not in self._looked_up]
        if not missing:
            return
        self._looked_up.update(missing)
        found = self._reads.dfs(missing)
        for term, df in found.items():
            self.df[term] = df                  # (a Counter's update would add)
        self._log_df.update(found.keys(), found.values())

    def load_stories(self, ids) -> None:
        missing = [s for s in ids if s not in self.stories and s not in self._no_story]
        if self._reads is None or not missing:
            return
        found = self._reads.stories(missing)
        self._no_story.update(s for s in missing if s not in found)
        for story_id, row in found.items():
            self.stories[story_id] = Story(story_id, row["centroid"], row["first"], row["last"], *row["fetched"],
                                           articles=row["articles"], facts=row["facts"], seq=row["seq"],
                                           part=row["part"], days=row["days"])

    def story(self, story_id: str) -> Story | None:
        self.load_stories([story_id])
        return self.stories.get(story_id)

    def member(self, article_id: str) -> Member | None:
        self.load_members([article_id])
        return self.members.get(article_id)

    def load_members(self, ids) -> None:
        missing = [a for a in ids if a not in self.members and a not in self._no_member]
        if self._reads is None or not missing:
            return
        found = self._reads.members(missing)
        self._no_member.update(a for a in missing if a not in found)
        for article_id, (story_id, data) in found.items():
            self.members[article_id] = Member(article_id, story_id, **data)

    def _posted(self, terms) -> set[str]:
        """Those of `terms` that some story's centroid holds or held."""
        found = {t for t in terms if t in self.postings}
        if self._reads is not None:
            cache = self._store_posted
            missing = [t for t in terms if t not in found and t not in cache]
            if missing:
                if len(cache) > CACHED_TERMS:
                    cache.clear()
                posted = self._reads.posted(missing)
                cache.update((t, t in posted) for t in missing)
            found.update(t for t in terms if cache.get(t))
        return found

    def _near(self, probes, day: date | None, fetched: date | None) -> list[str]:
        """The candidates of an article, loaded: of the stories posted under each probe term, the
        PROBE_STORIES begun last, those whose dates allow an article of `day` fetched on `fetched`
        (in_time). (So the cost of an article is bounded however many stories a term has gathered
        over the years; a story older than that many others with the term is left to a stronger
        term.)"""
        candidates: dict[str, tuple] = {}
        cache = self._store_candidates
        if self._reads is not None:
            missing = [t for t in probes if t not in cache]
            if missing:
                if len(cache) > CACHED_TERMS // 10:
                    cache.clear()
                cache.update(self._reads.candidates(missing, PROBE_STORIES))
        stories = self.stories
        for term in probes:
            stored, posted = cache.get(term, ()), self.postings.get(term, ())
            if not stored and len(posted) <= PROBE_STORIES:
                candidates.update(dict.fromkeys(posted))        # in memory: their dates are there
                continue
            latest = {story_id: (seq, dates) for seq, story_id, dates in stored}
            latest.update((story_id, (stories[story_id].seq, None)) for story_id in posted)
            if len(latest) > PROBE_STORIES:
                latest = dict(heapq.nlargest(PROBE_STORIES, latest.items(), key=lambda item: item[1][0]))
            candidates.update(latest)
        near = []
        for story_id, stored in candidates.items():
            story = stories.get(story_id)
            if in_time(story.dates() if story is not None else stored[1], day, fetched, self.window, self.span):
                near.append(story_id)
        near.sort()
        self.load_stories(near)
        return near

    # --- placing ----------------------------------------------------------------------------
    def _idfs(self, terms) -> dict[str, float]:
        log_n = math.log(self.n + 1)
        return {t: log_n - log_df + 1.0 for t, log_df in zip(terms, self._log_df.of(terms))}

    def _centroid_arrays(self, story: Story) -> tuple[np.ndarray, np.ndarray]:
        """The rows (in the LogDf) and weights of a story's centroid terms, kept while it is unchanged."""
        if story.centroid_weights is None:
            self._load_terms(story.centroid)
            story.centroid_rows = self._log_df.rows_of(story.centroid)
            story.centroid_weights = np.fromiter(story.centroid.values(), dtype=float, count=len(story.centroid))
        return story.centroid_rows, story.centroid_weights

    def _cosines(self, weighted: dict[str, float], norm: float, stories: list[str]) -> dict[str, float]:
        """Cosine of the article's vector (`weighted`: with the story side's IDF applied too;
        `norm`: its length) with the TF-IDF centroid of each of these stories (loaded) that shares
        a term with it, for all of them at once: their centroids' rows and weights laid end to end,
        the article's weights and the terms' IDF gathered for those rows, and the sums taken story
        by story (in centroid order). A centroid's length is taken with the IDF of now, as the
        article's is: a story scores the same whenever it was last loaded or changed, so a crawl
        that reads it from the store places an article as a replay of the corpus does."""
        arrays = [(story_id, self._centroid_arrays(self.stories[story_id])) for story_id in stories]
        arrays = [(story_id, rows, weights) for story_id, (rows, weights) in arrays if len(rows)]
        if not arrays:
            return {}
        rows = np.concatenate([rows for _, rows, _ in arrays])
        weights = np.concatenate([weights for _, _, weights in arrays])
        starts = np.cumsum([0] + [len(rows) for _, rows, _ in arrays[:-1]])
        dots = np.add.reduceat(self._log_df.gather_weights(weighted, rows) * weights, starts)
        tf_idf = weights * ((math.log(self.n + 1) + 1.0) - self._log_df.gather(rows))
        lengths = np.sqrt(np.add.reduceat(tf_idf * tf_idf, starts))
        cosines = dots / (norm * lengths)
        return {story_id: cosine for (story_id, _, _), cosine in zip(arrays, cosines.tolist()) if cosine}

    def _fact_score(self, values: dict, story: Story) -> float:
        score = 0.0
        for key, intervals in values.items():
            theirs = story.facts.get(key)
            if theirs:
                agree = any(overlaps(a, b) for a in intervals for b in theirs)
                score += self.fact_weight if agree else -self.fact_weight
        return score

    def _on_days(self, story: Story, day: date | None, stated: int | None) -> bool:
        """Whether an article of `day` (undated: None, and `stated` the day of the month its opening
        names) keeps the story within span_days + 1 days: its dates and the days its undated
        articles state."""
        of_month = day.day if day is not None else stated
        if self.span is None or of_month is None:
            return True
        reach = self.span.days + 1
        if day is None and story.first is not None:
            when = nearest_date(stated, story.first, story.last)
            if when is not None and (max(story.last, when) - min(story.first, when)).days > reach:
                return False
        return all(days_apart(of_month, other) <= reach for other in story.days)

    def match(self, terms: dict[str, float], day: date | None, values: dict | None = None,
              fetched: date | None = None, stated: int | None = None,
              names: list[str] = (), numbers: frozenset[str] = frozenset(),
              script: str | None = None) -> tuple[str | None, float]:
        """The story an article with these terms, date (or the day of the month it states), fact
        values and fetch day belongs to (or None), and its score; `names`: Hangul names a report
        in another script may name (Crossing.probes), which find stories too;
        `script`: the article's (newsbot.stories.crossing), else read from its terms."""
        vector, weighted, norm = self._tf_idf(terms)
        posted = self._posted(list(vector))
        probes = sorted(posted, key=lambda t: (-vector[t], t))[:PROBE_TERMS]
        if names:
            probes = sorted(self._posted(list(dict.fromkeys(names)))) + probes
        near = self._near(probes, day, fetched)
        cosines = self._cosines(weighted, norm, near)
        script = script or self.crossing.script(terms)
        mixed = self.latin > 0 or script == crossing.LATIN
        best, best_score = None, 0.0
        crossed = []                       # (score, story id) of the stories in another script
        for story_id in near:
            story = self.stories[story_id]
            if not self._on_days(story, day, stated):
                continue
            if mixed and self._script_of(story) != script:
                # told in another script: the names both write and the numbers both state, against
                # a threshold of their own
                score = self._crossing(vector, story, numbers) * self.threshold / self.cross_threshold
                crossed.append((score, story_id))
            else:
                score = cosines.get(story_id, 0.0)
            if values:
                score += self._fact_score(values, story)
            if score > best_score:
                best, best_score = story_id, score
        if len(crossed) > 1 and best in {s for _, s in crossed}:
            # several stories of the same people in the other script: the report goes with one
            # only when what it shares with it singles it out, or when the two are alike (one
            # event the clustering left in two stories, by their days or their order)
            first, second = sorted(crossed, reverse=True)[:2]
            if first[0] - second[0] < crossing.MARGIN * self.threshold / self.cross_threshold \
                    and self._story_cosine(first[1], second[1]) < self.threshold:
                return None, best_score
        return (best, best_score) if best_score >= self.threshold else (None, best_score)

    def _tf_idf(self, terms: dict[str, float]) -> tuple[dict[str, float], dict[str, float], float]:
        """An article's TF-IDF vector, that vector with the story side's IDF applied too (what
        _cosines takes), and its length."""
        self._load_terms(terms)
        idf = self._idfs(terms)
        vector = {t: w * idf[t] for t, w in terms.items()}
        norm = math.sqrt(math.fsum(w * w for w in vector.values())) or 1.0
        return vector, {t: w * idf[t] for t, w in vector.items()}, norm

    def _story_cosine(self, a: str, b: str) -> float:
        """How alike two stories are: story a's centroid scored against story b as an article's
        terms would be."""
        _, weighted, norm = self._tf_idf(dict(self.stories[a].centroid))
        return self._cosines(weighted, norm, [b]).get(b, 0.0)

    def _numbers(self, story: Story) -> frozenset[str]:
        if story.numbers is None:
            self.load_members(story.articles)
            members = [self.members[a] for a in story.articles if a in self.members]
            story.numbers = frozenset().union(*(number_forms(m.facts, story_day(m.published)) for m in members))
        return story.numbers

    def _script_of(self, story: Story) -> str:
        if story.script is None:
            story.script = self.crossing.script(story.centroid)
        return story.script

    def _crossing(self, vector: dict[str, float], story: Story, numbers: frozenset[str]) -> float:
        """newsbot.stories.crossing's score of an article and a story in the other script."""
        def idf(terms):
            self._load_terms(terms)
            return self._idfs(terms)

        few = max(crossing.PARTICULAR * self.n, crossing.FEW)
        return self.crossing.score(vector, story.centroid, idf, lambda term: self.df.get(term, 0) <= few,
                                   numbers, lambda: self._numbers(story))

    def add(self, record: dict, facts: list[dict] | None = None) -> str:
        """Put an article (a corpus record) in a story; returns the story id.

        A record that already names its story (a corpus line) goes into it; a new version of a
        known article stays in its story."""
        article_id = record["id"]
        known = self.member(article_id)
        day, fetched = story_day(record.get("published")), story_day(record.get("fetched_at"))
        terms = self.terms.terms(record.get("title") or "", record.get("text") or "", record.get("language"))
        script = self.crossing.script(terms, record.get("language"))
        facts = facts if facts is not None else record.get("facts") or []
        values = fact_values(facts)
        stated = self.stated_day(record.get("text") or "") if day is None and self.stated_day is not None else None
        story_id = (known.story_id if known else None) or record.get("story_id")
        if story_id is None:
            # an English report, or a Korean one once English stories are there to meet
            crosses = self.crossing.crosses(record.get("language")) or self.latin > 0
            names = self.crossing.probes(record.get("title") or "", record.get("text") or "", terms,
                                         record.get("language")) if crosses else []
            story_id, _ = self.match(terms, day, values, fetched, stated, names,
                                     number_forms(facts, day) if crosses else frozenset(), script)
        if known is None:
            self._load_terms(terms)
            self.n += 1
            if script == crossing.LATIN:
                self.latin += 1
            self.df.update(terms.keys())
            self._log_df.update(terms, [self.df[term] for term in terms])
            self._changed_terms.update(terms)
        story = self.story(story_id) if story_id else None
        if story is None:
            story_id = story_id or f"s{article_id}"
            story = self.stories[story_id] = Story(story_id, seq=self.began, part=part_of(record))
            self.began += 1
        if article_id not in story.articles:
            story.articles.append(article_id)
            centroid = story.centroid
            centroid.update(terms)
            story.centroid_weights = None
            story.script = None
            story.numbers = None
            if len(centroid) > CENTROID_TERMS:
                story.centroid = Counter(dict(centroid.most_common(CENTROID_TERMS)))
                centroid = story.centroid
            for term in terms:
                if term in centroid:
                    self.postings[term][story_id] = None
                    self._new_postings.add((term, story.seq))
            for key, intervals in values.items():
                story.facts[key].extend(intervals)
            if stated is not None and stated not in story.days:
                story.days = sorted(story.days + [stated])
        if day is not None:
            story.first = min(story.first or day, day)
            story.last = max(story.last or day, day)
        if fetched is not None:
            story.fetched_first = min(story.fetched_first or fetched, fetched)
            story.fetched_last = max(story.fetched_last or fetched, fetched)
        self.members[article_id] = Member(
            article_id, story_id, record.get("title") or "", record.get("url") or "", record.get("source"),
            record.get("publisher"), record.get("published"), facts, record.get("language"))
        self.changed_stories.add(story_id)
        self.changed_members.add(article_id)
        return story_id

    def replay(self, lines, progress=None, every: int | None = None) -> int:
        """Add the records of (end offset, record) `lines` (a corpus replayed); the number added.
        With a store, every `every` (default RELEASE_EVERY) of them it saves, with
        ``progress(end offset)`` as meta (what the store then covers), and releases what it holds:
        memory holds what `every` articles touch, not the corpus. The stories are those of a
        replay without releases (a story scores the same read back from the store)."""
        added, every = 0, every or RELEASE_EVERY
        for offset, record in lines:
            self.add(record)
            added += 1
            if self.store is not None and added % every == 0:
                self.save(**(progress(offset) if progress else {}))
                self.release()
        return added

    def release(self) -> None:
        """Forget what the store holds (everything, after save()): stories, members, postings and
        term counts are read from it again when met, as a crawl that opened it would."""
        if self.store is None or self.changed_stories or self.changed_members or self._changed_terms \
                or self._new_postings:
            raise RuntimeError("only a story index whose changes are saved in its store can release them")
        self._reads = self.store
        self._clear_loaded()

    # --- writing back -----------------------------------------------------------------------
    def save(self, copies: list[dict] = (), **meta) -> set[str]:
        """Write what changed since the last save to the store, with the copies found since (lines
        of duplicates.jsonl) and `meta`, in one transaction; the stories whose output lines are now
        out of date (they took an article, or one of theirs was copied) are marked stale there.
        Returns them."""
        stale = set(self.changed_stories)
        self.load_members({c["duplicate_of"] for c in copies})
        copy_rows = []
        for copy in copies:
            member = self.members.get(copy["duplicate_of"])
            if member is not None:
                copy_rows.append((copy["duplicate_of"], copy["id"], copy["url"]))
                stale.add(member.story_id)
        stories = [self.stories[s] for s in self.changed_stories]
        self.store.save(
            n=self.n,
            stories=[(s.seq, s.id, s.part, *(d and d.isoformat() for d in s.dates()),
                      json.dumps(s.centroid, ensure_ascii=False), json.dumps(s.articles),
                      json.dumps([[k, subject, [list(v) for v in values]] for (k, subject), values in s.facts.items()],
                                 ensure_ascii=False), json.dumps(s.days))
                     for s in stories],
            members=[(m.id, m.story_id, json.dumps(
                {"title": m.title, "url": m.url, "source": m.source, "publisher": m.publisher,
                 "published": m.published, "facts": m.facts, "language": m.language}, ensure_ascii=False))
                for m in (self.members[a] for a in self.changed_members)],
            dfs=[(t, self.df[t]) for t in self._changed_terms],
            postings=sorted(self._new_postings), copies=copy_rows, stale=stale,
            meta={"stories": self.began, "latin_articles": self.latin, **meta})
        self.changed_stories, self.changed_members, self._changed_terms, self._new_postings = set(), set(), set(), set()
        return stale
