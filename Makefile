# DM Casebook: `make run` opens the app, `make test` runs the tests. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench stress clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	bash scripts/system-deps.sh desktop
	$(PY) main.py $(ARGS)

# CI (CI=true) runs every test; a plain `make test` leaves out the tests marked slow
# (the bench harness on a tiny cohort, synth at two batches); `make stress` runs those too.
SELECT := $(if $(filter true,$(CI)),,-m "not slow")

test: $(STAMP)
	bash scripts/system-deps.sh headless
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto $(SELECT) $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/vulture domain storage gui cli devtools main.py tests --min-confidence 60

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m devtools.bench

stress: $(STAMP)
	QT_QPA_PLATFORM=offscreen DM_CASEBOOK_STRESS=1 $(PY) -m pytest -q -m "stress or slow"

clean:
	rm -rf $(VENV) .pytest_cache
