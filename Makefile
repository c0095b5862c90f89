# Lastmile's entry points. `make test` is what CI runs (.ci/run).
SWIFT ?= swift
VENV := .venv/bin/python

.PHONY: help deps build release serve compat test-ui test-python test-python-keras test-python-pytorch bench-server bench-explain test conformance conformance-data bench-engine venv fixtures check-extra proto clean

NODE_TESTS := $(CURDIR)/.conformance/data/node
GATE := $(CURDIR)/Tests/Conformance/passing.txt

help:
	@echo "make serve        install what is missing, build in release mode and start the server (SERVE_ARGS=...)"
	@echo "make test         install what is missing, build and run every test (with the conformance gate)"
	@echo "make test-ui      drive the web UI in headless Chromium (screenshots in .build/ui-screenshots/)"
	@echo "make test-python  run the Python SDK's tests and examples/quickstart.py against a live server"
	@echo "make test-python-keras    the Keras conversion tests in their own venv (tensorflow-cpu, ~2.3 GB; part of make test)"
	@echo "make test-python-pytorch  the PyTorch conversion tests in their own venv (torch with CUDA wheels, ~6 GB; part of make test)"
	@echo "make conformance  run the ONNX backend node tests (onnx 1.23.2) and print the pass count"
	@echo "make build        debug build of the lastmile CLI (.build/debug/lastmile)"
	@echo "make release      release build (.build/release/lastmile)"
	@echo "make bench-server time the server against MLServer with wrk (single rows, half load, 1000-row batches)"
	@echo "make bench-explain time SHAP explanations (kernel, tree) against the Python shap package"
	@echo "make bench-engine time the engine against onnxruntime (one thread) on every fixture"
	@echo "make fixtures     regenerate Tests/Fixtures with the pinned Python tooling"
	@echo "make check-extra  run the engine on ~170 extra converter outputs vs onnxruntime"
	@echo "make proto        regenerate the ONNX protobuf Swift code (committed)"

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build --product lastmile

release: deps
	$(SWIFT) build -c release --product lastmile

serve: release
	.build/release/lastmile serve $(SERVE_ARGS)

test: deps conformance-data
	$(SWIFT) build --build-tests
	bash scripts/e2e/quickstart.sh .build/debug/lastmile
	bash scripts/e2e/crash.sh .build/debug/lastmile
	bash scripts/compat/run.sh .build/debug/lastmile
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		bash scripts/ui/run.sh .build/debug/lastmile; \
	else \
		echo "skipping the browser test: chromium and chromium-driver are not installed (CI installs them; make test-ui)"; \
	fi
	bash scripts/python/run.sh .build/debug/lastmile
	bash scripts/python/run-framework.sh keras .build/debug/lastmile
	bash scripts/python/run-framework.sh pytorch .build/debug/lastmile
	LASTMILE_TEST_CONVERTER_PYTHON=$(CURDIR)/.venv-python/bin/python \
		LASTMILE_NODE_TESTS=$(NODE_TESTS) LASTMILE_CONFORMANCE_GATE=$(GATE) $(SWIFT) test --skip-build

test-ui: deps
	$(SWIFT) build --product lastmile
	bash scripts/ui/run.sh .build/debug/lastmile

compat: deps
	$(SWIFT) build --product lastmile
	bash scripts/compat/run.sh .build/debug/lastmile

test-python: deps
	$(SWIFT) build --product lastmile
	bash scripts/python/run.sh .build/debug/lastmile

test-python-keras: deps
	$(SWIFT) build --product lastmile
	bash scripts/python/run-framework.sh keras .build/debug/lastmile

test-python-pytorch: deps
	$(SWIFT) build --product lastmile
	bash scripts/python/run-framework.sh pytorch .build/debug/lastmile

conformance-data:
	@bash scripts/conformance/generate.sh

conformance: deps conformance-data
	$(SWIFT) build --build-tests
	LASTMILE_NODE_TESTS=$(NODE_TESTS) LASTMILE_CONFORMANCE_GATE=$(GATE) LASTMILE_CONFORMANCE_SUMMARY=1 \
		$(SWIFT) test --skip-build --filter onnxBackendNodeTests

venv:
	@bash scripts/fixtures/venv.sh

fixtures: venv
	$(VENV) scripts/fixtures/make_fixtures.py

check-extra: deps venv
	$(VENV) scripts/fixtures/make_extra.py
	$(SWIFT) build --build-tests
	LASTMILE_EXTRA_FIXTURES=$(CURDIR)/.fixtures-extra $(SWIFT) test --skip-build --filter extraConverterOutputsMatchOnnxruntime

bench-server: release
	bash scripts/bench/bench_server.sh .build/release/lastmile $(BENCH_ARGS)

bench-explain: release
	bash scripts/bench/bench_explain.sh .build/release/lastmile $(BENCH_ARGS)

bench-engine: release venv
	$(VENV) scripts/bench/bench_engine.py .build/release/lastmile

proto:
	bash scripts/generate_proto.sh

clean:
	rm -rf .build
