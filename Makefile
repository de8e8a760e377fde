# newsbot: `make crawl` sets up .venv and crawls seeds/ into data/corpus.jsonl; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: crawl test eval bench throughput scale install clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

crawl: $(STAMP)
	$(BIN)/scrapy crawl seeds

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Crawl every evaluation folder of $(SHARED)/eval, run bare trafilatura (defaults, favor_precision)
# on the same pages, and print the figures of all three side by side; about 4 minutes.
eval: $(STAMP)
	$(BIN)/python -m newsbot.evaluate $(SHARED)/eval --out data/eval

# Benchmarks (read ../shared/bench): figures and targets printed in one run each. The reconcile
# benchmark scores against read labels (issue 15): if it prints FAIL, the others still run.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.dedupe
	$(BIN)/python -m benchmarks.shingles
	$(BIN)/python -m benchmarks.facts
	$(BIN)/python -m benchmarks.stories
	$(BIN)/python -m benchmarks.crossing
	-$(BIN)/python -m benchmarks.reconcile
	$(BIN)/python -m benchmarks.report
	$(BIN)/python -m benchmarks.passes
	$(BIN)/python -m benchmarks.throughput

# The whole pipeline (worker processes on every core) against bare trafilatura on 2,000 served
# pages, peak memory, and the wall time of `scrapy crawl seeds`; about 3 minutes.
throughput: $(STAMP)
	$(BIN)/python -m benchmarks.throughput

# What a crawl of 20 new pages costs in an empty data folder and in folders of 50,000 and 250,000
# articles made from the bench (built once under data/scale, then reused); issue 16's targets.
scale: $(STAMP)
	$(BIN)/python -m benchmarks.scale

clean:
	rm -rf data build *.egg-info
