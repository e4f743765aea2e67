# doorstep — one plain Makefile: no configure step, flags from pkg-config.
#
#   make            build bin/doorstep, bin/doorstep-fetch, -process, -render
#   make demo       run the whole pipeline on the bundled demo mailbox (out/)
#   make check      every test (unit + integration); make check-asan with sanitizers
#   make deps       install the missing Debian 12 packages of DEPS_BUILD, DEPS_TEST and
#                   DEPS_LINT (apt-get, via sudo if not root); make (and demo) installs
#                   those of DEPS_BUILD only, make check those of DEPS_TEST, make lint
#                   those of DEPS_LINT; NO_DEPS=1 never runs apt-get
#   make install PREFIX=/usr/local DESTDIR=
#                   the programs, man pages, templates, example config and systemd
#                   units, as built: it never runs apt-get

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/doorstep
DESTDIR ?=

BUILD ?= build
BIN ?= bin
CC ?= cc
CFLAGS ?= -O2 -g
SAN_FLAGS =
# make V=1 shows the full commands
Q = $(if $(V),,@echo "  $(notdir $@)";)

# Debian 12 packages: to build and run (the libraries, the fonts, the time zones, the
# certificate authorities; check for the unit tests), and to test (real Dovecot, SMTP,
# poppler, mandoc; PyYAML reads docs/k8s/).
DEPS_BUILD = gcc make pkg-config libc6-dev libsqlite3-dev libetpan-dev libsasl2-modules \
	libgnutls28-dev libhpdf-dev libiniparser-dev libjansson-dev libqrencode-dev \
	libxml2-dev libicu-dev fonts-dejavu-core check libsubunit-dev ca-certificates tzdata
DEPS_TEST = sqlite3 poppler-utils dovecot-imapd python3 python3-aiosmtpd mandoc openssl \
	procps zbar-tools valgrind python3-yaml chromium
# and for make lint (run by CI).
DEPS_LINT = cppcheck clang-tidy
# and to benchmark (make bench: the peers and valgrind; bench/README.md).
DEPS_BENCH = isync maildir-utils notmuch valgrind time

PKGS = sqlite3 gnutls jansson libqrencode libxml-2.0 icu-uc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) libetpan 2>/dev/null)
# libetpan's .pc adds -specs=…no-pie-link.specs (needs libdpkg-perl, makes non-PIE
# binaries): keep only its libraries.
ETPAN_LIBS := $(filter -l%,$(shell pkg-config --libs libetpan 2>/dev/null))
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# libhpdf and iniparser ship no .pc file on Debian 12.
LIBS = $(PKG_LIBS) $(ETPAN_LIBS) -lhpdf -liniparser -lm
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

WARN = -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes -Wvla
ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARN) -DDOORSTEP_VERSION='"$(VERSION)"' \
	-DDOORSTEP_DATADIR='"$(DATADIR)"' $(INC) -I/usr/include/iniparser $(PKG_CFLAGS) \
	$(CFLAGS) $(SAN_FLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)

# Who may include whom: the sources of folder F see the headers of INC_F's folders
# only, so that a stage cannot include another stage's headers: mail/ (reading a
# message) and rules/ (what its words say) are text in, text out, without SQLite;
# render/ makes the outputs and hands mail to send/, and knows nothing of how mail is
# read. front/ (the doorstep command, which links the stages), the unit tests and the
# fuzz harnesses see everything. tests/integration/t_layout.sh reads these lines to
# check the sources' #includes (and that mail/ and rules/ never name sqlite3).
INC_lib = lib
INC_mail = lib mail
INC_rules = lib mail rules
INC_fetch = lib fetch
INC_send = lib send
INC_process = lib mail rules process
INC_render = lib send render
INC_front = lib mail rules fetch process send render front
LAYERS = lib mail rules fetch send process render front
INC = $(INC_front:%=-I%)

