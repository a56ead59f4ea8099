# The two commands: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.9
# DB=sqlite (default) or DB=postgres (MIM_TEST_PG_URL, or a scratch server started
# by scripts/with-postgres.sh when it is unset; see README).
DB ?= sqlite
PYTEST_ARGS ?=
# pytest-xdist workers for `make test` / `make test-fast` (0 = serial, in one process).
PYTEST_WORKERS ?= 2
PYTEST_XDIST = $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadscope)
LINT_DIRS := $(wildcard services frontend tests bench)

.PHONY: run test test-fast install lint format bench clean help clients

help:
	@echo "make run    - install, migrate, load demo data, run all processes on SQLite"
	@echo "make test   - the whole test suite (DB=postgres to run it on PostgreSQL)"
	@echo "make test-fast - every test except those marked long (fuzzing, bench, browsers...)"
	@echo "make bench  - benchmarks on SQLite and PostgreSQL, report in bench/report.md (BENCH_SIZE=small to try)"
	@echo "make lint   - ruff"

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Re-sync whenever the lock changes. Bytecode is compiled once here (uv leaves it to the first
# import otherwise): where PYTHONDONTWRITEBYTECODE is set, as on our CI machines, every process
# would compile its libraries from source at each start (a service: 5.5 s of CPU instead of 2.2).
$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --python $(BIN)/python --compile-bytecode
	@touch $@

install: $(VENV)/.synced

run: install
	$(BIN)/mim up

# The suite starts ~150 Python processes: each reuses the bytecode of the project's modules (and
# pytest's rewritten test modules) that the first one wrote, even where the environment says not
# to write any (PYTHONDONTWRITEBYTECODE; __pycache__ is gitignored). Collecting the suite: 15 s of
# CPU per worker without, 7 s with.
PYTEST_RUN = PYTHONDONTWRITEBYTECODE= MIM_TEST_DB=$(DB) $(if $(filter postgres,$(DB)),scripts/with-postgres.sh) $(BIN)/pytest $(PYTEST_XDIST)

test: install
	$(PYTEST_RUN) $(PYTEST_ARGS)

test-fast: install
	$(PYTEST_RUN) -m "not long" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)
	$(BIN)/mypy services frontend

format: install
	$(BIN)/ruff format $(LINT_DIRS)
	$(BIN)/ruff check --fix $(LINT_DIRS)

# The committed Python client (clients/python) and the website's models, from the merged OpenAPI.
clients: install
	scripts/generate-python-client.sh
	scripts/generate-api-models.sh

# BENCH_SIZE=small: 2,000 exporters and short runs, report under var/bench-small (to try the bench).
BENCH_SMALL_ARGS := --exporters 2000 --duration 3 --warmup 1 --bursts 1 --guests 200 --seats 40 \
	--profile-seconds 1 --out var/bench-small
bench: install
	$(BIN)/python -m bench.run $(if $(filter small,$(BENCH_SIZE)),$(BENCH_SMALL_ARGS)) $(BENCH_ARGS)

clean:
	rm -rf var/*.db var/*.db-wal var/*.db-shm .pytest_cache
