"""The story index and the stories output of a data folder, made anew from its corpus files.

Every corpus part is replayed in a stable order (corpus.jsonl, then corpus-<node>.jsonl by name).
A record keeps the story its line names unless ``recluster`` is set: then every article is placed
again (distributed crawls, whose processes each numbered their own stories). With ``extract``
the facts are found again with the current rules first. The corpus itself is never rewritten.
"""

from __future__ import annotations

from newsbot.datadir import DataDir
from newsbot.facts.languages import FactReaders
from newsbot.stories import index as story_index
from newsbot.stories.index import StoryIndex
from newsbot.stories.output import remove_parts, write_parts
from newsbot.stories.reconcile import copies_by_article, stored_story_records, story_records
from newsbot.stories.store import StoryStore


def replay(datadir: DataDir, extractor: FactReaders, extract: bool = False, recluster: bool = False,
           store: StoryStore | None = None) -> StoryIndex:
    """The stories of every corpus part, placed in order: in memory, or (with a store) saved to it
    as they go, a part at a time (StoryIndex.replay)."""
    def lines():
        for offset, record in datadir.corpus_records():
            if extract:
                record = {**record, "facts": extractor.extract(record.get("title") or "", record.get("text") or "",
                                                               record.get("published"), language=record.get("language"))}
            if recluster:
                record = {**record, "story_id": None}
            yield offset, record

    index = datadir.story_index(store)
    index.replay(lines())
    return index


def write_all(datadir: DataDir, index: StoryIndex, extractor: FactReaders, duplicates: list[dict]) -> int:
    """Write every story of an index held in memory to the stories output, anew; the number of stories."""
    records = story_records(index, copies_by_article(duplicates), extractor)
    return write_parts(datadir.stories_dir, records, lambda story_id: index.stories[story_id].part)


def write_stored(datadir: DataDir, index: StoryIndex, extractor: FactReaders) -> int:
    """Write every story of a saved index to the stories output, anew, one file (day) at a time:
    its stories, members and copies read from the store and released once written, so memory
    holds one day's stories. Files of days that hold no story are removed. The number of stories."""
    store = index.store
    count, written = 0, set()
    for part in store.parts():
        order = store.part_order(part)
        records = stored_story_records(index, extractor, sorted(order, key=order.get))
        if written_here := write_parts(datadir.stories_dir, records, lambda story_id: part, remove_others=False):
            written.add(part)
            count += written_here
        index.release()
    remove_parts(datadir.stories_dir, keep=written)
    return count


def rebuild(datadir: DataDir, extractor: FactReaders, extract: bool = False,
            recluster: bool = False) -> tuple[int, int]:
    """Make the story index (stories.sqlite) anew and rewrite the stories output; (stories, articles)."""
    StoryStore.remove(datadir.story_store_path)
    store = StoryStore(datadir.story_store_path)
    try:
        index = replay(datadir, extractor, extract, recluster, store)
        # the copies recorded a part at a time too (each save reads the members they copy)
        duplicates, every = datadir.duplicate_lines(), story_index.RELEASE_EVERY
        for start in range(0, len(duplicates), every):
            index.save(duplicates[start:start + every])
            index.release()
        datadir.save_stories(index, [])
        index.release()
        count = write_stored(datadir, index, extractor)
        store.clear_stale(store.stale())
        datadir.remove_old_stories_file()
    finally:
        store.close()
    return count, index.n
