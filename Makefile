# ccsim — plain Makefile (see docs/building.md).
#
#   make            build bin/ccsim (and build/libccsim.a)
#   make run        install deps if missing, build, run the main job
#   make check      install deps if missing, build, run every Check suite
#   make sanitize   the tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      print speed and memory figures (never fails on speed)
#   make readme     put the real output of the commands README.md,
#                   docs/teaching.md and docs/scenario-format.md show into
#                   them (scripts/readme.sh)
#   make readme-check  fail when they differ from it (part of make check)
#   make validate-seeds   the validation against theory on 100 seeds (slow)
#   make mutate     one-line mutations of the code, each must fail the tests
#   make coverage   line and branch coverage per file (gcov + gcovr)
#   make deps       install the Debian packages we need when a library is missing
#   make clean
#
# pkg-config is evaluated lazily (recursive '=' variables) so that `make run`
# and `make check` can install the libraries first and then build in a
# sub-make on a machine that has none of them yet.

PKGS       := gsl libconfig jansson cbc
DEB_PKGS   := build-essential pkg-config libgsl-dev libconfig-dev libjansson-dev \
              coinor-libcbc-dev check libsubunit-dev gnuplot-nox librsvg2-bin
COV_PKGS   := gcovr

BUILD      ?= build
BIN        ?= bin
CC         ?= cc
OPT        ?= -O2 -g
SANFLAGS   ?=

PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS    = $(shell pkg-config --libs $(PKGS))
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS  = $(shell pkg-config --libs check)

WARN       := -Wall -Wextra -Werror -Wshadow -Wwrite-strings -Wmissing-prototypes \
              -Wstrict-prototypes -Wpointer-arith -Wformat=2 -Wvla
ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(SANFLAGS) \
              -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
DEPFLAGS   := -MMD -MP
LDLIBS_ALL  = $(PKG_LIBS) -lpthread -lm $(LDLIBS)

