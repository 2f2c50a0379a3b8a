# Two commands on a fresh machine:
#   make serve   set everything up, build and preview the site (http://127.0.0.1:8000/)
#   make test    set everything up and run every test
# Also: make build (the static site into site/), make check (validate content),
#       make bench (the benchmark), make lock (re-pin dependencies).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve edit build build-incremental site-url check test bench lock clean

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed

serve: setup node_modules/.installed
	$(PY) -m mkdocs serve --dirty --no-strict $(SERVE_ARGS)

# The public address goes into canonical links, hreflang, feeds, calendars and
# the sitemap: without SITE_URL, a warning (and in CI, a failure).
site-url:
	@if [ -z "$$SITE_URL" ]; then \
	  if [ "$$CI" = "true" ]; then \
	    echo "error: SITE_URL is not set. Set it to the site's public address, e.g. SITE_URL=https://example.org/ make build" >&2; \
	    exit 1; \
	  fi; \
	  echo "" >&2; \
	  echo "WARNING: SITE_URL is not set: canonical links, hreflang, feeds, calendars and the sitemap will point to http://127.0.0.1:8000/." >&2; \
	  echo "WARNING: for publishing, run: SITE_URL=https://your.address/ make build" >&2; \
	  echo "" >&2; \
	fi

# The web editor (Decap CMS) on the working copy, beside the live preview:
# open http://127.0.0.1:8000/admin/. decap-server (admin/decap-server.cjs)
# reads and writes news/ for it, on the loopback address only; Ctrl+C stops both.
CMS_PORT ?= 8081
edit: setup node_modules/.installed
	@echo "The web editor: http://127.0.0.1:8000/admin/ (the site: http://127.0.0.1:8000/); Ctrl+C stops it."
	BIND_HOST=127.0.0.1 PORT=$(CMS_PORT) ORIGIN=http://127.0.0.1:8000 GIT_REPO_DIRECTORY="$(CURDIR)" \
		node admin/decap-server.cjs & cms=$$!; \
	trap 'kill $$cms 2>/dev/null' EXIT INT TERM; \
	$(PY) -m mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000 $(SERVE_ARGS)

# Build into a temporary folder and move it into place only on success:
# a failed build never leaves a half-written site/ behind.
build: setup node_modules/.installed site-url
	rm -rf site.tmp
	$(PY) -m mkdocs build --strict --site-dir site.tmp
	rm -rf site && mv site.tmp site

# Incremental (the workflow's build): mkdocs build --dirty on the previous
# site/ and .cache/ writes only the pages whose inputs changed, with the same
# result as a clean build; a change to the code, templates, mkdocs.yml, docs/
# or the lock makes it a full one (README, "Publishing").
build-incremental: setup node_modules/.installed site-url
	$(PY) -m mkdocs build --strict --dirty --site-dir site

check: setup
	$(PY) -m newsroom check

# Both cores (pytest-xdist): each worker takes the next test when it is done
# (worksteal). PYTEST_ARGS= runs them in one process.
PYTEST_ARGS ?= -n 2 --dist worksteal
test: setup $(if $(wildcard package-lock.json),node_modules/.installed)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) bench/run.py $(BENCH_ARGS)

lock: setup
	$(VENV)/bin/uv pip compile --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

clean:
	rm -rf site site.tmp .pytest_cache test-artifacts
