"""stories.jsonl from the corpus files of a data folder, without crawling.

Every corpus part is replayed in a stable order (corpus.jsonl, then corpus-<node>.jsonl by name).
A record keeps the story its line names unless ``recluster`` is set: then every article is placed
again (distributed crawls, whose processes each numbered their own stories). With ``extract``
the facts are found again with the current rules first. The corpus itself is never rewritten.
"""

from __future__ import annotations

from newsbot.datadir import DataDir
from newsbot.facts.extract import FactExtractor
from newsbot.stories.index import StoryIndex
from newsbot.stories.reconcile import story_records, write_stories
from newsbot.stories.terms import TermExtractor


def replay(datadir: DataDir, extractor: FactExtractor, extract: bool = False, recluster: bool = False) -> StoryIndex:
    index = StoryIndex(TermExtractor(datadir.language_rules), **datadir.story_settings)
    for _, record in datadir.corpus_records():
        facts = None
        if extract:
            facts = extractor.extract(record.get("title") or "", record.get("text") or "", record.get("published"))
        if recluster:
            record = {**record, "story_id": None}
        index.add(record, facts)
    return index


def rebuild(datadir: DataDir, extractor: FactExtractor, extract: bool = False,
            recluster: bool = False) -> tuple[int, int]:
    """Rewrite stories.jsonl; (stories, articles)."""
    index = replay(datadir, extractor, extract, recluster)
    count = write_stories(datadir.stories_path, story_records(index, datadir.duplicate_lines(), extractor))
    return count, len(index.members)
