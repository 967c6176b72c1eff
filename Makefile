# BiL-GAN benchmark harness. `make help` lists the targets.
SWIFT   ?= swift
RELEASE := -c release
BIN     := .build/release

.PHONY: help setup build test bench bench-quick bench-peers-check reproduce smoke-dataset fixtures clean dataset contact-sheet dataset-fixtures

help:
	@echo "make reproduce  set up (apt packages), build, and run the main job on the embedded default"
	@echo "make test       run the test suite (release build)"
	@echo "make setup      install system packages when missing (libopenblas, libpng, libjpeg, libsqlite3, chromium, chromium-driver)"
	@echo "make build      release build of every target"
	@echo "make bench      tensor-core speed against PyTorch CPU, side by side: tensor ops, training images/s per"
	@echo "                method (default profile), StarGAN peak memory (paper profile), FID Inception-v3 (B50, 299²)"
	@echo "                and Light CNN-29 v2 (B32, 128²) inference (needs: pip install torch)"
	@echo "make bench-quick  the same rows at small shapes and the smoke profile (seconds)"
	@echo "make bench-peers-check  prove bench/evaluator_models.py (the evaluator rows' PyTorch side) against the evaluator fixtures"
	@echo "make fixtures   regenerate PyTorch golden fixtures under Tests/Fixtures (needs torch, safetensors)"
	@echo "make tables     Tables 1-3 from $(RESULTS_DB): Markdown on screen, .md/.csv/.tex under $(TABLES_DIR)"
	@echo "make table1     (table2, table3) one table; REPORT_ARGS='--dataset D --profile P' narrows the runs"
	@echo "make metric-fixtures  regenerate Tests/Fixtures/metrics (needs numpy scipy torch pytorch-msssim)"
	@echo "make dataset    generate the SynthFaces sets under datasets/generated (skipped when complete; SCALE=2 for more)"
	@echo "make contact-sheet  render datasets/generated/contact-sheet.png (identities × attributes, poses, lights, UV)"
	@echo "make dataset-fixtures  regenerate the Imaging/Datasets fixtures (needs torch, Pillow)"
	@echo "make evaluator-fixtures  regenerate the evaluator-network and PRDC fixtures (needs torch pytorch-fid torchvision pillow)"
	@echo "make evaluate   Table 2 metrics of finished runs: METHOD=stargan EVAL_ARGS='--profile default' (docs/evaluators.md)"
	@echo "make fd-fixture regenerate the FD end-to-end fixture (numpy scipy)"

	@echo "make study     build the user-study tool (docs/study.md): pairs, invite, revoke, serve, simulate"
	@echo "make export    every metric with its run's configuration as CSV, plus the tables' CSV, under $(EXPORT_DIR)"
	@echo "make slurm-test  a real single-node Slurm (installed when missing; root): smoke sweep, merge, tables (docs/sweeps.md)"

setup:
	@./tools/setup.sh

build:
	$(SWIFT) build $(RELEASE)

test:
	$(SWIFT) test $(RELEASE)

bench: build
	$(BIN)/tensor-bench

bench-quick: build
	$(BIN)/tensor-bench --quick

# The PyTorch FID Inception-v3 and Light CNNs the `evaluators` rows time are the networks of the
# committed fixtures (needs torch numpy safetensors; no pytorch-fid or torchvision).
bench-peers-check:
	python3 tools/check_bench_evaluator_models.py Tests/Fixtures/evaluators

# The main job on the embedded default (tools/reproduce.sh): the three baselines and BiL-GAN with its
# six ablations trained on the CelebA-HQ-like set and evaluated, the simulated-rater study, Tables 1-3
# under results/tables. Incremental: a second call trains nothing. PROFILE=smoke runs it in a minute;
# SEEDS=0,1,2 several seeds (tables show mean ± sd with n).
# PROFILE=smoke reads its own small set (datasets/generated-smoke, seconds to generate), so CI runs the
# whole pipeline; NO_BUILD=1 uses the binaries already in .build/release (CI, right after `make test`).
SEEDS   ?= 0
PROFILE ?= default
SMOKE_DATA := datasets/generated-smoke
SMOKE_SCALE := 0.03
reproduce: setup $(if $(NO_BUILD),,build) $(if $(filter smoke,$(PROFILE)),smoke-dataset,dataset)
	PROFILE=$(PROFILE) SEEDS=$(SEEDS) BIN=$(BIN) \
	  DATA_ROOT=$(if $(filter smoke,$(PROFILE)),$(SMOKE_DATA),datasets/generated) tools/reproduce.sh

smoke-dataset:
	$(if $(NO_BUILD),,$(SWIFT) build $(RELEASE) --product synthfaces)
	$(BIN)/synthfaces generate --output $(SMOKE_DATA) --scale $(SMOKE_SCALE) --quiet \
	  --celebahq-size 64 --rafd-size 32 --multipie-subjects 203 --multipie-size 32 --multipie-illuminations 6

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

# SynthFaces (docs/synthfaces.md)
SCALE ?= 1

dataset:
	$(SWIFT) build $(RELEASE) --product synthfaces
	$(BIN)/synthfaces generate --output datasets/generated --scale $(SCALE)

