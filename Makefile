# BiL-GAN benchmark harness. `make help` lists the targets.
SWIFT   ?= swift
RELEASE := -c release
BIN     := .build/release

.PHONY: help setup build test bench reproduce fixtures clean

help:
	@echo "make reproduce  set up (apt packages), build, and run the main job on the embedded default"
	@echo "make test       run the test suite (release build)"
	@echo "make setup      install system packages when missing (libopenblas, libpng, libjpeg, libsqlite3)"
	@echo "make build      release build of every target"
	@echo "make bench      tensor-core speed against PyTorch CPU, side by side (needs: pip install torch)"
	@echo "make fixtures   regenerate PyTorch golden fixtures under Tests/Fixtures (needs torch, safetensors)"
	@echo "make tables     Tables 1-3 from $(RESULTS_DB): Markdown on screen, .md/.csv/.tex under $(TABLES_DIR)"
	@echo "make table1     (table2, table3) one table; REPORT_ARGS='--dataset D --profile P' narrows the runs"
	@echo "make metric-fixtures  regenerate Tests/Fixtures/metrics (needs numpy scipy torch pytorch-msssim)"

setup:
	@./tools/setup.sh

build:
	$(SWIFT) build $(RELEASE)

test:
	$(SWIFT) test $(RELEASE)

bench: build
	$(BIN)/tensor-bench

reproduce: setup build
	$(BIN)/tensor-bench --quick

fixtures:
	python3 tools/make_fixtures.py Tests/Fixtures

clean:
	rm -rf .build

# Network-free evaluators and the results store (issue: evaluators).
RESULTS_DB  ?= results/results.sqlite
TABLES_DIR  ?= results/tables
REPORT_ARGS ?=

.PHONY: report tables table1 table2 table3 metric-fixtures

report:
	$(SWIFT) build $(RELEASE) --product report

tables: report
	$(BIN)/report table all --database $(RESULTS_DB) --output-directory $(TABLES_DIR) $(REPORT_ARGS)

table1 table2 table3: report
	$(BIN)/report table $@ --database $(RESULTS_DB) --output-directory $(TABLES_DIR) $(REPORT_ARGS)

metric-fixtures:
	python3 tools/make_metric_fixtures.py Tests/Fixtures/metrics
