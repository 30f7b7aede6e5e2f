# psirt — build, test, run. See README.md; `make help` lists the targets.
#
# Sources are found by name, so a new module needs no edit here:
#   src/<module>/*.c      the library (everything but src/cli/)
#   src/cli/cmd_<x>.c     one CLI command each; the command table is generated
#   tests/<m>/test_*.c    one cmocka program each, linked with tests/support/
#   fuzz/fuzz_<x>.c       one libFuzzer target each, corpus in fuzz/corpus/<x>/
#   bench/bench_*.c       benchmark programs, run by `make bench`

.DEFAULT_GOAL := all
SHELL := /bin/bash

# Debian packages the build, the tests and the tools need. `make setup` installs
# the missing ones (apt-get, through sudo when not root). chromium runs the browser
# tests (tests/e2e/); the IPA font lets its screenshots show Japanese text.
DEBS := build-essential clang libclang-rt-14-dev pkg-config \
        libjansson-dev libcmocka-dev libxml2-dev libsqlite3-dev libyajl-dev \
        libarchive-dev jq libvectorscan-dev libpcre2-dev squashfs-tools \
        libcurl4-openssl-dev libmicrohttpd-dev libsodium-dev libzstd-dev wrk \
        chromium fonts-ipafont-gothic
# Commands the tests need, as COMMAND:PACKAGE: the package is installed only when
# the command is missing (node and npm run the browser tests and the SBOM schema
# checks; a nodejs from nodesource, which bundles npm, is left as it is).
DEB_CMDS := node:nodejs npm:npm
# Libraries found with pkg-config. libzstd: a finding's evidence is stored
# compressed with a fixed dictionary (src/store/evpack.c): a fifth to a third
# of its text's bytes, in a first match bound by the bytes it writes.
PKGS := jansson libxml-2.0 sqlite3 yajl libarchive libhs libpcre2-8 libcurl libmicrohttpd \
        libsodium libzstd
TEST_PKGS := cmocka

BUILD ?= build/default
SANITIZE ?=
OPT ?= -O2
NPROC := $(shell nproc 2>/dev/null || echo 2)

WARNINGS := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wformat=2 \
            -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wwrite-strings \
            -Wundef -Wno-unused-parameter
BASE_CFLAGS := -std=c17 -g $(OPT) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               -Iinclude -Isrc $(WARNINGS)
ifneq ($(SANITIZE),)
BASE_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_LDFLAGS := -fsanitize=$(SANITIZE)
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS = $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
ALL_CFLAGS = $(BASE_CFLAGS) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN_LDFLAGS) $(LDFLAGS)
LIBS_ALL = $(PKG_LIBS) -lm -lpthread

