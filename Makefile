# The front door: `make run` starts the portal on http://127.0.0.1:8000 with demo data,
# `make test` runs the whole suite. Every target installs what it needs first.

PYTHON ?= python3
VENV = .venv
BIN = $(VENV)/bin
MANAGE = $(BIN)/python manage.py
# Touched after a successful install; re-install only when pyproject.toml is newer.
INSTALLED = $(VENV)/.installed
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv install run test lint format migrations-check worker beat bench bench-smoke bench-tools \
	clean distclean

help:
	@echo "make run               install, migrate, load demo data, serve on 127.0.0.1:8000"
	@echo "make test              run the test suite (PYTEST_ARGS='-k wizard' to narrow it)"
	@echo "make lint              ruff check and ruff format --check"
	@echo "make format            ruff format and ruff check --fix"
	@echo "make migrations-check  fail if models changed without a migration"
	@echo "make worker / beat     Celery worker (queues celery,sms,documents) / scheduler"
	@echo "make bench             benchmarks at 1M rows on this machine -> bench/RESULTS.md (~20 min)"
	@echo "make bench-smoke       the same suite on small data, a few seconds per scenario (CI)"
	@echo "make install           create $(VENV) and install the project with test extras"
	@echo "make clean             remove caches and build output (distclean: also $(VENV))"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Order-only on the interpreter: an existing venv never forces a re-install by itself.
$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test]'
	touch $@

venv install: $(INSTALLED)

# Safe to run again: migrate and load_demo_data are idempotent. No compilemessages, so
# gettext is not required.
run: $(INSTALLED)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) runserver 127.0.0.1:8000

test: $(INSTALLED)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: $(INSTALLED)
	$(MANAGE) makemigrations --check --dry-run

worker: $(INSTALLED)
	$(BIN)/celery -A azerishiq_portal worker -l info -Q celery,sms,documents

beat: $(INSTALLED)
	$(BIN)/celery -A azerishiq_portal beat -l info

# The benchmark suite (bench/, see bench/RESULTS.md): needs PostgreSQL on 127.0.0.1:5432
# (BENCH_POSTGRES=postgres://user@host:port) and redis-server; starts everything else itself.
BENCH_ARGS ?=
BENCH_INSTALLED = $(VENV)/.installed-bench

$(BENCH_INSTALLED): pyproject.toml | $(INSTALLED)
	$(BIN)/python -m pip install -e '.[test,bench]'
	touch $@

bench-tools: $(BENCH_INSTALLED)
	@command -v wrk >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y wrk \
		|| (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk)

bench: bench-tools
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-smoke: bench-tools
	$(BIN)/python -m bench.run --profile smoke $(BENCH_ARGS)

# Keeps $(VENV) and db.sqlite3: the first is slow to rebuild, the second is your local data.
clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache staticfiles test-artifacts build *.egg-info bench/.work

distclean: clean
	rm -rf $(VENV)
