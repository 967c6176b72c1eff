# BiL-GAN benchmark harness. `make help` lists the targets.
SWIFT   ?= swift
RELEASE := -c release
BIN     := .build/release

.PHONY: help setup build test bench reproduce fixtures clean dataset contact-sheet dataset-fixtures

help:
	@echo "make reproduce  set up (apt packages), build, and run the main job on the embedded default"
	@echo "make test       run the test suite (release build)"
	@echo "make setup      install system packages when missing (libopenblas, libpng, libjpeg, libsqlite3)"
	@echo "make build      release build of every target"
	@echo "make bench      tensor-core speed against PyTorch CPU, side by side (needs: pip install torch)"
	@echo "make fixtures   regenerate PyTorch golden fixtures under Tests/Fixtures (needs torch, safetensors)"
	@echo "make dataset    generate the SynthFaces sets under datasets/generated (skipped when complete; SCALE=2 for more)"
	@echo "make contact-sheet  render datasets/generated/contact-sheet.png (identities × attributes, poses, lights, UV)"
	@echo "make dataset-fixtures  regenerate the Imaging/Datasets fixtures (needs torch, Pillow)"

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