LIB_SRC := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
CLI_CMDS := $(sort $(patsubst src/cli/cmd_%.c,%,$(wildcard src/cli/cmd_*.c)))
TEST_SRC := $(sort $(wildcard tests/*/test_*.c))
SUPPORT_SRC := $(sort $(wildcard tests/support/*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
SUPPORT_OBJ := $(SUPPORT_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
LIB := $(BUILD)/libpsirt.a
PSIRT := $(BUILD)/psirt
GEN_COMMANDS := $(BUILD)/gen/cli_commands.h

.PHONY: all setup test check lint run bench fuzz fuzzers fuzz-regress clean format help tests FORCE

all: $(PSIRT)

help:
	@echo "make setup   install missing Debian packages (apt-get; sudo when not root) and"
	@echo "             the web UI's npm packages (npm ci --prefix web, when npm is there)"
	@echo "make         build $(PSIRT)"
	@echo "make test    setup, then gcc and clang builds at -Werror, unit and CLI tests,"
	@echo "             the same under ASan+UBSan, and the fuzz corpora as regressions"
	@echo "make run     setup, build, and show psirt's findings (demo)"
	@echo "make bench   benchmarks, printing figures"
	@echo "make fuzz    run every fuzz target for FUZZ_SECONDS (default 120) each"
	@echo "make format  clang-format the C sources"

setup:
	@scripts/setup-debian.sh $(DEBS) $(DEB_CMDS)
	@scripts/setup-web.sh

# Quiet by default: one line per step; `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

# The command table: one CLI_COMMAND(x) line per src/cli/cmd_x.c, rewritten
# only when the list changes so that main.o is not rebuilt for nothing.
$(GEN_COMMANDS): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(foreach c,$(CLI_CMDS),'CLI_COMMAND($(c))') > $@.tmp
	@cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv $@.tmp $@
FORCE:

# Keep test objects between runs (they are intermediate files of a chain).
.SECONDARY:

$(BUILD)/obj/src/cli/main.o: $(GEN_COMMANDS)
# The OpenAPI document is built into the server (.incbin in openapi.c).
$(BUILD)/obj/src/server/openapi.o: src/server/openapi.json
$(BUILD)/obj/src/cli/%.o: ALL_CFLAGS += -I$(BUILD)/gen

$(PSIRT): $(CLI_OBJ) $(LIB)
	$(call say,LINK,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) $(CLI_OBJ) $(LIB) $(LIBS_ALL) -o $@

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(SUPPORT_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(call say,LINK,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) $< $(SUPPORT_OBJ) $(LIB) $(TEST_LIBS) $(LIBS_ALL) -o $@

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(call say,LINK,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS_ALL) -o $@

# the benchmarks are built too (not run): a bench that no longer compiles
# would otherwise be found only by `make bench`
tests: $(TEST_BIN) $(PSIRT) $(BENCH_BIN)

# One build variant: build everything, run the unit and CLI tests.
check: tests lint
	@scripts/run-tests.sh $(BUILD) $(TEST_BIN)

lint:
	@scripts/check-banned.sh

# gcc and clang at -Werror, then clang with ASan+UBSan; fuzz corpora replayed;
# the browser tests (tests/e2e/, skipped with a SKIP line without chromium or node).
test: setup
	@rm -f build/results.txt
	$(MAKE) --no-print-directory -j$(NPROC) check BUILD=build/gcc CC=gcc
	$(MAKE) --no-print-directory -j$(NPROC) check BUILD=build/clang CC=clang
	$(MAKE) --no-print-directory -j$(NPROC) check BUILD=build/asan CC=clang OPT=-O1 \
		SANITIZE=address,undefined
	$(MAKE) --no-print-directory fuzz-regress
	@scripts/run-e2e.sh build/gcc/psirt
	@scripts/summarise-tests.sh build/results.txt

# libFuzzer targets: the library built with coverage instrumentation and
# ASan+UBSan in build/fuzz, each target linked with -fsanitize=fuzzer.
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 120
FUZZ_MAKE := $(MAKE) --no-print-directory BUILD=build/fuzz CC=clang OPT=-O1 \
	SANITIZE=fuzzer-no-link,address,undefined

$(BUILD)/fuzz/%: fuzz/%.c $(LIB)
	@mkdir -p $(@D)
	$(call say,FUZZ,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $< $(LIB) $(LIBS_ALL) -o $@

fuzzers: $(FUZZ_BIN)

# Replays each corpus once: a crash that was found and fixed stays fixed.
fuzz-regress:
	@$(FUZZ_MAKE) fuzzers
	@scripts/fuzz.sh regress $(FUZZ_SRC:fuzz/%.c=build/fuzz/fuzz/%)

fuzz: setup
	@$(FUZZ_MAKE) fuzzers
	@scripts/fuzz.sh run $(FUZZ_SECONDS) $(FUZZ_SRC:fuzz/%.c=build/fuzz/fuzz/%)

bench: setup
	$(MAKE) --no-print-directory BUILD=build/bench-opt OPT="-O2 -DNDEBUG" \
		build/bench-opt/psirt $(BENCH_SRC:bench/%.c=build/bench-opt/bench/%)
	@scripts/bench.sh build/bench-opt

run: setup all
	@scripts/run-demo.sh $(PSIRT)

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) $(SUPPORT_SRC) $(FUZZ_SRC) \
		$(BENCH_SRC) $(wildcard include/psirt/*.h src/*/*.h tests/support/*.h)

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
