"""Extraction quality, measured: `python -m newsbot.evaluate` (see __main__) crawls every evaluation
folder and scores the corpus and bare trafilatura with the folder's labels (scores)."""

from newsbot.evaluate.pages import corpus_output
from newsbot.evaluate.scores import score

__all__ = ["corpus_output", "score"]