LIB_SRC    := $(sort $(wildcard src/*.c))
CLI_SRC    := $(sort $(wildcard src/cli/*.c))
TEST_SRC   := $(sort $(wildcard tests/*.c))
BENCH_SRC  := $(sort $(wildcard bench/*.c))

LIB_OBJ    := $(LIB_SRC:src/%.c=$(BUILD)/lib/%.o)
CLI_OBJ    := $(CLI_SRC:src/cli/%.c=$(BUILD)/cli/%.o)
TEST_OBJ   := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)
BENCH_OBJ  := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%.o)

LIB        := $(BUILD)/libccsim.a
CCSIM      := $(BIN)/ccsim
TESTBIN    := $(BUILD)/check_ccsim
BENCHBIN   := $(BUILD)/bench_ccsim

# Markdown files whose command outputs are generated (scripts/readme.sh).
READMES    := README.md docs/teaching.md docs/scenario-format.md

.PHONY: all run check test sanitize bench deps clean pkgcheck readme readme-check validate-seeds mutate coverage

all: $(CCSIM)

# Every library must be there before anything compiles: say which are
# missing and how to get them, rather than fail on a missing header.
pkgcheck:
	@missing=; for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    echo "ccsim: missing libraries (pkg-config):$$missing; run 'make deps' or install the" \
	         "Debian packages $(DEB_PKGS)" >&2; exit 1; fi

$(LIB_OBJ) $(CLI_OBJ) $(TEST_OBJ) $(BENCH_OBJ): | pkgcheck

$(BUILD)/lib/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(CCSIM): $(CLI_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS_ALL)

# Every tests/check_<name>.c defines Suite *<name>_suite(void); the list of
# suites is generated so that adding a test file needs no other edit.
$(BUILD)/tests/suites.h: $(TEST_SRC)
	@mkdir -p $(@D)
	@for f in $(filter-out tests/check_main.c,$(filter tests/check_%,$(TEST_SRC))); do \
	    n=$${f#tests/check_}; echo "CCS_SUITE($${n%.c})"; done > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(TEST_OBJ): $(BUILD)/tests/suites.h

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -I$(BUILD)/tests -Itests $(DEPFLAGS) -c $< -o $@

# The test binary wraps the allocator (tests/failalloc.c) to test every
# out-of-memory path.
WRAP_ALLOC := -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc
$(TESTBIN): $(TEST_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $(TEST_OBJ) $(LIB) $(WRAP_ALLOC) $(CHECK_LIBS) $(LDLIBS_ALL)

$(BUILD)/bench/%.o: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BENCHBIN): $(BENCH_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $(BENCH_OBJ) $(LIB) $(LDLIBS_ALL)

# The tests run the CLI through $CCSIM_BIN, so the sanitizer build tests the
# sanitized binary.
# Check's default per-test timeout (4 s) is too short for the sanitizer
# build on a loaded 2-core machine; tests that run long set their own.
CK_TIMEOUT ?= 60
CK_MULT ?= 1
test: $(CCSIM) $(TESTBIN)
	CCSIM_BIN=$(CCSIM) CK_DEFAULT_TIMEOUT=$(CK_TIMEOUT) CK_TIMEOUT_MULTIPLIER=$(CK_MULT) ./$(TESTBIN)

# The validation against theory (tests/check_validation.c) on SEEDS seeds:
# CCSIM_TEST_SEED=1..SEEDS, one line per failing seed, then the count.
# Correct code fails a seed with probability < 5e-4 (docs/testing.md).
# VALIDATE_SUITES="validation model dialer ..." adds other suites.
SEEDS ?= 100
VALIDATE_SUITES ?= validation
validate-seeds: $(CCSIM) $(TESTBIN)
	@mkdir -p $(BUILD)/validate-seeds; fail=0; runs=0; \
	for s in $$(seq 1 $(SEEDS)); do for suite in $(VALIDATE_SUITES); do \
	    runs=$$((runs + 1)); log=$(BUILD)/validate-seeds/$$suite-$$s.log; \
	    if CCSIM_TEST_SEED=$$s CK_RUN_SUITE=$$suite CCSIM_BIN=$(CCSIM) \
	        CK_DEFAULT_TIMEOUT=$(CK_TIMEOUT) ./$(TESTBIN) >$$log 2>&1; then rm -f $$log; \
	    else fail=$$((fail + 1)); echo "seed $$s, suite $$suite: FAILED (log: $$log)"; \
	        grep -E ':[FE]:' $$log | head -5; fi; \
	done; done; \
	echo "validate-seeds: $$fail failure(s) in $$runs runs ($(SEEDS) seeds x suites: $(VALIDATE_SUITES))"; \
	[ $$fail -eq 0 ]

# Mutation testing: each one-line defect of tests/mutations.txt, alone, in a
# scratch copy under build/mutate/; prints caught / MISSED / stale per
# mutant and the score (tests/mutate.sh, docs/testing.md).
mutate: deps
	@bash tests/mutate.sh

run: deps
	@$(MAKE) --no-print-directory all
	./$(CCSIM) run

check: deps
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory readme-check

readme: $(CCSIM)
	CCSIM_BIN=$(CCSIM) scripts/readme.sh $(READMES)

readme-check: $(CCSIM)
	CCSIM_BIN=$(CCSIM) scripts/readme.sh --check $(READMES)

sanitize: deps
	@$(MAKE) --no-print-directory test BUILD=build-san BIN=build-san/bin OPT="-O1 -g" CK_MULT=10 \
	    SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

bench: deps
	@$(MAKE) --no-print-directory $(BENCHBIN) $(CCSIM)
	./$(BENCHBIN)

# Installs the Debian packages when any library (or gnuplot, for --plot, or
# rsvg-convert, for the chart tests) is missing; elsewhere it prints what to
# install and stops.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $(PKGS) check \
	    && command -v $(CC) >/dev/null 2>&1 && command -v gnuplot >/dev/null 2>&1 \
	    && command -v rsvg-convert >/dev/null 2>&1; then exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1; then \
	    SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    echo "ccsim: installing $(DEB_PKGS)"; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEB_PKGS); \
	else \
	    echo "ccsim: missing libraries; please install: $(DEB_PKGS) (Debian names)" >&2; exit 1; \
	fi

# Line and branch coverage per file of src/ (library and CLI), from the whole
# suite run once with gcov counters in build-cov/ (-fprofile-update=atomic:
# the simulator's threads update them at once); gcovr (Debian, installed
# when missing) reads them and tests/coverage.sh prints the table and checks
# the targets (docs/testing.md).
COV_FLAGS := --coverage -fprofile-update=atomic
coverage: deps
	@command -v gcovr >/dev/null 2>&1 || { \
	    if command -v apt-get >/dev/null 2>&1; then SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	        $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(COV_PKGS); \
	    else echo "ccsim: make coverage needs gcovr (Debian package gcovr)" >&2; exit 1; fi; }
	@find build-cov -name '*.gcda' -delete 2>/dev/null || true
	@$(MAKE) --no-print-directory test BUILD=build-cov BIN=build-cov/bin OPT="-O0 -g" \
	    SANFLAGS="$(COV_FLAGS)"
	@bash tests/coverage.sh build-cov

clean:
	rm -rf build build-san build-cov bin

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BENCH_OBJ:.o=.d)
