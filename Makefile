# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test check lint lock bench bench-load clean web browser screenshots wrk

# Installs come from uv.lock (every package pinned, with hashes). uv itself is bootstrapped into
# .uv/ by pip, at the version pinned here.
UV_VERSION := 0.13.9
UV         := .uv/bin/uv

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

# Re-sync whenever the lock (or pyproject.toml, which --locked checks it against) changes.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra dev --python $(PYTHON) --quiet
	touch $@

# Refresh uv.lock within pyproject.toml's ranges (then commit it).
lock: $(UV)
	$(UV) lock --upgrade

run: $(VENV)/.installed web
	$(BIN)/ckg serve --host $(HOST) --port $(PORT)

# The explorer (web/dist, git-ignored): its sources plus files from the pinned npm packages of
# web/package-lock.json. npm ci runs only when the lock changes; nothing is fetched at run time.
web/node_modules/.installed: web/package.json web/package-lock.json
	npm ci --prefix web
	touch $@

web/dist/.built: web/node_modules/.installed web/build.mjs $(shell find web/src -type f 2>/dev/null)
	node web/build.mjs

web: web/dist/.built

# Debian's chromium and CJK fonts for the browser tests (apt, as root; a no-op once installed).
browser:
	@tools/install-browser.sh

# Neo4j's own Cypher front end, for tests/test_cypher_lint.py (re-installed when the lock changes).
tools/cypher-lint/node_modules/.installed: tools/cypher-lint/package.json tools/cypher-lint/package-lock.json
	npm ci --prefix tools/cypher-lint --no-audit --no-fund
	touch $@

# Lint first: CI runs `make test`, so a ruff or mypy --strict finding fails it too.
test: lint tools/cypher-lint/node_modules/.installed web browser
	$(BIN)/python -m pytest

# A PNG of each explorer view in screenshots/ (git-ignored), taken by the same headless Chromium.
screenshots: $(VENV)/.installed web browser
	$(BIN)/python -m tests.screenshots screenshots

# Every benchmark in one run, printed (not asserted): the API's throughput against a bare endpoint
# (wrk), then both stores. Smaller sizes, each section's options in one string:
#   make bench BENCH_ARGS='--http="--seconds 2" --stores="--n 3 --nodes 2000 --rels 6000"'
bench: $(VENV)/.installed wrk
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# Debian's wrk, the HTTP load driver of `make bench` (apt, as root; a no-op once installed).
wrk:
	@tools/install-wrk.sh

# 64 connections on the costliest in-cap query for 60 s against `ckg serve` on loopback, printed.
bench-load: $(VENV)/.installed
	$(BIN)/python -m benchmarks.bench_load $(BENCH_ARGS)

check: $(VENV)/.installed
	$(BIN)/ckg load --check

lint: $(VENV)/.installed
	$(BIN)/ruff check api cli graph launch loaders queries tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .uv .pytest_cache .mypy_cache web/dist web/node_modules screenshots
