# The two commands: `make run` (the site on http://127.0.0.1:$(PORT)) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/clinic)

# The local demo runs as in production (DEBUG off) but over plain http on localhost. Its
# articles carry fixed dates older than the comment-closing age, so the demo keeps comments open.
RUN_ENV := SECRET_KEY="$$(cat .local/secret_key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	HTTPS_ONLY=false SERVE_MEDIA=true COMMENTS_CLOSE_AFTER_DAYS=0 SITE_URL=http://127.0.0.1:$(PORT)
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) SECRET_KEY=test-only-not-secret ALLOWED_HOSTS=* \
	HTTPS_ONLY=false SERVE_MEDIA=true DEBUG=false REDIS_URL= EMAIL_HOST= SITE_URL=https://clinic.test

.PHONY: run dev test lint format bench screenshots clean

$(BIN)/python:
	$(shell command -v $(PYTHON) || echo python3) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

.local/secret_key:
	mkdir -p .local
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: $(VENV)/.run-installed .local/secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/python manage.py load_demo_content
	$(RUN_ENV) $(BIN)/python manage.py create_staff_account
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/). Ctrl-C stops."
	@# The outbox worker runs beside gunicorn and prints the demo's emails (console backend);
	@# it is stopped when gunicorn stops, however gunicorn stops.
	$(RUN_ENV) EMAIL_HOST= $(BIN)/python manage.py send_outbox --loop --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	$(RUN_ENV) $(BIN)/gunicorn clinic.wsgi --config clinic/gunicorn.conf.py --bind 127.0.0.1:$(PORT)

dev: $(VENV)/.run-installed
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py load_demo_content
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-installed node_modules/.installed
	@$(TEST_ENV) $(BIN)/python scripts/check_test_database.py
	$(TEST_ENV) $(BIN)/python -m pytest $(ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.dev-installed
	$(TEST_ENV) $(BIN)/python scripts/benchmark.py $(ARGS)

# PNGs of the main pages at 390 and 1366 px into docs/screenshots/ (shown in the README).
screenshots: $(VENV)/.dev-installed
	$(BIN)/python scripts/screenshots.py $(ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles .local db.sqlite3 media
