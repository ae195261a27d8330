# warta: `make demo` and `make test` each create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/warta ingest samples/seed-article.txt samples/indosum-sample.jsonl --db demo.db
	@echo
	$(BIN)/warta show --db demo.db --source samples/seed-article.txt --paragraphs 2
	$(BIN)/warta quotes --speaker Sullivan --db demo.db
	$(BIN)/warta stats --db demo.db
	@echo
	@echo "warta is installed in $(VENV): run '. $(VENV)/bin/activate' to have 'warta' on your path,"
	@echo "or call '$(BIN)/warta' (for example: $(BIN)/warta show f17fb2 --db demo.db)."

test: lint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check warta tests bench scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
