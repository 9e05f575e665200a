# AI for Cities – common tasks. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# Every absolute link (emails, feeds, calendars, PDFs) uses the address the site is served on.
export BASE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help install linters run worker migrate demo messages translations test lint format bench lock smoke screenshots archive clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

linters: node_modules/.installed ## Install the CSS and JavaScript linters (npm, with the machine's Node)

translations: install ## Compile the UI translations (locale/*.po → .mo) without GNU gettext
	$(MANAGE) compile_translations

migrate: translations ## Apply database migrations
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_groups
	$(MANAGE) sync_site

demo: migrate ## Load the demo content (idempotent; DEMO_OPEN_CALL=1 on a new database opens a call)
	$(MANAGE) load_demo_content $(if $(DEMO_OPEN_CALL),--open-call)
	$(MANAGE) sync_site

run: demo ## Run the site on http://$(HOST):$(PORT) with the email worker (SQLite by default)
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/"
	@echo "  Emails are printed here by the worker (console backend)."
	@echo ""
	@$(MANAGE) requeue_stalled_emails
	@bash -c 'trap "kill 0" EXIT; $(MANAGE) db_worker --backend queue --interval 2 & $(MANAGE) runserver $(HOST):$(PORT)'

worker: migrate ## Run only the email worker (the queue of background tasks)
	$(MANAGE) db_worker --backend queue

test: translations ## Run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)
	$(BIN)/pytest -q -n 2 --dist worksteal $(PYTEST_ARGS)

lint: install linters ## ruff, import and template layers, templates, CSS, JS, checks, migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest -q -p no:xdist tests/standards/test_template_layers.py
	$(BIN)/djlint --lint templates */templates
	npx --no-install stylelint "static/css/**/*.css"
	npx --no-install eslint static/js
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install ## Format and fix imports with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Extract UI strings into locale/*.po (needs GNU gettext)
	$(MANAGE) makemessages --all --ignore=.venv --ignore=tests --no-obsolete

bench: translations ## Measure page speed and throughput on a data set ten times the demo
	$(MANAGE) bench

PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host

lock: install ## Regenerate requirements.lock and requirements-s3.txt (hashed) with pip-tools
	$(BIN)/pip install --quiet pip-tools==7.6.2
	$(PIP_COMPILE) -o requirements.lock requirements.txt
	cp requirements.lock requirements-s3.txt  # start from the lock: shared packages keep its pins
	$(PIP_COMPILE) -o requirements-s3.txt requirements-s3.in

smoke: install ## Production smoke test through deploy/: environment file, release, units, nginx with TLS, backup
	$(BIN)/python deploy/smoke.py

screenshots: demo ## Screenshot every page type at phone and desktop width into screenshots/index.html
	$(MANAGE) screenshots --languages en,fr,de

ARCHIVE ?= archive-site
archive: migrate ## Write a static copy of the public site into $(ARCHIVE)/ (certificates keep verifying)
	$(MANAGE) build_archive $(ARCHIVE)

clean: ## Remove the virtualenv, the Node linters and local databases
	rm -rf $(VENV) node_modules db.sqlite3 bench.sqlite3
