# dieuhanh — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# First interpreter >= 3.12 on PATH, then among pyenv's versions.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

.PHONY: run test bench bench-small bench-public bench-scores bench-load bench-intake bench-webhooks extract-devset venv clean check-python

check-python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "dieuhanh cần Python ≥ 3.12 (không tìm thấy trên PATH hay trong pyenv)."; \
	  echo "Cài Python 3.12+ hoặc chỉ định: make run PYTHON=/đường/dẫn/python3.12"; exit 1; fi

$(BIN)/dieuhanh: pyproject.toml uv.lock | check-python
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv || $(PYTHON) -m pip install --quiet uv
	@UV=$$(command -v uv || echo "$(PYTHON) -m uv"); $$UV sync --quiet --frozen --python "$(PYTHON)"
	@touch $@

venv: $(BIN)/dieuhanh

var:
	@mkdir -p var/media

# Demo mode: the published secret key and demo passwords are accepted (never on a real server).
run: export DIEUHANH_DEMO = 1
run: venv var
	@$(BIN)/dieuhanh migrate --noinput -v 0
	@$(BIN)/dieuhanh load_demo
	@$(BIN)/dieuhanh demo_accounts
	@echo "→ http://127.0.0.1:$(PORT)/"
	@# The background worker reads scans, builds reports and sends reminders; the scheduler enqueues the
	@# daily job at 07:00. Both stop with the server.
	@$(BIN)/dieuhanh worker -v 0 & worker=$$!; $(BIN)/dieuhanh scheduler & scheduler=$$!; \
	trap "kill $$worker $$scheduler 2>/dev/null" EXIT INT TERM; \
	$(BIN)/dieuhanh runserver 127.0.0.1:$(PORT)

# The shape first (layers, an engine without Django, no stale imports), then the tests.
test: venv
	@$(BIN)/lint-imports --no-cache > /dev/null || $(BIN)/lint-imports --no-cache
	@$(BIN)/ruff check --quiet src tests bench
	@$(BIN)/pytest $(PYTEST_ARGS)

# SQLite always; PostgreSQL on BENCH_PG_URL, or on a throw-away local cluster when none is given.
bench: venv
	@if [ -n "$$BENCH_PG_URL" ] || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  $(BIN)/python bench/run.py $(BENCH_ARGS); \
	else scripts/with-postgres bash -c 'BENCH_PG_URL=$$PG_URL $(BIN)/python bench/run.py $(BENCH_ARGS)'; fi

bench-public: venv
	@if [ -n "$$BENCH_PG_URL" ] || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  $(BIN)/python bench/public.py $(BENCH_ARGS); \
	else scripts/with-postgres bash -c 'BENCH_PG_URL=$$PG_URL $(BIN)/python bench/public.py $(BENCH_ARGS)'; fi

# A burst of 1,000 webhook events, the endpoint down then up: none lost, none twice (SQLite; PostgreSQL too
# on BENCH_PG_URL).
bench-webhooks: venv
	@$(BIN)/python bench/webhooks.py
	@if [ -n "$$BENCH_PG_URL" ]; then $(BIN)/python bench/webhooks.py; fi

# Officials' scores: ~3,000 units, 30,000 officials, a year of weekly products, on PostgreSQL.
bench-scores: venv
	@if [ -n "$$BENCH_PG_URL" ]; then $(BIN)/python bench/scores.py $(BENCH_ARGS); \
	else scripts/with-postgres bash -c 'BENCH_PG_URL=$$PG_URL $(BIN)/python bench/scores.py $(BENCH_ARGS)'; fi

# Many users at once against gunicorn on PostgreSQL (bench/load.py): 50, 100, 200 users, 60 s each.
bench-load: venv
	@if [ -n "$$BENCH_PG_URL" ]; then $(BIN)/python bench/load.py $(BENCH_ARGS); \
	else scripts/with-postgres bash -c 'BENCH_PG_URL=$$PG_URL $(BIN)/python bench/load.py $(BENCH_ARGS)'; fi

bench-small:
	@$(MAKE) --no-print-directory bench BENCH_ARGS="--sizes 10000 --repeat 5"

DEVSET ?= ../shared/devset
extract-devset: venv
	@rm -rf var/devset-pred
	@$(BIN)/python -m dieuhanh.intake $(DEVSET)/docs/*.txt --out var/devset-pred
	@$(BIN)/python $(DEVSET)/score.py var/devset-pred $(DEVSET)/gold --by-group

bench-intake: venv
	@$(BIN)/python bench/intake.py $(DEVSET)/docs

clean:
	rm -rf $(VENV) var .pytest_cache
