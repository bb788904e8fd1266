# referrals – the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PORT   ?= 5000
FLASK   = $(BIN)/flask --app app

.PHONY: run test install migrate seed serve lint bench craft-model clean

$(BIN)/flask: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/flask

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo --if-empty

run: seed
	@echo ""
	@echo "  referrals is starting on http://127.0.0.1:$(PORT)/login"
	@echo "  Demo login: ana@demo.example / demo-password-123"
	@echo ""
	$(FLASK) run --port $(PORT)

# Production-style: gunicorn (gunicorn.conf.py) against DATABASE_URL: one worker per core
# unless WORKERS says otherwise.
serve: migrate
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py app:app

# The suite runs on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set.
# Two processes (pytest-xdist), each with a database of its own, that take work from each
# other when one runs out (--dist worksteal); the PostgreSQL pass skips what touches no
# database there (pure graph code, doctests, the browser's own SQLite) and
# what checks only the words the app writes (the builder's every combination).
# The import contract (pyproject.toml, [tool.importlinter]) first: it takes seconds and a
# wrong-way import is cheaper to see before the suite than after.
test: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -q -n $${TEST_PROCESSES:-2} --dist worksteal
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL: $$TEST_DATABASE_URL =="; \
		$(BIN)/pytest -q -n $${TEST_PROCESSES:-2} --dist worksteal -m "not graph and not words" \
			--ignore=referrals --ignore=tests/test_browser.py; \
	fi

lint: install
	$(BIN)/ruff check referrals tests bench
	$(BIN)/lint-imports --no-cache

bench: install
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.paths --size small

# The message check's learned reading, retrained after the tune corpus changes
# (tests/data/craft_tune.jsonl); a test fails until it is.
craft-model: install
	$(BIN)/python -m bench.craft_train

clean:
	rm -rf $(VENV) *.egg-info
