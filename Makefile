# Lastmile's entry points. `make test` is what CI runs (.ci/run).
SWIFT ?= swift
VENV := .venv/bin/python

.PHONY: help deps build release test venv fixtures check-extra proto clean

help:
	@echo "make test         install what is missing, build and run every test"
	@echo "make build        debug build of the lastmile CLI (.build/debug/lastmile)"
	@echo "make release      release build (.build/release/lastmile)"
	@echo "make fixtures     regenerate Tests/Fixtures with the pinned Python tooling"
	@echo "make check-extra  run the engine on ~170 extra converter outputs vs onnxruntime"
	@echo "make proto        regenerate the ONNX protobuf Swift code (committed)"

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build --product lastmile

release: deps
	$(SWIFT) build -c release --product lastmile

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

venv:
	@bash scripts/fixtures/venv.sh

fixtures: venv
	$(VENV) scripts/fixtures/make_fixtures.py

check-extra: deps venv
	$(VENV) scripts/fixtures/make_extra.py
	$(SWIFT) build --build-tests
	LASTMILE_EXTRA_FIXTURES=$(CURDIR)/.fixtures-extra $(SWIFT) test --skip-build --filter extraConverterOutputsMatchOnnxruntime

proto:
	bash scripts/generate_proto.sh

clean:
	rm -rf .build
