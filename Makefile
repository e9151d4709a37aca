# Registre: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO_DB ?= $(CURDIR)/demo-registre.db
TS     := resources/i18n/registre_en.ts
QM     := resources/i18n/registre_en.qm

.PHONY: run test check lint bench clean qt-deps translations

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Qt needs a few system libraries even offscreen; install them on Debian when root, else name them.
qt-deps: $(STAMP)
	@bash .ci/qt-deps.sh $(PY)

# the window's English: the .ts (Qt Linguist) compiled to the .qm the application loads
$(QM): $(TS) | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

# two-language calls of gui/ rewritten into French + the .ts; new strings extracted
translations: $(STAMP)
	$(PY) -m gui.i18n.extract

# the window on the demo: Qt's libraries checked (and installed) for the platform it will use,
# xcb on a desktop, offscreen where there is no display
run: $(STAMP) $(QM)
	@platform=$$(bash .ci/qt-deps.sh $(PY) --platform); \
	bash .ci/qt-deps.sh $(PY) $$platform || exit 1; \
	if [ "$$platform" = offscreen ] && [ -z "$${QT_QPA_PLATFORM:-}" ]; then \
	  echo "No display (DISPLAY is not set): the window runs offscreen, unseen; Ctrl+C ends it."; \
	  export QT_QPA_PLATFORM=offscreen; \
	fi; \
	$(PY) -m gui.cli gui --demo

lint: $(STAMP)
	$(PY) -m ruff check domain storage gui tests benchmarks
	$(PY) -m mypy
	$(VENV)/bin/lint-imports
	@# every window text in French in the code with its English in the .ts (no two-language call)
	$(PY) -m gui.i18n.extract --check

test: qt-deps lint $(QM)
	@bash .ci/libreoffice.sh
	@bash .ci/postgres.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# the inner loop: lint and the tests that need no PostgreSQL server and are not slow
check: qt-deps lint $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow and not postgres"

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
