# newsbot: `make crawl` sets up .venv and crawls seeds/ into data/corpus.jsonl; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
EVAL_DIR ?= $(SHARED)/eval/kr-html

.PHONY: crawl test eval bench throughput install clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

crawl: $(STAMP)
	$(BIN)/scrapy crawl seeds

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Crawl the evaluation pages and score them against their expected records.
eval: $(STAMP)
	rm -rf data/eval
	$(BIN)/scrapy crawl seeds -a path=$(EVAL_DIR) -s NEWSBOT_DATA_DIR=data/eval -s LOG_LEVEL=WARNING
	$(BIN)/python -m newsbot.evaluate data/eval/corpus.jsonl $(EVAL_DIR) -v

# Benchmarks (read ../shared/bench): figures and targets printed in one run each.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.dedupe
	$(BIN)/python -m benchmarks.shingles
	$(BIN)/python -m benchmarks.facts
	$(BIN)/python -m benchmarks.stories
	$(BIN)/python -m benchmarks.throughput

# The whole pipeline (worker processes on every core) against bare trafilatura on 2,000 served
# pages, peak memory, and the wall time of `scrapy crawl seeds`; about 3 minutes.
throughput: $(STAMP)
	$(BIN)/python -m benchmarks.throughput

clean:
	rm -rf data build *.egg-info
