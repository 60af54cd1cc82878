# zhitu — see README.md.  `make` installs missing Debian packages, then
# builds ./zhitu and libzhitu.a; `make test` runs every test; `make demo`
# imports the bundled sample issue and answers analyst questions.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
BUILD   ?= build
# Where the program and library go: the repository root normally, the
# build directory for the sanitizer and fuzzing builds (so those never
# overwrite ./zhitu).  Tests run $(ZHITU_BIN) through $$ZHITU.
ZHITU_BIN ?= zhitu
LIBZHITU  ?= libzhitu.a

DEPS_PKGS  = gcc make pkg-config liblmdb-dev bison flex libutf8proc-dev check libedit-dev libxxhash-dev
TEST_PKGS  = tmux python3 valgrind
BENCH_PKGS = libsqlite3-dev gnuplot-nox
# node and npm: Debian's packages, unless a node with its own npm is there
# (NodeSource's nodejs bundles npm and conflicts with Debian's npm package)
NODE_PKGS  = nodejs npm
FUZZ_PKGS  = clang libclang-rt-14-dev

PKGS    = lmdb libutf8proc libedit libxxhash
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. -I$(BUILD)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -pthread
WERROR  ?= -Werror
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lm -pthread

LIB_SRC  = $(wildcard store/*.c query/*.c import/*.c grammar/*.c)
CLI_SRC  = $(wildcard cli/*.c)
GRAMMAR  = $(wildcard grammar/parser.y)
GEN_OBJ  = $(if $(GRAMMAR),$(BUILD)/parser.o $(BUILD)/lexer.o)
GEN_HDR  = $(if $(GRAMMAR),$(BUILD)/parser.h $(BUILD)/lexer.h)
DATA     = $(sort $(wildcard data/*.tsv data/*.txt))

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_OBJ) $(BUILD)/embedded_data.o
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps test test-asan bench demo install clean fuzz
all: $(BUILD)/.deps $(ZHITU_BIN) $(LIBZHITU)

# Install what a fresh Debian machine lacks, once.
$(BUILD)/.deps: scripts/install-deps.sh
	@mkdir -p $(BUILD)
	@scripts/install-deps.sh $(DEPS_PKGS)
	@touch $@
deps: $(BUILD)/.deps

$(BUILD)/parser.c $(BUILD)/parser.h: grammar/parser.y | $(BUILD)/.deps
	@mkdir -p $(BUILD)
	bison -Wall -Werror --defines=$(BUILD)/parser.h -o $(BUILD)/parser.c $<

$(BUILD)/lexer.c $(BUILD)/lexer.h: grammar/lexer.l $(BUILD)/parser.h
	flex --header-file=$(BUILD)/lexer.h -o $(BUILD)/lexer.c $<

# Generated code is compiled without -Werror (flex/bison output is not ours).
$(BUILD)/parser.o: $(BUILD)/parser.c $(BUILD)/lexer.h
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -Wno-unused-function -c -o $@ $<
$(BUILD)/lexer.o: $(BUILD)/lexer.c $(BUILD)/parser.h
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -Wno-unused-function -Wno-sign-compare -c -o $@ $<

$(BUILD)/embedded_data.S: scripts/embed.sh $(DATA)
	@mkdir -p $(BUILD)
	scripts/embed.sh $@ $(abspath $(DATA))
$(BUILD)/embedded_data.o: $(BUILD)/embedded_data.S
	$(CC) -c -o $@ $<

$(BUILD)/%.o: %.c | $(BUILD)/.deps $(GEN_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WERROR) -MMD -MP -c -o $@ $<

$(LIBZHITU): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(ZHITU_BIN): $(CLI_OBJ) $(LIBZHITU)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBZHITU) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIBZHITU)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(shell pkg-config --cflags check) $(CFLAGS) $(WERROR) \
	  -o $@ $< $(LIBZHITU) $(shell pkg-config --libs check) $(LDLIBS)

# Each fuzz target also builds as a plain program that runs the inputs
# named on its command line once (tests/fuzz/standalone.c), so the seed
# and regression inputs run in every `make test`.
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_RUN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzzrun/%)
$(BUILD)/fuzzrun/%: tests/fuzz/%.c tests/fuzz/standalone.c $(LIBZHITU)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WERROR) -o $@ $< tests/fuzz/standalone.c \
	  $(LIBZHITU) $(LDLIBS)

test: all $(UNIT_BIN) $(FUZZ_RUN)
	@scripts/install-deps.sh $(TEST_PKGS)
	@ZHITU=$(abspath $(ZHITU_BIN)) tests/run.sh $(BUILD)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer,
# built apart in build-asan (CFLAGS through the environment so that the
# Makefile's own -std/-W flags are still appended; warnings are not errors
# here, as -O1 and the sanitizers make gcc warn differently — the normal
# build enforces them).  Any sanitizer report fails the test that
# triggered it.
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_ENV   = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 ZHITU_SANITIZED=1
test-asan:
	CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" $(SAN_ENV) $(MAKE) BUILD=build-asan WERROR= \
	  ZHITU_BIN=build-asan/zhitu LIBZHITU=build-asan/libzhitu.a test

# libFuzzer targets (clang), built apart in build-fuzz; scripts/fuzz.sh
# runs each for FUZZ_SECONDS from its seed corpus (tests/fuzz/NAME/seed).
FUZZ_SECONDS ?= 60
FUZZ_BUILD = build-fuzz
fuzz:
	@scripts/install-deps.sh $(FUZZ_PKGS)
	CFLAGS="-O1 -g $(SAN_FLAGS) -fsanitize=fuzzer-no-link" $(MAKE) CC=clang WERROR= BUILD=$(FUZZ_BUILD) \
	  LIBZHITU=$(FUZZ_BUILD)/libzhitu.a $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/fuzz/%)
	scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)
$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIBZHITU)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIBZHITU) $(LDLIBS)

demo: all
	@scripts/demo.sh

bench: all
	@scripts/install-deps.sh $(BENCH_PKGS)
	@command -v npm >/dev/null 2>&1 || scripts/install-deps.sh $(NODE_PKGS)
	@$(MAKE) -s -C bench

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/zhitu/store $(DESTDIR)$(PREFIX)/include/zhitu/query
	install -m 755 zhitu $(DESTDIR)$(PREFIX)/bin/zhitu
	install -m 644 libzhitu.a $(DESTDIR)$(PREFIX)/lib/libzhitu.a
	install -m 644 store/*.h $(DESTDIR)$(PREFIX)/include/zhitu/store/
	install -m 644 query/*.h $(DESTDIR)$(PREFIX)/include/zhitu/query/

clean:
	rm -rf build build-asan build-fuzz zhitu libzhitu.a

-include $(wildcard $(BUILD)/*/*.d $(BUILD)/*/*/*.d)
