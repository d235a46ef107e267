# cowextract: `make` lists the targets. Everything runs from a local .venv that these
# targets create and fill from the hashed lock file; nothing is downloaded at run time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DB ?= cowextract.db
PIP := PIP_DISABLE_PIP_VERSION_CHECK=1 $(BIN)/python -m pip --quiet
# An editable install has no bytecode of its own, and where PYTHONDONTWRITEBYTECODE is set
# every command would compile the package again (65 ms of each start-up); a stale file is
# only ignored, so compiling again after an edit is for speed, not correctness.
BYTECODE := $(BIN)/python -m compileall -q src/cowextract

.DEFAULT_GOAL := help
.PHONY: help install demo test test-fast lint eval eval-seeds eval-news-dev eval-polnear eval-timebank bench schemas clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements.lock
	$(PIP) install --no-deps -e .
	$(BYTECODE)
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install cowextract with pinned, hashed dependencies

demo: $(STAMP)  ## ingest the sample corpus into ./cowextract.db and show a summary and a few events
	$(BIN)/cowextract ingest corpora/sample --db $(DB)
	@echo
	$(BIN)/cowextract articles --db $(DB) --format table
	$(BIN)/cowextract query --db $(DB) --type meeting --limit 5 --format table
	$(BIN)/cowextract query --db $(DB) --type pledge --limit 5 --format table
	$(BIN)/cowextract query --db $(DB) --type statement --limit 5 --format table

test: $(STAMP)  ## run the whole test suite (unit and integration, real spaCy pipeline)
	$(BIN)/python -m pytest

test-fast: $(STAMP)  ## unit tests only (no spaCy model)
	$(BIN)/python -m pytest -m "not integration"

lint: $(STAMP)  ## ruff (with complexity ≤ 15) and mypy, both must be clean
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

schemas: $(STAMP)  ## regenerate schemas/*.json from the pydantic models
	$(BIN)/python -m cowextract.schemas schemas

eval: eval-seeds eval-news-dev  ## the evaluation gate: fail when quality drops below the pinned floors

# Each set's floors are its line of eval-floors.txt; every set is scored on a fresh database.
FLOORS := --floors-file eval-floors.txt --floors-set
NEWS_DEV := $(SHARED)/eval/news-dev
SEEDS_DB := /tmp/cowextract-eval-seeds.db
NEWS_DB := /tmp/cowextract-eval-news-dev.db

eval-seeds: $(STAMP)  ## events on the five seed articles (floors: seeds)
	rm -f $(SEEDS_DB) $(SEEDS_DB)-wal $(SEEDS_DB)-shm
	$(BIN)/cowextract ingest $(SHARED)/seeds --db $(SEEDS_DB)
	$(BIN)/cowextract eval --gold $(SHARED)/gold/seeds.jsonl --db $(SEEDS_DB) $(FLOORS) seeds

eval-news-dev: $(STAMP)  ## events on news-dev (all, d*, e*) and its metadata (floors: news-dev…)
	rm -f $(NEWS_DB) $(NEWS_DB)-wal $(NEWS_DB)-shm
	$(BIN)/cowextract ingest $(NEWS_DEV)/articles --db $(NEWS_DB)
	$(BIN)/cowextract eval --gold $(NEWS_DEV)/gold.jsonl --db $(NEWS_DB) $(FLOORS) news-dev
	$(BIN)/cowextract eval --gold $(NEWS_DEV)/gold.jsonl --db $(NEWS_DB) --only 'd*' \
		$(FLOORS) 'news-dev/d*'
	$(BIN)/cowextract eval --gold $(NEWS_DEV)/gold.jsonl --db $(NEWS_DB) --only 'e*' \
		$(FLOORS) 'news-dev/e*'
	$(BIN)/cowextract eval --gold $(NEWS_DEV)/metadata.jsonl --db $(NEWS_DB) \
		$(FLOORS) news-dev/metadata

eval-polnear: $(STAMP)  ## statements on PolNeAR dev (84 articles)
	rm -f /tmp/cowextract-eval-polnear.db
	$(BIN)/cowextract ingest $(SHARED)/eval/polnear-dev/articles --db /tmp/cowextract-eval-polnear.db
	$(BIN)/cowextract eval --gold $(SHARED)/eval/polnear-dev/gold.jsonl --db /tmp/cowextract-eval-polnear.db

eval-timebank: $(STAMP)  ## temporal expressions on TimeBank (183 documents)
	$(BIN)/cowextract eval --gold $(SHARED)/eval/timebank/gold.jsonl

bench: $(STAMP)  ## throughput and memory benchmark (writes bench/results.json)
	$(BYTECODE)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:  ## remove the venv, caches and the default database
	rm -rf $(VENV) .pytest_cache .ruff_cache src/*.egg-info src/cowextract/__pycache__ \
		src/cowextract/*/__pycache__ $(DB) $(DB)-wal $(DB)-shm $(DB)-checked
