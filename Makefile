# ccsim — plain Makefile (see docs/building.md).
#
#   make            build bin/ccsim, build/libccsim.a and .so, the man pages
#                   and the bash completion
#   make run        install deps if missing, build, run the main job
#   make check      install deps if missing, build, run every Check suite,
#                   compare the generated docs, test install, examples, .deb
#   make install    PREFIX=/usr/local DESTDIR= : binary, library, headers,
#                   ccsim.pc, man pages, completion, scenarios, docs
#   make uninstall  remove what make install put there
#   make examples   build examples/*.c against the installed library
#                   (pkg-config ccsim)
#   make deb        build/ccsim_<version>_<arch>.deb (dpkg-deb)
#   make sanitize   the tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      print speed and memory figures (never fails on speed)
#   make readme     put the real output of the commands README.md,
#                   docs/teaching.md and docs/scenario-format.md show into
#                   them (scripts/readme.sh), and the help sources'
#                   options into docs/cli.md (scripts/gen-help)
#   make readme-check  fail when they differ from it (part of make check)
#   make golden     rewrite tests/data/golden/ (every scenario's output), only
#                   on purpose; make golden-check compares (part of make check)
#   make validate-seeds   the validation against theory on 100 seeds (slow)
#   make mutate     one-line mutations of the code, each must fail the tests
#   make coverage   line and branch coverage per file (gcov + gcovr)
#   make fuzz       fuzz the scenario reader and a short run (clang libFuzzer,
#                   ASan+UBSan) for FUZZ_TIME seconds per target; fails on any crash
#   make deps       install the Debian packages we need when a library is missing
#   make fuzz-deps  install clang and its libFuzzer runtime (only make fuzz needs them)
#   make clean
#
# pkg-config is evaluated lazily (recursive '=' variables) so that `make run`
# and `make check` can install the libraries first and then build in a
# sub-make on a machine that has none of them yet.

VERSION    := 0.1.0
# The library's ABI version: the soname is libccsim.so.$(SOVERSION), the file
# libccsim.so.$(SOVERSION).<minor>.<patch> of VERSION (docs/building.md).
SOVERSION  := 0

PKGS       := gsl libconfig jansson cbc
DEB_PKGS   := build-essential pkg-config libgsl-dev libconfig-dev libjansson-dev \
              coinor-libcbc-dev check libsubunit-dev gnuplot-nox librsvg2-bin \
              libopenmpi-dev openmpi-bin
COV_PKGS   := gcovr

BUILD      ?= build
BIN        ?= bin

# Installation (GNU names; DESTDIR stages into another root).
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
DOCDIR      ?= $(DATADIR)/doc/ccsim
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
# Where `ccsim run NAME` looks for installed scenarios (CCSIM_SCENARIO_PATH
# overrides it at run time).
SCENARIODIR ?= $(DATADIR)/ccsim/scenarios
INSTALL     ?= install
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

