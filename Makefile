# Builds the solver library, the `sourcing` tool, the tests and the benchmarks.
#   make            build everything into build/
#   make run        install what is missing, build, start the server on loopback
#   make test       install what is missing, build, run every test
#   make asan       the tests under AddressSanitizer + UBSan (build-asan/)
#   make tsan       the server tests under ThreadSanitizer (build-thread/)
#   make valgrind   the solver tests under valgrind
#   make fuzz       the libFuzzer targets of fuzz/ (clang, ASan + UBSan, build-fuzz/), FUZZ_SECONDS
#                   each (default 30), from seeds made from instances/; a finding fails (fuzz/run.sh)
#   make soak       32 connections of mixed and hostile traffic for SOAK_SECONDS (default 600),
#                   then SIGTERM; fails on a lost or duplicated answer (bench/soak.c)
#   make bench      benchmarks (bench/run.sh): prints medians, writes build/bench/results.csv and
#                   draws gnuplot charts (build/bench/*.png)
#   make regress    solve every canonical instance and compare with its known optimum
#   make compare    our solver against glpsol and cbc on the same batches and time limits
#                   (bench/compare.sh; `make compare QUICK=1` takes a few minutes)
#   make install    the tool, the libraries, headers, pkg-config file and man pages under
#                   $(DESTDIR)$(PREFIX) (PREFIX=/usr/local by default)

SAN ?=
ifeq ($(SAN),)
BUILD ?= build
SANFLAGS :=
else
BUILD ?= build-$(SAN)
SANFLAGS := -fsanitize=$(SAN) -fno-omit-frame-pointer
endif

CC ?= cc
PKGS := jansson libprotobuf-c libevent libevent_pthreads libnghttp2 libevent_openssl openssl
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wno-format-truncation $(SANFLAGS)
# clang (make fuzz) knows no -Wformat-truncation: let it ignore the option rather than fail on it.
ifneq ($(findstring clang,$(CC)),)
CFLAGS += -Wno-unknown-warning-option
endif
# Include paths are the layering: the CLI and the server see only the solver's public headers
# (solver/include); the solver's own folders see each other; tests and benchmarks see everything.
SOLVER_DIRS := $(sort $(dir $(wildcard solver/*/*.c solver/*/*.h)))
SERVER_DIRS := $(sort $(dir $(wildcard server/*.c server/*/*.c)))
PUBLIC_INC := -Isolver/include
SOLVER_INC := $(patsubst %/,-I%,$(SOLVER_DIRS))
SERVER_INC := $(patsubst %/,-I%,$(SERVER_DIRS))
CPPFLAGS += -I$(BUILD)/gen $(PUBLIC_INC) $(PKG_CFLAGS) -MMD -MP
LDLIBS = $(PKG_LIBS) -lglpk -lpthread -lm
LDFLAGS += $(SANFLAGS)

PROTOS := $(wildcard proto/*.proto)
GEN_C := $(patsubst proto/%.proto,$(BUILD)/gen/%.pb-c.c,$(PROTOS))
GEN_H := $(GEN_C:.c=.h)
SOLVER_SRC := $(wildcard solver/*/*.c)
SERVER_SRC := $(wildcard server/*.c server/*/*.c)
CLI_SRC := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_HELPERS := $(filter-out $(TEST_SRC),$(wildcard tests/*.c))
BENCH_SRC := $(wildcard bench/*.c)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
LIB := $(BUILD)/libsourcing.a
SERVER_LIB := $(BUILD)/libsourcing_server.a
CLIENT_LIB := $(BUILD)/libsourcing_client.a
CLI := $(BUILD)/sourcing
TESTS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
BENCHES := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))

.SECONDARY:
.PHONY: all deps run test asan tsan valgrind fuzz fuzz-targets bench regress compare clean install soak
all: $(CLI) $(CLIENT_LIB) $(TESTS) $(BENCHES)

deps:
	@./scripts/install-deps.sh

$(BUILD)/gen/%.pb-c.c $(BUILD)/gen/%.pb-c.h: proto/%.proto
	@mkdir -p $(BUILD)/gen
	protoc-c --c_out=$(BUILD)/gen -Iproto $<

$(BUILD)/obj/$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-parameter -c $< -o $@

$(BUILD)/obj/solver/%.o: CPPFLAGS += $(SOLVER_INC)
# server/wire/ is the server's bottom layer: it sees only itself, not the server proper (the more
# specific pattern's SERVER_SEES wins).
$(BUILD)/obj/server/%.o: SERVER_SEES = $(SERVER_INC)
$(BUILD)/obj/server/wire/%.o: SERVER_SEES = -Iserver/wire
$(BUILD)/obj/server/%.o: CPPFLAGS += $(SERVER_SEES)
$(BUILD)/obj/cli/%.o: CPPFLAGS += $(SERVER_INC)
$(BUILD)/obj/tests/%.o $(BUILD)/obj/bench/%.o $(BUILD)/obj/fuzz/%.o: CPPFLAGS += $(SOLVER_INC) $(SERVER_INC)

$(BUILD)/obj/%.o: %.c | $(GEN_H)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(call obj,$(SOLVER_SRC) $(GEN_C))
	$(AR) rcs $@ $^

$(SERVER_LIB): $(call obj,$(SERVER_SRC))
	$(AR) rcs $@ $^

# The C client library alone (server/wire): what `make install` ships with sourcing-client.pc.
$(CLIENT_LIB): $(call obj,$(wildcard server/wire/*.c))
	$(AR) rcs $@ $^

$(CLI): $(call obj,$(CLI_SRC)) $(SERVER_LIB) $(LIB)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(call obj,$(TEST_HELPERS)) $(SERVER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(SERVER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

# bench_rpc (framed vs gRPC load) has its parts in bench/rpc/: this rule wins over the pattern.
$(BUILD)/bench/bench_rpc: $(BUILD)/obj/bench/bench_rpc.o $(call obj,$(wildcard bench/rpc/*.c)) $(SERVER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

run: deps
	@$(MAKE) --no-print-directory $(CLI)
	./scripts/run-server.sh $(CLI)

test: deps
	@$(MAKE) --no-print-directory all
	BUILD=$(BUILD) ./tests/run.sh

# SAN goes to the tests too: a test that runs make (t_install_client) must build with the same
# flags, or it relinks the sanitized objects without the sanitizer and loses the binaries.
asan: deps
	@$(MAKE) --no-print-directory SAN=address,undefined all
	SAN=address,undefined ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		BUILD=build-address,undefined ./tests/run.sh

tsan: deps
	@$(MAKE) --no-print-directory SAN=thread all
	SAN=thread BUILD=build-thread TSAN_OPTIONS=halt_on_error=1 ./tests/run.sh server

# The fuzz build: every object instrumented for coverage (fuzzer-no-link) and ASan + UBSan; only the
# targets link libFuzzer's main. make_seeds is an ordinary program of that build.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS = $(patsubst fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard fuzz/fuzz_*.c))
fuzz: deps
	@$(MAKE) --no-print-directory CC=clang SAN=fuzzer-no-link,address,undefined BUILD=build-fuzz fuzz-targets
	BUILD=build-fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) ./fuzz/run.sh

fuzz-targets: $(FUZZ_TARGETS) $(BUILD)/fuzz/make_seeds

$(BUILD)/fuzz/make_seeds: $(BUILD)/obj/fuzz/make_seeds.o $(SERVER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/fuzz/fuzz_%: $(BUILD)/obj/fuzz/fuzz_%.o $(SERVER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer $^ $(LDLIBS) -o $@

valgrind: deps
	@$(MAKE) --no-print-directory all
	BUILD=$(BUILD) VALGRIND=1 ./tests/run.sh solver

bench: deps
	@$(MAKE) --no-print-directory all
	BUILD=$(BUILD) ./bench/run.sh

regress: deps
	@$(MAKE) --no-print-directory $(CLI)
	BUILD=$(BUILD) ./tests/regress.sh

compare: deps
	@$(MAKE) --no-print-directory $(CLI)
	BUILD=$(BUILD) ./bench/compare.sh

PREFIX ?= /usr/local
DESTDIR ?=
VERSION := $(shell sed -n 's/^\#define SRC_VERSION "\(.*\)"/\1/p' solver/include/sourcing.h)
INSTALL_HEADERS := $(wildcard solver/include/*.h) server/wire/client.h server/wire/tls_client.h $(GEN_H)
MAN_PAGES := $(wildcard man/*.1)

# Headers go to include/sourcing/ (the client's #include "client.h" finds its neighbours there);
# the .pc file gets the real prefix here, the only place that knows it.
install: $(CLI) $(LIB) $(CLIENT_LIB)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/include/sourcing $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/sourcing
	install -m 644 $(LIB) $(CLIENT_LIB) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 $(INSTALL_HEADERS) $(DESTDIR)$(PREFIX)/include/sourcing/
	install -m 644 $(MAN_PAGES) $(DESTDIR)$(PREFIX)/share/man/man1/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' scripts/sourcing-client.pc.in \
		>$(DESTDIR)$(PREFIX)/lib/pkgconfig/sourcing-client.pc

clean:
	rm -rf build build-*

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# The soak (bench/soak.c): 32 connections of mixed valid and hostile traffic on loopback for
# SOAK_SECONDS (default 600), then SIGTERM; fails on any lost or duplicated answer, a wrong
# status, the server's RSS growing over 10% or an unclean exit.
SOAK_SECONDS ?= 600
soak: deps
	@$(MAKE) --no-print-directory all
	BUILD=$(BUILD) $(BUILD)/bench/soak --seconds $(SOAK_SECONDS)