LIB_SRC = $(wildcard lib/*.c)
FETCH_SRC = $(wildcard fetch/*.c)
MAIL_SRC = $(wildcard mail/*.c)
RULES_SRC = $(wildcard rules/*.c)
PROCESS_SRC = $(wildcard process/*.c)
SEND_SRC = $(wildcard send/*.c)
RENDER_SRC = $(wildcard render/*.c)
FRONT_SRC = $(wildcard front/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
$(foreach d,$(LAYERS),$(eval $(call obj,$(wildcard $(d)/*.c)): INC = $(INC_$(d):%=-I%)))
LIBDOORSTEP = $(BUILD)/libdoorstep.a
PROGRAMS = $(BIN)/doorstep $(BIN)/doorstep-fetch $(BIN)/doorstep-process $(BIN)/doorstep-render
UNIT_BINS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
MANPAGES = $(wildcard docs/man/*.[15])

# make install and make uninstall alone never run apt-get (NO_DEPS): they install what
# was built, or build it with the packages already there.
ifneq ($(MAKECMDGOALS),)
ifeq ($(filter-out install uninstall,$(MAKECMDGOALS)),)
NO_DEPS = 1
endif
endif

all: $(if $(NO_DEPS),,deps-build) $(PROGRAMS)

$(BUILD)/%.o: %.c | $(if $(NO_DEPS),,deps-build)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIBDOORSTEP): $(call obj,$(LIB_SRC))
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BIN)/doorstep-fetch: $(call obj,$(FETCH_SRC)) $(LIBDOORSTEP)
$(BIN)/doorstep-process: $(call obj,$(PROCESS_SRC) $(MAIL_SRC) $(RULES_SRC)) $(LIBDOORSTEP)
$(BIN)/doorstep-render: $(call obj,$(RENDER_SRC) $(SEND_SRC)) $(LIBDOORSTEP)
$(BIN)/doorstep: $(call obj,$(FRONT_SRC) $(MAIL_SRC) $(RULES_SRC) $(SEND_SRC) \
		$(filter-out process/main.c,$(PROCESS_SRC)) $(filter-out render/main.c,$(RENDER_SRC)) \
		$(filter-out fetch/main.c,$(FETCH_SRC))) $(LIBDOORSTEP)
$(PROGRAMS):
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# Unit tests link the stages' modules too (all but their main.o).
STAGE_OBJS = $(call obj,$(MAIL_SRC) $(RULES_SRC) $(SEND_SRC) \
	$(filter-out %/main.c,$(FETCH_SRC) $(PROCESS_SRC) $(RENDER_SRC)))
$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(STAGE_OBJS) $(LIBDOORSTEP)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(CHECK_LIBS)

# Install the Debian packages that are missing; nothing at all (no apt-get, no sudo)
# when every one is there. As root apt-get runs directly, otherwise through $(SUDO).
# Services the packages bring (Dovecot) are not started: a policy-rc.d that says no is
# put in place for the install, unless there is one already, and removed after it,
# however apt-get ends. apt-get waits up to 10 minutes for the dpkg lock (a fresh
# machine's unattended-upgrades). POLICY_RC_D is a variable so that the test
# (tests/integration/t_deps.sh) never writes the real one.
SUDO ?= sudo
POLICY_RC_D ?= /usr/sbin/policy-rc.d
APT_OPTS = -q -o DPkg::Lock::Timeout=600
# deps_install PACKAGES
define deps_install
@command -v dpkg-query >/dev/null 2>&1 || { \
	echo "make deps: no dpkg-query (not Debian?): install these or their equivalents" \
		"yourself: $(strip $(1))"; exit 0; }; \
missing=$$(for p in $(1); do \
	dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed \
	|| echo $$p; done | tr '\n' ' '); \
[ -n "$$missing" ] || exit 0; \
sudo=; \
if [ "$$(id -u)" != 0 ]; then \
	if ! command -v $(SUDO) >/dev/null 2>&1; then \
		echo "make deps: missing packages: $$missing"; \
		echo "make deps: not root and no $(SUDO): run make deps as root, or apt-get install them"; \
		exit 1; \
	fi; \
	sudo=$(SUDO); \
fi; \
echo "make deps: installing $$missing(apt-get$${sudo:+ via $$sudo})"; \
if [ ! -e "$(POLICY_RC_D)" ]; then \
	trap '$$sudo rm -f "$(POLICY_RC_D)"' EXIT; trap 'exit 130' INT TERM HUP; \
	printf '#!/bin/sh\nexit 101\n' | $$sudo tee "$(POLICY_RC_D)" >/dev/null && \
		$$sudo chmod 755 "$(POLICY_RC_D)" || exit 1; \
fi; \
$$sudo env DEBIAN_FRONTEND=noninteractive apt-get $(APT_OPTS) update || \
	echo "make deps: apt-get update failed; trying with the package lists there are"; \
$$sudo env DEBIAN_FRONTEND=noninteractive apt-get $(APT_OPTS) install -y \
	--no-install-recommends $$missing || { \
	echo "make deps: apt-get could not install: $$missing"; exit 1; }
endef

deps:
	$(call deps_install,$(DEPS_BUILD) $(DEPS_TEST) $(DEPS_LINT))
deps-build:
	$(call deps_install,$(DEPS_BUILD))
# after deps-build: one apt-get at a time
deps-test: deps-build
	$(call deps_install,$(DEPS_TEST))
deps-lint: deps-build
	$(call deps_install,$(DEPS_LINT))

demo: all
	rm -rf out/demo config/demo.db config/demo.db-wal config/demo.db-shm config/demo.db.lock
	DOORSTEP_NOW=2026-11-25T08:00:00 $(BIN)/doorstep -c config/demo.ini daily
	@echo
	@echo "The demo ran on config/demo/Maildir. Results in out/demo/:"
	@ls -1 out/demo | sed 's/^/  out\/demo\//'
	@echo "Posts: $(BIN)/doorstep -c config/demo.ini export posts"

# Fuzz harnesses (tests/fuzz/fuzz_NAME.c, every one found by name): make check replays
# each over its seeds and every crash ever found (replay_NAME, gcc), and checks that
# the crashes of tests/fuzz/open/ still crash; make fuzz runs them with libFuzzer
# (clang), FUZZ_SECONDS each, FUZZ_JOBS at a time (default: the CPUs)
# (FUZZ_NAMES="classify dates" for some only).
FUZZ_NAMES = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BINS = $(patsubst %,$(BUILD)/tests/replay_%,$(FUZZ_NAMES))
$(BUILD)/tests/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o \
		$(STAGE_OBJS) $(LIBDOORSTEP)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

FUZZ_SECONDS ?= 10
DEPS_FUZZ = clang libclang-rt-14-dev
fuzz:
	@$(MAKE) -s deps-build DEPS_BUILD="$(DEPS_BUILD) $(DEPS_FUZZ)"
	@$(MAKE) CC=clang BUILD=build/fuzz NO_DEPS=1 CFLAGS='-O1 -g' \
		SAN_FLAGS='-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer' \
		fuzz-run

FUZZ_BINS = $(patsubst %,$(BUILD)/fuzz_%,$(FUZZ_NAMES))
$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(STAGE_OBJS) $(LIBDOORSTEP)
	$(Q)$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

# FUZZ_JOBS harnesses at a time (tests/fuzz/run.sh), each for FUZZ_SECONDS
FUZZ_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
fuzz-run: $(FUZZ_BINS)
	@tests/fuzz/run.sh $(BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_NAMES)

check: $(if $(NO_DEPS),,deps-test) all $(UNIT_BINS) $(REPLAY_BINS)
	@BUILD=$(BUILD) BIN=$(BIN) tests/run.sh

# Static analysis: cppcheck (warnings, portability, performance), then clang-tidy with the
# checks of .clang-tidy, LINT_JOBS files at a time. Any finding fails; every file is
# read first, the findings are listed at the end, and the analyzer's reasoning (its
# notes) is kept in $(BUILD)/lint/FILE.log.
LINT_SRC = $(LIB_SRC) $(MAIL_SRC) $(RULES_SRC) $(FETCH_SRC) $(PROCESS_SRC) $(SEND_SRC) \
	$(RENDER_SRC) $(FRONT_SRC)
LINT_JOBS ?= 2
TIDY_FLAGS = -std=gnu11 -D_GNU_SOURCE $(INC) \
	-I/usr/include/iniparser $(PKG_CFLAGS)
lint: $(if $(NO_DEPS),,deps-lint)
	@echo "  cppcheck: $(words $(LINT_SRC)) files"
	@cppcheck --quiet --enable=warning,performance,portability --std=c11 --inline-suppr \
		--error-exitcode=1 --suppress=missingIncludeSystem -D_GNU_SOURCE \
		$(INC) $(LINT_SRC)
	@rm -rf $(BUILD)/lint && mkdir -p $(BUILD)/lint
	@echo "  clang-tidy: $(words $(LINT_SRC)) files, $(LINT_JOBS) at a time"
	@printf '%s\n' $(LINT_SRC) | xargs -P$(LINT_JOBS) -n1 sh -c \
		'log=$(BUILD)/lint/$$(echo "$$0" | tr / _).log; \
		clang-tidy --quiet "$$0" -- $(TIDY_FLAGS) >"$$log" 2>&1 || echo "$$0" >>$(BUILD)/lint/failed'; \
	if [ -s $(BUILD)/lint/failed ]; then \
		grep -h -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' $(BUILD)/lint/*.log | \
			sed 's|^$(CURDIR)/||' | sort -u; \
		echo "make lint: clang-tidy findings in $$(sort $(BUILD)/lint/failed | tr '\n' ' ')"; \
		echo "  (how the analyzer got there: $(BUILD)/lint/FILE.log)"; \
		exit 1; \
	fi

check-asan:
	$(MAKE) BUILD=build/asan BIN=build/asan/bin CFLAGS='-O1 -g' \
		SAN_FLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
		check

# A draft of lib/schema.sql from a database the migrations of lib/db.c made, for the
# author of a new migration (tests/unit/test_schema.c compares the two; sqlite3 needed).
schema-draft: $(BIN)/doorstep
	@tests/schema-draft.sh $(BIN)/doorstep >$(BUILD)/schema-draft.sql
	@echo "  $(BUILD)/schema-draft.sql: compare with lib/schema.sql (diff -u), carry the changes over"

# The benchmarks (bench/README.md); never part of make check. BENCH_SIZES="1000 10000
# 100000", BENCH_GROUPS=1000, BENCH_STAGES=..., BENCH_REV=HEAD: see bench/run.sh.
bench:
	@$(if $(NO_DEPS),true,$(MAKE) --no-print-directory deps-test DEPS_TEST='$(DEPS_TEST) $(DEPS_BENCH)')
	@bench/run.sh

UNITDIR = $(PREFIX)/lib/systemd/system
DOCDIR = $(PREFIX)/share/doc/doorstep
# one group (/var/lib/doorstep), and the template pair for many (/var/lib/doorstep/NAME)
UNITS = doorstep-daily.service doorstep-daily.timer doorstep-daily@.service doorstep-daily@.timer
DOCS = README.md docs/TEMPLATES.md docs/SCALING.md

# What was built, as it is: no deps (see NO_DEPS above). The templates folder is copied
# whole (partials, and any folder a translation adds); the units get BINDIR.
install: $(PROGRAMS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/config $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(DOCDIR)/k8s
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	cd templates && find . -type f | while read -r f; do \
		install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/templates/$$f" || exit 1; done
	install -m 644 config/example.ini $(DESTDIR)$(DATADIR)/config/
	for m in $(MANPAGES); do \
		install -m 644 $$m $(DESTDIR)$(MANDIR)/man$${m##*.}/ || exit 1; done
	for u in $(UNITS); do \
		sed 's|/usr/local/bin/|$(BINDIR)/|g' config/systemd/$$u >$(DESTDIR)$(UNITDIR)/$$u && \
		chmod 644 $(DESTDIR)$(UNITDIR)/$$u || exit 1; done
	install -m 644 $(DOCS) $(DESTDIR)$(DOCDIR)/
	install -m 644 docs/k8s/* $(DESTDIR)$(DOCDIR)/k8s/

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGRAMS)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(filter %.1,$(MANPAGES))))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(filter %.5,$(MANPAGES))))
	rm -f $(addprefix $(DESTDIR)$(UNITDIR)/,$(UNITS))
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build bin out config/demo.db config/demo.db-wal config/demo.db-shm config/demo.db.lock

.PHONY: all deps deps-build deps-test deps-lint demo check check-asan lint schema-draft bench fuzz fuzz-run install uninstall clean
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
.SECONDARY:
