# relata - plain GNU make, every output under build/.
#   make            optimised server at build/relata (from build/release)
#   make test       builds (MODE, default release) and runs every test
#   make asan       the tests under AddressSanitizer + UBSan (build/asan)
#   make debug      unoptimised build with assertions in build/debug
#   make help       this list
MODE   ?= release
BUILD  := build/$(MODE)
ifeq ($(origin CC),default)
  CC := gcc
endif
PKGS   := libmicrohttpd sqlite3 libpq jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_BASE := -std=gnu11 -Wall -Wextra -Isrc -MMD -MP -pthread $(PKG_CFLAGS)
LDLIBS := $(PKG_LIBS) -lwslay -lpthread -lm

ifeq ($(MODE),asan)
  CFLAGS  := $(CFLAGS_BASE) -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -DRELATA_TEST_HOOKS
  LDFLAGS := -fsanitize=address,undefined -pthread
else ifeq ($(MODE),release)
  CFLAGS  := $(CFLAGS_BASE) -O2 -g -DNDEBUG -DRELATA_TEST_HOOKS
  LDFLAGS := -pthread
else
  CFLAGS  := $(CFLAGS_BASE) -O0 -g3 -DRELATA_TEST_HOOKS
  LDFLAGS := -pthread
endif

SRCS      := $(sort $(wildcard src/*/*.c))
OBJS      := $(patsubst %.c,$(BUILD)/%.o,$(SRCS))
TEST_SRCS := $(sort $(wildcard tests/unit/*/*_test.c))
TEST_BINS := $(patsubst %.c,$(BUILD)/%,$(TEST_SRCS))
TOOL_SRCS := $(sort $(wildcard tests/bench/*.c))
TOOL_BINS := $(patsubst %.c,$(BUILD)/%,$(TOOL_SRCS))
SHARED    ?= ../shared

.PHONY: all relata debug release asan test unit e2e conformance help clean tools deps
all: relata

relata: $(BUILD)/relata
ifeq ($(MODE),release)
	@cp $(BUILD)/relata build/relata
endif

$(BUILD)/relata: $(BUILD)/src/main.o $(BUILD)/librelata.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/librelata.a: $(OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/src/main.o: src/main.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/tests/%: tests/%.c $(BUILD)/librelata.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Itests/unit -Itests $< $(BUILD)/librelata.a $(LDFLAGS) $(LDLIBS) -o $@

tools: $(TOOL_BINS)

debug:
	$(MAKE) MODE=debug relata
release:
	$(MAKE) MODE=release relata

# Every test: unit binaries (one process each), then the end-to-end suites, then the
# public conformance suite and the project's own cases (tests/conformance), all against
# $(BUILD)/relata.
test: relata $(TEST_BINS) $(TOOL_BINS)
	@tests/run-all.sh $(BUILD) $(SHARED)

unit: $(TEST_BINS)
	@tests/run-unit.sh $(BUILD)

e2e: relata
	@tests/run-e2e.sh $(BUILD) $(SHARED)

conformance: relata
	node $(SHARED)/conformance/run.mjs --jobs 2 --bin $(BUILD)/relata $(SHARED)/conformance/cases \
		tests/conformance

asan:
	$(MAKE) MODE=asan test

deps:
	scripts/install-deps.sh

clean:
	rm -rf build

help:
	@sed -n '2,7p' Makefile | sed 's/^# *//'

# Benchmark (bench/, README "Benchmark"): optimised build, generated dataset imported
# into a fresh SQLite file, every answer checked against the oracle, then wrk.
#   make bench [SCALE=1] [VS=yoga|postgraphile] [ROUNDS=1] [DURATION=10] [WARMUP=3]
#              [OPS="Q1 Q2 .."] [CONC="16 64"]
#   make bench-smoke    scale 0.1: import + every answer equal to the oracle (CI)
SCALE      ?= 1
VS         ?=
ROUNDS     ?= 1
DURATION   ?= 10
WARMUP     ?= 3
OPS        ?=
CONC       ?= 16 64
BENCH_WORK ?= /tmp/relata-bench-make
.PHONY: bench bench-smoke

bench:
	scripts/install-deps.sh --build
	$(MAKE) MODE=release relata
	WORK=$(BENCH_WORK) SHARED=$(SHARED) bench/setup.sh $(VS)
	python3 bench/bench.py --shared $(SHARED) --work $(BENCH_WORK) --bin build/relata --scale $(SCALE) \
	  --vs "$(VS)" --rounds $(ROUNDS) --duration $(DURATION) --warmup $(WARMUP) --ops "$(OPS)" --conc "$(CONC)"

bench-smoke:
	scripts/install-deps.sh --build
	$(MAKE) MODE=release relata
	WORK=$(BENCH_WORK) SHARED=$(SHARED) bench/setup.sh --smoke
	python3 bench/oracle_test.py
	python3 bench/bench.py --smoke --shared $(SHARED) --work $(BENCH_WORK) --bin build/relata --scale 0.1

-include $(OBJS:.o=.d) $(BUILD)/src/main.d $(TEST_BINS:=.d)

# Fuzzing (tests/fuzz/, see tests/fuzz/README): every src/*/*.c compiled with clang for
# libFuzzer + ASan + UBSan into build/fuzz/, one binary per tests/fuzz/fuzz_*.c, and a
# seed corpus per target under build/fuzz/corpus/.
#   make fuzz                               build the targets and the seed corpora
#   make fuzz-run FUZZ=fuzz_request TIME=300   run one target (one job) for TIME seconds
FUZZ_CC     ?= clang
FUZZ_BUILD  := build/fuzz
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Isrc -pthread $(PKG_CFLAGS) -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -DRELATA_TEST_HOOKS
FUZZ_OBJS   := $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(SRCS))
FUZZ_SRCS   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS   := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(FUZZ_SRCS))
FUZZ        ?= fuzz_request
TIME        ?= 300
.PHONY: fuzz fuzz-run

fuzz: $(FUZZ_BINS)
	node tests/fuzz/seeds.mjs $(SHARED) $(FUZZ_BUILD)/corpus

$(FUZZ_BUILD)/librelata.a: $(FUZZ_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_BUILD)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_BUILD)/librelata.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_BUILD)/librelata.a $(LDLIBS) -o $@

fuzz-run: fuzz
	@mkdir -p $(FUZZ_BUILD)/found/$(FUZZ)
	RELATA_SHARED=$(SHARED) $(FUZZ_BUILD)/$(FUZZ) -max_total_time=$(TIME) \
		-timeout=10 -rss_limit_mb=2048 -max_len=8192 -artifact_prefix=$(FUZZ_BUILD)/found/$(FUZZ)/ \
		$$(test -f tests/fuzz/$(FUZZ).dict && echo -dict=tests/fuzz/$(FUZZ).dict) \
		$(FUZZ_BUILD)/corpus/$(FUZZ)
