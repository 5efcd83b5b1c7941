# setara: plain make.  The user's CFLAGS come first, then ours.
#   make            libsetara.a and setara
#   make check      install what is missing, build, run every test tier
#   make demo       run every job on the shipped data
#   make check-full the same with the full fault-injection loops
#   make asan       the tests under AddressSanitizer + UBSan
#   make coverage   line coverage per component (gcov), in build-cov/
#   make valgrind   the tests under valgrind
#   make fuzz       the fuzz targets built for libFuzzer (clang), in build-fuzz/
#   make bench      throughput against raw OpenSSL rates
#   make install    PREFIX, DESTDIR, BINDIR, LIBDIR, INCDIR, MANDIR, DATADIR

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/setara

CC ?= cc
CFLAGS ?= -O2 -g
BUILD ?= build
BIN ?= setara
LIB ?= libsetara.a

PKGS = libxml-2.0 libxslt xmlsec1-openssl openssl sqlite3 zlib libqrencode \
	jansson libmicrohttpd libpq
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

ALL_CFLAGS = $(CFLAGS) -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE \
	-Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
	-Wno-deprecated-declarations \
	-Iinclude -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) \
	-DSETARA_DATADIR=\"$(DATADIR)\" -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) -pthread

LIB_SRC = $(sort $(wildcard src/*.c) \
	$(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC = $(sort $(wildcard src/cli/*.c))
RES = $(sort $(wildcard src/*/*.xsd src/*/*.xsl src/*/*/*.xsd src/*/*/*.xsl) \
	src/cred/render-labels.xml)
# The JSON-LD contexts of credentials (src/vc/contexts.c pins each one):
# compiled into the library and installed with the data.
CTX = $(sort $(wildcard contexts/*.json contexts/*.jsonld))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/check_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC = $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN = $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)
BENCH_SRC = $(sort $(wildcard bench/bench_*.c))
BENCH_BIN = $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

# V=1 shows the full commands.
V ?= 0
ifeq ($(V),0)
Q = @
say = @printf '  %-6s %s\n' $(1) $(2);
else
Q =
say =
endif

all: $(LIB) $(BIN)

$(BUILD)/gen/embedded.c: $(RES) $(CTX) src/embed.sh
	@mkdir -p $(@D)
	$(call say,GEN,$@)sh src/embed.sh $@ $(RES) $(CTX)

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	$(call say,AR,$@)ar rcs $@ $(LIB_OBJ)

$(BIN): $(CLI_OBJ) $(LIB)
	$(call say,LD,$@)$(CC) $(CFLAGS) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check_common.h $(LIB)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(ALL_CFLAGS) -Itests/unit $(CHECK_CFLAGS) $(ALL_LDFLAGS) \
		-o $@ $< $(LIB) $(PKG_LIBS) $(CHECK_LIBS)

# The fuzz targets' main: one that replays files, or libFuzzer's (make fuzz).
FUZZ_MAIN = fuzz/standalone.c
$(BUILD)/fuzz/%: fuzz/%.c $(FUZZ_MAIN) $(LIB)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(FUZZ_MAIN) \
		$(LIB) $(PKG_LIBS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# ---- tests -------------------------------------------------------------

deps:
	@sh tests/deps.sh

check test: deps
	@$(MAKE) --no-print-directory check-run

check-run: all headertest checksrc layers fuzz-replay unit e2e pg

unit: $(UNIT_BIN)
	@sh tests/unit/run.sh $(UNIT_BIN)

e2e: $(BIN)
	@sh tests/e2e/run.sh $(BIN)

# The register on PostgreSQL: a throwaway server, the register's unit
# tests and cases against it (tests/pg/run.sh).
pg: $(BIN) $(BUILD)/tests/check_register $(BUILD)/tests/check_load \
		$(BUILD)/tests/check_cred
	@sh tests/pg/run.sh $(BIN) $(BUILD)/tests

# The components depend one way; a back edge fails (tests/layers.sh).
layers: $(LIB)
	@sh tests/layers.sh $(BUILD)

fuzz-replay: $(FUZZ_BIN)
	@sh fuzz/replay.sh $(FUZZ_BIN)

headertest:
	@mkdir -p $(BUILD)
	@printf '#include "setara.h"\nint main(void) { return setara_version() == 0; }\n' > $(BUILD)/headertest.c
	$(Q)$(CC) -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude \
		-c -o $(BUILD)/headertest.o $(BUILD)/headertest.c
	@echo "headertest: setara.h compiles alone with -std=c99 -pedantic"

# SETARA_TEST_TIER is read by the tests only (tests/unit/check_fault.c):
# quick by default, full here.
check-full: deps
	@SETARA_TEST_TIER=full $(MAKE) --no-print-directory check-run

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
asan: deps
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/setara \
		LIB=build-asan/libsetara.a CFLAGS="$(ASAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" check-run

# Line coverage per component (gcc --coverage and gcov), then the hits of
# the store's error paths: tests/coverage.sh.  COVERAGE_TIER=full runs the
# full fault-injection loops.
COV_FLAGS = -O0 -g --coverage
coverage: deps
	@rm -rf build-cov
	@SETARA_TEST_TIER=$(COVERAGE_TIER) $(MAKE) --no-print-directory \
		BUILD=build-cov BIN=build-cov/setara LIB=build-cov/libsetara.a \
		CFLAGS="$(COV_FLAGS)" LDFLAGS="--coverage" check-run || true
	@sh tests/coverage.sh build-cov

# Fuzzing: build-fuzz/fuzz/fuzz_NAME fuzz/corpus/fuzz_NAME (see fuzz/README).
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-omit-frame-pointer -DSETARA_RECORDS_FEED=13
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz BIN=build-fuzz/setara \
		LIB=build-fuzz/libsetara.a CC=clang CFLAGS="$(FUZZ_FLAGS)" \
		LDFLAGS="-fsanitize=fuzzer,address,undefined" FUZZ_MAIN= \
		$(FUZZ_SRC:fuzz/%.c=build-fuzz/fuzz/%)

valgrind: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@CK_FORK=no SETARA_VALGRIND=1 sh tests/unit/run.sh $(UNIT_BIN)
	@SETARA_VALGRIND=1 sh tests/e2e/run.sh $(BIN)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh examples/demo.sh ./$(BIN)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@BENCH_BIN_DIR=$(BUILD)/bench sh bench/run.sh ./$(BIN)

checksrc:
	@sh tests/checksrc.sh

# ---- install -------------------------------------------------------------

# setara.pc names the paths the install writes to (without DESTDIR).
VERSION = $(shell sed -n 's/^\#define SETARA_VERSION "\(.*\)"/\1/p' \
	include/setara/common.h)
$(BUILD)/setara.pc: setara.pc.in include/setara/common.h FORCE
	@mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCDIR@|$(INCDIR)|' -e 's|@DATADIR@|$(DATADIR)|' \
		-e 's|@VERSION@|$(VERSION)|' setara.pc.in > $@.tmp && \
		mv $@.tmp $@

# install-files installs what is built: the e2e test of the install uses it
# with BIN and LIB of the build under test.
install: all
	@$(MAKE) --no-print-directory install-files

install-files: $(BUILD)/setara.pc
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(INCDIR)/setara $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)
	cp $(BUILD)/setara.pc $(DESTDIR)$(LIBDIR)/pkgconfig/setara.pc
	cp $(BIN) $(DESTDIR)$(BINDIR)/setara
	cp $(LIB) $(DESTDIR)$(LIBDIR)/libsetara.a
	cp include/setara.h $(DESTDIR)$(INCDIR)/setara.h
	cp include/setara/*.h $(DESTDIR)$(INCDIR)/setara/
	cp docs/setara.1 $(DESTDIR)$(MANDIR)/man1/setara.1
	cp -R frameworks mappings certs contexts $(DESTDIR)$(DATADIR)/
	mkdir -p $(DESTDIR)$(DATADIR)/schemas
	for f in $(RES); do cp $$f $(DESTDIR)$(DATADIR)/schemas/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/setara $(DESTDIR)$(LIBDIR)/libsetara.a \
		$(DESTDIR)$(LIBDIR)/pkgconfig/setara.pc \
		$(DESTDIR)$(INCDIR)/setara.h $(DESTDIR)$(MANDIR)/man1/setara.1
	rm -rf $(DESTDIR)$(INCDIR)/setara $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz build-cov setara libsetara.a demo-out bench-out

.PHONY: all deps check test check-run check-full unit e2e pg layers fuzz-replay \
	headertest asan coverage fuzz valgrind demo bench checksrc install \
	install-files uninstall clean FORCE
FORCE:
