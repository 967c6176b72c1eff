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
