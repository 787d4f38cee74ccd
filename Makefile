# The two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
TEST_DIR := build/test
FRONTDOOR := $(RELEASE_DIR)/src/app/frontdoor

.PHONY: run test bench fmt lint clean bootstrap release fuzz soak

bootstrap:
	@scripts/bootstrap

# Release build of the server only. When no source is newer than the binary the build
# step is skipped, so that a second `make run` is serving within a second or two.
release: bootstrap
	@[ -f $(RELEASE_DIR)/CMakeCache.txt ] || cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@if [ ! -x $(FRONTDOOR) ] || [ -n "$$(find src cmake CMakeLists.txt templates locale scss static scripts/build-assets -newer $(FRONTDOOR) -print -quit)" ]; then \
	  cmake --build $(RELEASE_DIR) -j$(JOBS) --target frontdoor -- --no-print-directory; fi
	@test -x $(FRONTDOOR)

run: release
	@scripts/run $(FRONTDOOR)

# One Debug build with AddressSanitizer and UndefinedBehaviorSanitizer, warnings as
# errors, then every suite, with a throwaway PostgreSQL server for the store tests.
test: bootstrap
	@[ -f $(TEST_DIR)/CMakeCache.txt ] || cmake -S . -B $(TEST_DIR) -DCMAKE_BUILD_TYPE=Debug -DFRONTDOOR_SANITIZE=ON -DFRONTDOOR_BENCH=OFF >/dev/null
	@ln -sfn $(TEST_DIR)/compile_commands.json compile_commands.json
	cmake --build $(TEST_DIR) -j$(JOBS)
	@scripts/with-postgres ctest --test-dir $(TEST_DIR) --output-on-failure -j$(JOBS) --timeout 600
	@FUZZ_SECONDS=$(TEST_FUZZ_SECONDS) JOBS=$(JOBS) scripts/fuzz

# Every fuzz target (tests/fuzz) built with clang in build/fuzz and run for FUZZ_SECONDS
# (default 300) each; crashes are kept in tests/fuzz/regressions/. `make test` runs each
# for TEST_FUZZ_SECONDS.
TEST_FUZZ_SECONDS ?= 10
fuzz: bootstrap
	@JOBS=$(JOBS) scripts/fuzz

# A Release server under a realistic mix for SOAK_SECONDS (default 600): scripts/soak.
soak: bootstrap
	@JOBS=$(JOBS) scripts/soak $(RELEASE_DIR)

bench: bootstrap
	@[ -f $(RELEASE_DIR)/CMakeCache.txt ] || cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(RELEASE_DIR) -j$(JOBS)
	scripts/bench-http $(RELEASE_DIR)
	scripts/bench-micro $(RELEASE_DIR)
	scripts/bench-cases $(RELEASE_DIR)

fmt:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

lint:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror
	run-clang-tidy -quiet -p $(TEST_DIR) src/

clean:
	rm -rf build compile_commands.json