# The library is every .c under src/ but the CLI's (wildcards, so that
# moving files into layer folders needs no edit here).
LIB_SRC    := $(sort $(filter-out src/cli/%,$(wildcard src/*.c src/*/*.c)))
CLI_SRC    := $(sort $(wildcard src/cli/*.c))
TEST_SRC   := $(sort $(wildcard tests/*.c))
BENCH_SRC  := $(sort $(wildcard bench/*.c))
# The installed headers: everything in include/ccsim/ (private headers live
# in src/).  Each compiles on its own (tests/check_headers.sh).
PUBLIC_HDR := $(sort $(wildcard include/ccsim/*.h))
# The one source of --help, the man pages, the completion and docs/cli.md.
HELP_SRC   := $(sort $(wildcard src/cli/help/*.txt))
HELP_CMDS  := $(filter-out ccsim,$(HELP_SRC:src/cli/help/%.txt=%))
GEN        := $(BUILD)/gen

LIB_OBJ    := $(LIB_SRC:src/%.c=$(BUILD)/lib/%.o)
PIC_OBJ    := $(LIB_SRC:src/%.c=$(BUILD)/pic/%.o)
CLI_OBJ    := $(CLI_SRC:src/cli/%.c=$(BUILD)/cli/%.o) $(BUILD)/cli/help_pages.o
TEST_OBJ   := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)
BENCH_OBJ  := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%.o)

LIB        := $(BUILD)/libccsim.a
SONAME     := libccsim.so.$(SOVERSION)
SOFILE     := libccsim.so.$(SOVERSION).$(word 2,$(subst ., ,$(VERSION))).$(word 3,$(subst ., ,$(VERSION)))
SOLIB      := $(BUILD)/$(SOFILE)
PCFILE     := $(BUILD)/ccsim.pc
COMPLETION := $(GEN)/ccsim.bash
MAN1       := $(BUILD)/man/ccsim.1 $(HELP_CMDS:%=$(BUILD)/man/ccsim-%.1)
MAN5       := $(BUILD)/man/ccsim-scenario.5
CCSIM      := $(BIN)/ccsim
TESTBIN    := $(BUILD)/check_ccsim
BENCHBIN   := $(BUILD)/bench_ccsim

# Markdown files whose command outputs are generated (scripts/readme.sh).
READMES    := README.md docs/teaching.md docs/scenario-format.md docs/scheduling.md

.PHONY: ziggurat-tables mpi mpi-check all run check test sanitize bench deps clean pkgcheck readme readme-check golden golden-check fuzz fuzz-deps \
        fuzz-build install uninstall examples deb install-check deb-check FORCE \
        validate-seeds mutate coverage

all: $(CCSIM) $(LIB) $(SOLIB) $(PCFILE) $(MAN1) $(MAN5) $(COMPLETION)

# Every library must be there before anything compiles: say which are
# missing and how to get them, rather than fail on a missing header.
pkgcheck:
	@missing=; for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    echo "ccsim: missing libraries (pkg-config):$$missing; run 'make deps' or install the" \
	         "Debian packages $(DEB_PKGS)" >&2; exit 1; fi

$(LIB_OBJ) $(PIC_OBJ) $(CLI_OBJ) $(TEST_OBJ) $(BENCH_OBJ): | pkgcheck

$(BUILD)/lib/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

# The shared library's objects: the same sources, position-independent.
$(BUILD)/pic/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC $(DEPFLAGS) -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c | $(GEN)/ccsim_build.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I$(GEN) $(DEPFLAGS) -c $< -o $@

$(BUILD)/cli/help_pages.o: $(GEN)/help_pages.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

# Only the functions declared in the public headers are exported.
$(GEN)/libccsim.map: $(PUBLIC_HDR)
	@mkdir -p $(@D)
	@{ echo 'CCSIM_$(SOVERSION) {'; echo '  global:'; \
	   cat $^ | grep -o 'ccs_[a-z0-9_]* *(' | sed 's/ *($$//; s/.*/    &;/' | sort -u; \
	   echo '  local: *;'; echo '};'; } > $@.tmp && mv $@.tmp $@

$(SOLIB): $(PIC_OBJ) $(GEN)/libccsim.map
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(GEN)/libccsim.map \
	    -Wl,--no-undefined -Wl,--as-needed -o $@ $(PIC_OBJ) $(LDLIBS_ALL) $(LDFLAGS)
	ln -sf $(SOFILE) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libccsim.so

# The CLI links libccsim statically: bin/ccsim runs from the source tree and
# the installed binary needs no libccsim.so.
$(CCSIM): $(CLI_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS_ALL) $(LDFLAGS)

# bin/ccsim-mpi (docs/cluster.md): the CLI with the MPI main, compiled and
# linked with Open MPI's mpicc (Debian: libopenmpi-dev, openmpi-bin).
MPICC      ?= mpicc
MPI_BIN    := $(BIN)/ccsim-mpi
MPI_OBJ    := $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ)) $(BUILD)/mpi/main.o