contact-sheet:
	$(SWIFT) build $(RELEASE) --product synthfaces
	$(BIN)/synthfaces contact-sheet --output datasets/generated/contact-sheet.png

dataset-fixtures:
	python3 tools/make_dataset_fixtures.py

# Training (issue 9): `make train METHOD=stargan DATASET=celebahq PROFILE=default SEED=0`.
METHOD  ?= stargan
DATASET ?= celebahq
PROFILE ?= default
SEED    ?= 0

.PHONY: train training-fixtures learnability learnability-bilgan learnability-frontal
VARIANT ?= full

train:
	$(SWIFT) build $(RELEASE) --product train
	$(BIN)/train --method $(METHOD) --dataset $(DATASET) --profile $(PROFILE) --seed $(SEED)

training-fixtures:
	python3 tools/make_training_fixtures.py Tests/Fixtures/training

# StarGAN trained briefly on SynthFaces moves hair colour toward the target on ground-truth hair
# pixels (Tests/TrainCommandTests/LearnabilityCheck.swift; minutes of CPU).
LEARNABILITY_ITERATIONS ?= 1500
learnability:
	HARNESS_LEARNABILITY=1 HARNESS_LEARNABILITY_ITERATIONS=$(LEARNABILITY_ITERATIONS) $(SWIFT) test $(RELEASE) --filter '^TrainCommandTests.LearnabilityCheck'

# BiL-GAN (VARIANT) on the default profile and the embedded dataset, then what it reaches against the
# renderer's ground truth: hair colour, and phase 2 vs phase 1 upsampled (BiLGANLearnabilityCheck.swift).
learnability-bilgan: build dataset
	$(BIN)/train --method bilgan --variant $(VARIANT) --dataset celebahq --profile default --seed $(SEED)
	HARNESS_BILGAN_DATA=datasets/generated HARNESS_BILGAN_RUN=$$(ls -td results/runs/bilgan-$(VARIANT)-celebahq-default-seed$(SEED)-* | head -1) \
	  $(SWIFT) test $(RELEASE) --filter BiLGANLearnabilityCheck

# BiL-GAN's Multi-PIE frontalisation (§4.3) against the paired frontal ground truth of the test probes.
learnability-frontal: build dataset
	$(BIN)/train --method bilgan --dataset multipie --profile default --seed $(SEED)
	HARNESS_BILGAN_DATA=datasets/generated HARNESS_BILGAN_FRONTAL_RUN=$$(ls -td results/runs/bilgan-full-multipie-default-seed$(SEED)-* | head -1) \
	  $(SWIFT) test $(RELEASE) --filter BiLGANFrontalisationCheck

# Evaluator networks (issue 11, docs/evaluators.md).
.PHONY: evaluator-fixtures evaluate fd-fixture

# `make evaluate METHOD=stargan EVAL_ARGS='--profile default'`: Table 2's (celebahq) or Table 3's (--dataset multipie)
# metrics of finished runs; METHOD=lightcnn EVAL_ARGS='--dataset multipie --profile default' is Table 3's raw-probe row.
METHOD ?= stargan
evaluate:
	$(SWIFT) build $(RELEASE) --product evaluate
	$(BIN)/evaluate --method $(METHOD) $(EVAL_ARGS)

fd-fixture:
	python3 tools/make_fd_end_to_end_fixture.py

evaluator-fixtures:
	python3 tools/make_evaluator_fixtures.py Tests/Fixtures/evaluators
	python3 tools/make_prdc_fixtures.py Tests/Fixtures/metrics

# User study, Table 1 (docs/study.md): `.build/release/study pairs|invite|revoke|serve|simulate`.
.PHONY: study

study:
	$(SWIFT) build $(RELEASE) --product study

# Sweeps (docs/sweeps.md): `.build/release/sweep --profile P --seeds 0-4 --methods all --scheduler slurm|local`,
# then `report merge results/shards/*.sqlite`. `make export`: every metric with its run's configuration as
# CSV (one row per run and metric) plus the tables' CSV, under $(EXPORT_DIR).
.PHONY: sweep export slurm-test
EXPORT_DIR ?= results/export

sweep:
	$(SWIFT) build $(RELEASE)
	@echo "then: $(BIN)/sweep --profile smoke --seeds 0-1 --methods stargan,cyclegan --scheduler local --workers 2"

export: report
	$(BIN)/report export --format csv --database $(RESULTS_DB) --output $(EXPORT_DIR)/metrics.csv
	@if ls $(TABLES_DIR)/*.csv >/dev/null 2>&1; then cp $(TABLES_DIR)/*.csv $(EXPORT_DIR)/ && echo "copied $(TABLES_DIR)/*.csv to $(EXPORT_DIR)/"; \
	  else echo "no tables' CSV under $(TABLES_DIR): run make tables first"; fi

# A real single-node Slurm (slurmctld, slurmd, munge; installed when missing, needs root): a smoke sweep of
# 2 methods × 2 seeds as a job array, merged and rendered (tools/slurm-test.sh).
slurm-test:
	tools/slurm-test.sh
