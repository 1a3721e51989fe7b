# Off-Ramps: `make run` sets everything up and serves the app with its job worker;
# `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run worker serve setup test browser-deps server-deps bench-deps pdf-deps i18n-deps messages lint format

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(BIN)/.installed

# Migrate (which also seeds the categories, languages, population tags and the fact sheet),
# then load the demo directory and its demo accounts (DEBUG only). Every step is safe to repeat.
setup: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_accounts

# The development server, with a job worker beside it that stops when the server stops.
run: setup pdf-deps
	$(BIN)/python bin/devserver.py $(HOST)

# The job worker alone: runs queued jobs (README "Background jobs") until stopped.
worker: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py run_worker

# The production web server (README "Deployment"): gunicorn, set by WEB_BIND, WEB_WORKERS,
# WEB_THREADS and WEB_TIMEOUT. It refuses development settings before touching anything.
serve: install pdf-deps
	$(BIN)/python -m config.serve --check
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	exec $(BIN)/python -m config.serve

# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
				|| echo "Could not install chromium: the browser tests will be skipped."; \
		else \
			echo "Run 'sudo apt-get install chromium' to run the browser tests; they will be skipped."; \
		fi; \
	fi

# Debian's wrk, for the load benchmark (bench/load_bench.py).
bench-deps:
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
		else \
			echo "Run 'sudo apt-get install wrk' for bench/load_bench.py."; exit 1; \
		fi; \
	fi

# Debian's Redis server: the scale-out test (tests/test_scale_out.py) starts one of its own.
server-deps:
	@if ! command -v redis-server >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server \
				|| echo "Could not install redis-server: the scale-out test will fail."; \
		else \
			echo "Run 'sudo apt-get install redis-server' for the scale-out test."; \
		fi; \
	fi

# Debian's Pango and a font, which WeasyPrint needs to make the referral handout's PDF.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
pdf-deps:
	@if ! dpkg -s $(PDF_DEBS) >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_DEBS); \
		else \
			echo "Run 'sudo apt-get install $(PDF_DEBS)': the handout PDF needs them."; \
		fi; \
	fi

# Debian's gettext, for makemessages and compilemessages (tests/test_translations.py runs
# makemessages to check that every string is in the Spanish catalog).
i18n-deps:
	@if ! command -v xgettext >/dev/null || ! command -v msgfmt >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; \
		else \
			echo "Run 'sudo apt-get install gettext' to update or check the translations."; \
		fi; \
	fi

# The Spanish catalog (README "Languages"): fold the Spanish of locale/pending/*.po into
# locale/es/LC_MESSAGES/django.po (django.po's own translations win), then collect the marked
# strings (makemessages: new ones come in empty, ones no code uses any more go) and compile
# django.mo. Folding in first keeps makemessages from guessing fuzzy translations for them.
MAKEMESSAGES := $(BIN)/python manage.py makemessages -l es --no-location --no-obsolete
messages: install i18n-deps
	@for pending in $$(ls locale/pending/*.po 2>/dev/null); do \
		echo "Folding in $$pending"; \
		{ grep -q 'charset=' "$$pending" || printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'; \
			cat "$$pending"; } > "$$pending.tmp"; \
		msgcat --use-first -o locale/es/LC_MESSAGES/django.po \
			locale/es/LC_MESSAGES/django.po "$$pending.tmp" || exit 1; \
		rm "$$pending.tmp"; \
	done
	$(MAKEMESSAGES)
	$(BIN)/python manage.py compilemessages -l es

test: install browser-deps server-deps pdf-deps i18n-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the README's screenshots (docs/screenshots/) from the app with the demo data.
.PHONY: screenshots
screenshots: install
	$(BIN)/python bin/screenshots.py
