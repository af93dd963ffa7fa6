VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SAMPLE := data/samples/release-political-prisoners.txt
SHARED ?= ../shared
PIP := $(BIN)/python -m pip --quiet --quiet --disable-pip-version-check
COMPILE := $(BIN)/python -m compileall -q src > /dev/null

.PHONY: demo test lint golden eval realtext bench train-ner install dev clean

# pip says nothing but errors, and make does not echo these recipes: `make demo` prints only the demo.
$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip

# An editable install leaves byte-compiling to the first import, which never writes it where
# PYTHONDONTWRITEBYTECODE is set: compile once, as installing a wheel does (a cold start reads it).
install: $(BIN)/python
	@$(PIP) install -e .
	@$(COMPILE)

dev: $(BIN)/python
	@$(PIP) install -e ".[dev]"
	@$(COMPILE)

demo: install
	@$(BIN)/claims extract --format table $(SAMPLE)

lint: dev
	$(BIN)/ruff check src tests scripts

test: lint
	$(BIN)/python -m pytest -q

golden: dev
	$(BIN)/python scripts/golden.py --update

eval: dev
	$(BIN)/claims eval --gold tests/gold/nerel --texts $(SHARED)/eval/NEREL --skip-missing
	$(BIN)/claims eval --actors nerel $(SHARED)/eval/NEREL/dev --skip-missing
	$(BIN)/claims eval --gold tests/gold/samples --texts data/samples
	$(BIN)/claims eval --gold tests/gold/factru --texts $(SHARED)/eval/factRuEval-2016/testset --skip-missing
	$(BIN)/claims eval --actors factru $(SHARED)/eval/factRuEval-2016/testset --skip-missing

realtext: dev
	$(BIN)/python scripts/realtext.py --shared $(SHARED)

train-ner: dev
	$(BIN)/python scripts/train_ner.py --shared $(SHARED)

bench: dev
	$(BIN)/python scripts/bench.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
	find src -name __pycache__ -type d -exec rm -rf {} +
