"""Deduplication: exact (canonical URL, content hash) and near (MinHash LSH over character
shingles), against a persistent index in the data folder."""

from newsbot.dedupe.index import EXACT, NEAR, NEW, UNCHANGED, VERSION, DedupeIndex, Verdict
from newsbot.dedupe.signature import MinHasher

__all__ = ["DedupeIndex", "Verdict", "MinHasher", "NEW", "VERSION", "UNCHANGED", "EXACT", "NEAR"]
