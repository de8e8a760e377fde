"""The story index and the stories output of a data folder, made anew from its corpus files.

Every corpus part is replayed in a stable order (corpus.jsonl, then corpus-<node>.jsonl by name).
A record keeps the story its line names unless ``recluster`` is set: then every article is placed
again (distributed crawls, whose processes each numbered their own stories). With ``extract``
the facts are found again with the current rules first. The corpus itself is never rewritten.
"""

from __future__ import annotations

from newsbot.datadir import DataDir
from newsbot.facts.extract import FactExtractor
from newsbot.stories.index import StoryIndex
from newsbot.stories.output import write_parts
from newsbot.stories.reconcile import copies_by_article, story_records
from newsbot.stories.store import StoryStore


def replay(datadir: DataDir, extractor: FactExtractor, extract: bool = False, recluster: bool = False,
           store: StoryStore | None = None) -> StoryIndex:
    index = datadir.story_index(store)
    for _, record in datadir.corpus_records():
        facts = None
        if extract:
            facts = extractor.extract(record.get("title") or "", record.get("text") or "", record.get("published"))
        if recluster:
            record = {**record, "story_id": None}
        index.add(record, facts)
    return index


def write_all(datadir: DataDir, index: StoryIndex, extractor: FactExtractor, duplicates: list[dict]) -> int:
    """Write every story of the index to the stories output, anew; the number of stories."""
    records = story_records(index, copies_by_article(duplicates), extractor)
    return write_parts(datadir.stories_dir, records, lambda story_id: index.stories[story_id].part)


def rebuild(datadir: DataDir, extractor: FactExtractor, extract: bool = False,
            recluster: bool = False) -> tuple[int, int]:
    """Make the story index (stories.sqlite) anew and rewrite the stories output; (stories, articles)."""
    StoryStore.remove(datadir.story_store_path)
    store = StoryStore(datadir.story_store_path)
    try:
        index = replay(datadir, extractor, extract, recluster, store)
        duplicates = datadir.duplicate_lines()
        stale = datadir.save_stories(index, duplicates)
        count = write_all(datadir, index, extractor, duplicates)
        store.clear_stale(stale)
        datadir.remove_old_stories_file()
    finally:
        store.close()
    return count, len(index.members)