$(BUILD)/mpi/main.o: src/cli/mpi/main.c | $(GEN)/ccsim_build.h pkgcheck
	@mkdir -p $(@D)
	$(MPICC) $(ALL_CFLAGS) -I$(GEN) $(DEPFLAGS) -c $< -o $@

$(MPI_BIN): $(MPI_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(MPICC) $(ALL_CFLAGS) -o $@ $(MPI_OBJ) $(LIB) $(LDLIBS_ALL) $(LDFLAGS)

mpi: $(MPI_BIN)

# bin/ccsim-mpi on K = 1..4 ranks against bin/ccsim (tests/mpi.sh); skipped,
# saying why, where Open MPI is not installed.
mpi-check: $(CCSIM)
	@if command -v mpicc >/dev/null 2>&1 && command -v mpirun >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory $(MPI_BIN) && \
	    CCSIM_BIN=$(CCSIM) CCSIM_MPI_BIN=$(MPI_BIN) tests/mpi.sh; \
	else echo "mpi-check: SKIPPED: mpicc or mpirun not found (make deps installs" \
	    "libopenmpi-dev and openmpi-bin)"; fi

# ---- generated: build facts, help texts, man pages, completion, ccsim.pc ----

# The commit of a build from a git checkout ("-modified" with uncommitted
# changes); empty elsewhere, and never the commit of a repository that merely
# contains an unpacked source tree.  When git cannot answer in a checkout
# (`sudo make install`: git refuses a repository root does not own), the
# commit of the last build stands, so that install rebuilds nothing.
GIT_COMMIT = $(shell if [ -e .git ]; then \
                 if c=$$(git rev-parse --short=12 HEAD 2>/dev/null); then \
                     [ -z "$$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || \
                         c=$$c-modified; echo $$c; \
                 elif [ -f $(GEN)/ccsim_build.h ]; then \
                     sed -n 's/^.define CCSIM_COMMIT "\(.*\)"$$/\1/p' $(GEN)/ccsim_build.h; fi; fi)

# Rewritten only when its text changes, so that nothing rebuilds needlessly.
$(GEN)/ccsim_build.h: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '/* Generated by the Makefile: the version, commit and install paths. */' \
	    '#define CCSIM_VERSION "$(VERSION)"' '#define CCSIM_COMMIT "$(GIT_COMMIT)"' \
	    '#define CCSIM_SCENARIO_DIR "$(SCENARIODIR)"' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(GEN)/paths.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(SCENARIODIR) $(VERSION)' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

GEN_HELP   := scripts/gen-help
MAN_DATE    = $(shell $(GEN_HELP) date debian/changelog)

$(GEN)/help_pages.c: $(HELP_SRC) $(GEN_HELP)
	@mkdir -p $(@D)
	$(GEN_HELP) c $@ $(HELP_SRC)

$(MAN1) &: $(HELP_SRC) $(GEN_HELP) debian/changelog
	@mkdir -p $(BUILD)/man
	$(GEN_HELP) man $(BUILD)/man $(MAN_DATE) $(VERSION) $(HELP_SRC)

$(MAN5): docs/scenario-format.md $(GEN_HELP) debian/changelog
	@mkdir -p $(@D)
	$(GEN_HELP) scenario-man $@ $(MAN_DATE) $(VERSION) docs/scenario-format.md

$(COMPLETION): $(HELP_SRC) $(GEN_HELP) $(GEN)/paths.stamp
	$(GEN_HELP) bash $@ $(SCENARIODIR) $(HELP_SRC)

# Libs.private and Requires.private are what a static link needs; the public
# headers include GSL's (gsl_rng.h), hence Requires: gsl.
$(PCFILE): $(GEN)/paths.stamp
	@printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' \
	    'scenariodir=$(SCENARIODIR)' '' 'Name: ccsim' \
	    'Description: call-center simulation: scenarios, replications with CIs, Erlang C/A, staffing' \
	    'Version: $(VERSION)' 'Requires: gsl' 'Requires.private: libconfig jansson cbc' \
	    'Libs: -L$${libdir} -lccsim' 'Libs.private: -lpthread -lm' \
	    'Cflags: -I$${includedir}' > $@

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
test: $(CCSIM) $(TESTBIN) $(MAN1) $(MAN5) $(COMPLETION)
	CCSIM_BIN=$(CCSIM) CCSIM_MAN_DIR=$(BUILD)/man CCSIM_COMPLETION=$(COMPLETION) \
	    CK_DEFAULT_TIMEOUT=$(CK_TIMEOUT) CK_TIMEOUT_MULTIPLIER=$(CK_MULT) $(abspath $(TESTBIN))

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
	@$(MAKE) --no-print-directory $(CCSIM)
	./$(CCSIM) run

check: deps
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory readme-check
	@$(MAKE) --no-print-directory golden-check
	@$(MAKE) --no-print-directory mpi-check
	@$(MAKE) --no-print-directory install-check
	@$(MAKE) --no-print-directory deb-check

# Golden outputs (tests/golden.sh): every shipped scenario's output byte for
# byte.  golden-check is part of make check; make golden rewrites them, only
# on purpose (a fixed defect or a change of the random numbers drawn, named
# in the commit).
golden: $(CCSIM)
	CCSIM_BIN=$(CCSIM) tests/golden.sh --write

golden-check: $(CCSIM)
	CCSIM_BIN=$(CCSIM) tests/golden.sh --check

# The exponential ziggurat's tables (src/core/ziggurat_tables.h), from
# Marsaglia and Tsang's recurrence; tests/check_ziggurat.c recomputes them.
ziggurat-tables:
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $(BUILD)/gen-ziggurat scripts/gen-ziggurat.c -lm
	$(BUILD)/gen-ziggurat > src/core/ziggurat_tables.h.tmp
	mv src/core/ziggurat_tables.h.tmp src/core/ziggurat_tables.h

readme: $(CCSIM)
	CCSIM_BIN=$(CCSIM) scripts/readme.sh $(READMES)
	$(GEN_HELP) md docs/cli.md $(HELP_SRC)

readme-check: $(CCSIM)
	CCSIM_BIN=$(CCSIM) scripts/readme.sh --check $(READMES)
	$(GEN_HELP) md --check docs/cli.md $(HELP_SRC)

sanitize: deps
	@$(MAKE) --no-print-directory test BUILD=build-san BIN=build-san/bin OPT="-O1 -g" CK_MULT=10 \
	    SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

# Speed and memory figures (bench/); BENCH="engine sim" runs only those
# parts (erlang, plan, engine, sim, skills, chat, mix, cluster).  The cluster part
# runs bin/ccsim and, where mpicc and mpirun exist, bin/ccsim-mpi.
bench: deps
	@$(MAKE) --no-print-directory $(BENCHBIN) $(CCSIM)
	@if command -v mpicc >/dev/null 2>&1; then $(MAKE) --no-print-directory $(MPI_BIN); fi
	CCSIM_BIN=$(CCSIM) CCSIM_MPI_BIN=$(MPI_BIN) ./$(BENCHBIN) $(BENCH)

# Installs the Debian packages when any library (or gnuplot, for --plot, or
# rsvg-convert, for the chart tests) is missing; elsewhere it prints what to
# install and stops.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $(PKGS) check \
	    && command -v $(CC) >/dev/null 2>&1 && command -v gnuplot >/dev/null 2>&1 \
	    && command -v rsvg-convert >/dev/null 2>&1 && command -v mpicc >/dev/null 2>&1 \
	    && command -v mpirun >/dev/null 2>&1; then exit 0; fi; \
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

# ---- fuzzing (docs/fuzzing.md) -------------------------------------------
# The library is built again with clang, instrumented for libFuzzer and
# under ASan+UBSan, into build-fuzz/; each target runs FUZZ_TIME seconds on
# a corpus seeded from every scenario and bad-input file in the tree.  The
# corpus grows in build-fuzz/corpus-<target>/ and is kept between runs; a
# crash, a leak, undefined behaviour, a timeout (FUZZ_TIMEOUT s on one
# input) or memory beyond FUZZ_RSS_MB writes the input to
# build-fuzz/artifacts/ and fails the target.
FUZZ_TIME    ?= 60
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB  ?= 2048
FUZZ_CC      ?= clang
FUZZ_TARGETS := parse run
FUZZ_DEB     := clang libclang-rt-dev
FUZZ_SEEDS   := scenarios scenarios/teach tests/data/bad tests/data/limits tests/fuzz/regress
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

fuzz: deps fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	@mkdir -p build-fuzz/artifacts
	@set -e; for t in $(FUZZ_TARGETS); do \
	    mkdir -p build-fuzz/corpus-$$t; \
	    echo "ccsim: fuzzing $$t for $(FUZZ_TIME) s"; \
	    LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ./build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -timeout=$(FUZZ_TIMEOUT) \
	        -rss_limit_mb=$(FUZZ_RSS_MB) -max_len=16384 -print_final_stats=1 \
	        -dict=tests/fuzz/scenario.dict -artifact_prefix=build-fuzz/artifacts/$$t- \
	        build-fuzz/corpus-$$t $(FUZZ_SEEDS); \
	done

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build-fuzz BIN=build-fuzz/bin CC=$(FUZZ_CC) \
	    OPT="-O1 -g" SANFLAGS="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" build-fuzz/libccsim.a
	@for t in $(FUZZ_TARGETS); do \
	    $(MAKE) --no-print-directory build-fuzz/fuzz_$$t; done

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_targets.h build-fuzz/libccsim.a
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g $(WARN) -fsanitize=fuzzer $(FUZZ_SAN) \
	    -Iinclude $(PKG_CFLAGS) -o $@ $< build-fuzz/libccsim.a $(LDLIBS_ALL)

# clang and libFuzzer's runtime, installed only for make fuzz.
fuzz-deps:
	@if command -v $(FUZZ_CC) >/dev/null 2>&1 && \
	    echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { (void)d; (void)n; return 0; }' | \
	    $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1; then \
	    SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    echo "ccsim: installing $(FUZZ_DEB)"; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(FUZZ_DEB); \
	else \
	    echo "ccsim: make fuzz needs clang with libFuzzer; please install: $(FUZZ_DEB) (Debian names)" >&2; exit 1; \
	fi

# ---- install ----------------------------------------------------------------

SCENARIO_FILES := $(sort $(shell find scenarios -type f))
DOC_FILES      := README.md $(sort $(wildcard docs/*.md))
EXAMPLE_SRC    := $(sort $(wildcard examples/*.c))

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
	    $(DESTDIR)$(INCLUDEDIR)/ccsim $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(SCENARIODIR) $(DESTDIR)$(DOCDIR)/examples
	$(INSTALL) -m 755 $(CCSIM) $(DESTDIR)$(BINDIR)/ccsim
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libccsim.a
	$(INSTALL) -m 755 $(SOLIB) $(DESTDIR)$(LIBDIR)/$(SOFILE)
	ln -sf $(SOFILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libccsim.so
	$(INSTALL) -m 644 $(PCFILE) $(DESTDIR)$(PKGCONFIGDIR)/ccsim.pc
	$(INSTALL) -m 644 $(PUBLIC_HDR) $(DESTDIR)$(INCLUDEDIR)/ccsim/
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	$(INSTALL) -m 644 $(COMPLETION) $(DESTDIR)$(BASHCOMPDIR)/ccsim
	@set -e; for f in $(SCENARIO_FILES); do \
	    d=$(DESTDIR)$(SCENARIODIR)/$${f#scenarios/}; $(INSTALL) -d $${d%/*}; \
	    $(INSTALL) -m 644 $$f $$d; done
	$(INSTALL) -m 644 $(DOC_FILES) $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -m 644 $(EXAMPLE_SRC) $(DESTDIR)$(DOCDIR)/examples/
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" -eq 0 ] && command -v ldconfig >/dev/null; then \
	    ldconfig; fi

# Removes the files install wrote and the directories that are ccsim's own.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ccsim $(DESTDIR)$(LIBDIR)/libccsim.a \
	    $(DESTDIR)$(LIBDIR)/libccsim.so $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/$(SOFILE) $(DESTDIR)$(PKGCONFIGDIR)/ccsim.pc \
	    $(MAN1:$(BUILD)/man/%=$(DESTDIR)$(MANDIR)/man1/%) \
	    $(MAN5:$(BUILD)/man/%=$(DESTDIR)$(MANDIR)/man5/%) $(DESTDIR)$(BASHCOMPDIR)/ccsim
	rm -rf $(DESTDIR)$(INCLUDEDIR)/ccsim $(DESTDIR)$(SCENARIODIR) $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(DATADIR)/ccsim 2>/dev/null

# The examples, built as a user would: against the installed library, found
# by pkg-config (PKG_CONFIG_PATH / PKG_CONFIG_SYSROOT_DIR for a staged tree);
# nothing from the source tree's include/ or build/.
EXAMPLES_OUT ?= $(BUILD)/examples
examples:
	@pkg-config --exists ccsim || { echo "make examples: pkg-config finds no ccsim;" \
	    "run make install first (or set PKG_CONFIG_PATH)" >&2; exit 1; }
	@mkdir -p $(EXAMPLES_OUT)
	@set -e; for f in $(EXAMPLE_SRC); do \
	    o=$(EXAMPLES_OUT)/$$(basename $$f .c); \
	    echo "$(CC) -std=c11 $(WARN) $$(pkg-config --cflags ccsim) -o $$o $$f $$(pkg-config --libs ccsim)"; \
	    $(CC) -std=c11 $(WARN) $(CFLAGS) $$(pkg-config --cflags ccsim) -o $$o $$f \
	        $$(pkg-config --libs ccsim) $(LDFLAGS); done

# ---- the Debian package ------------------------------------------------------

# Built in its own directory with PREFIX=/usr and the multiarch libdir, so
# that it never mixes with a /usr/local build; dependencies are computed by
# dpkg-shlibdeps from the binaries' NEEDED libraries (debian/deb.sh).
DEB_ARCH    = $(shell dpkg --print-architecture 2>/dev/null)
DEB_VERSION = $(shell head -n 1 debian/changelog | tr -d '()' | awk '{print $$2}')
DEB         = $(BUILD)/ccsim_$(DEB_VERSION)_$(DEB_ARCH).deb

deb: deps
	@command -v dpkg-deb >/dev/null || { echo "make deb: dpkg-deb not found (Debian package" \
	    "dpkg); it builds the .deb" >&2; exit 1; }
	@case "$(DEB_VERSION)" in $(VERSION)-*) ;; *) echo "make deb: debian/changelog's version" \
	    "'$(DEB_VERSION)' is not $(VERSION)-<revision>: add a changelog entry" >&2; exit 1;; esac
	BUILD=$(BUILD) VERSION=$(VERSION) DEB_VERSION=$(DEB_VERSION) DEB_ARCH=$(DEB_ARCH) \
	    MAKE="$(MAKE)" debian/deb.sh $(DEB)

# ---- tests beyond the Check suites (make check) -------------------------------

install-check: all
	BUILD=$(BUILD) BIN=$(BIN) MAKE="$(MAKE)" tests/install.sh

deb-check:
	BUILD=$(BUILD) MAKE="$(MAKE)" tests/deb.sh

clean:
	rm -rf build build-san build-fuzz build-cov bin

-include $(LIB_OBJ:.o=.d) $(PIC_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BENCH_OBJ:.o=.d) $(BUILD)/mpi/main.d
