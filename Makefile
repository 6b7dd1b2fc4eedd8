# Strategy Tracker — developer commands. `make run` opens the app, `make test`
# is what CI runs (.ci/run). Targets install the Debian packages they need.

GO      ?= go
BIN     := bin/strategytracker
CLI_BIN := bin/strategytracker-cli
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Build tags of the desktop app, wherever it is built (here, scripts/release.sh,
# scripts/build-windows.sh, .github/workflows/macos.yml): no_emoji leaves out
# Fyne's 4 MB colour emoji font, which Fyne parsed again for every text style
# (15-20 MB of the app's heap) and which has none of the symbols the app shows
# (→ − ≥ ▲ ● come from the system's fonts either way). Issue 22: the app's peak
# memory during the large PDF export (BENCHMARKS.md).
APP_TAGS := no_emoji

# Needed to build Fyne (cgo, OpenGL, X11).
BUILD_PKGS := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
              libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
# Needed by tests and screenshots: a virtual display, PDF and workbook
# checks, and a screen grabber.
# nodejs and Java run the public site's checkers (axe-core, the Nu HTML
# checker), which deps-web installs from npm.
TEST_PKGS  := xvfb xauth poppler-utils libreoffice-calc fonts-crosextra-carlito imagemagick postgresql chromium nodejs default-jre-headless
# Needed by `make release` only: the mingw-w64 cross compiler, wixl (MSI),
# ImageMagick (the .ico), xz and dpkg-deb.
RELEASE_PKGS := gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wixl msitools imagemagick xz-utils dpkg-dev \
                lintian man-db file osslsigncode gnupg
# Needed by `make test-windows`: Wine 8, 64-bit only (our exes and Wine's
# msiexec are 64-bit, so no i386 architecture is added), the mingw-w64 cross
# compiler and wixl for the MSI, a virtual display driven by xdotool, and
# ImageMagick and pdftotext for screenshots and the report comparison.
WINDOWS_TEST_PKGS := wine wine64 gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wixl msitools \
                     xvfb xauth xdotool imagemagick poppler-utils

# install-missing installs those of the packages $(1) that are not installed;
# apt-get update runs only when something is missing.
define install-missing
	@missing=""; \
	for p in $(1); do \
		dpkg -s "$$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

.DEFAULT_GOAL := build
.PHONY: deps deps-web deps-build deps-release build run test cross bench fuzz fuzz-short screenshot release release-check clean

deps:
	$(call install-missing,$(BUILD_PKGS) $(TEST_PKGS))
	@$(MAKE) --no-print-directory deps-web

# The site's checkers, pinned in reports/site/testdata/webcheck/package-lock.json
# (npm ci, no install scripts); again only when the lock file changed.
WEBCHECK := reports/site/testdata/webcheck
deps-web:
	@if ! command -v npm >/dev/null 2>&1; then \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm; \
	fi
	@if [ ! $(WEBCHECK)/node_modules/.package-lock.json -nt $(WEBCHECK)/package-lock.json ]; then \
		echo "npm ci in $(WEBCHECK)"; \
		npm ci --prefix $(WEBCHECK) --ignore-scripts --no-audit --no-fund; \
	fi

deps-build:
	$(call install-missing,$(BUILD_PKGS))

deps-release: deps-build
	$(call install-missing,$(RELEASE_PKGS))

.PHONY: deps-windows test-windows
deps-windows: deps-build
	$(call install-missing,$(WINDOWS_TEST_PKGS))

# The Windows files under Wine: install the MSI built from the tree, run the
# console exe against the Linux binary, drive the app's first start, upgrade,
# refuse a downgrade, uninstall (scripts/test-windows.sh, wine_test.go).
test-windows: deps-windows
	scripts/test-windows.sh

# The desktop binary (main.go: the window, or a command when given one)
# and the console binary without the UI toolkit (cmd/strategytracker-cli).
build:
	$(GO) build -tags $(APP_TAGS) -o $(BIN) .
	$(GO) build -o $(CLI_BIN) ./cmd/strategytracker-cli

# Opens the app on the default file (STRATEGYTRACKER_DB, else
# ~/.config/strategytracker/strategy.db, made from the demo on first use).
run: deps-build build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "run: there is no display (DISPLAY is not set), so the window cannot open."; \
		if command -v xvfb-run >/dev/null 2>&1; then \
			echo "run: xvfb-run is installed: 'xvfb-run -a ./$(BIN)' runs it on an invisible virtual display,"; \
			echo "run: and 'make screenshot' captures that display into screenshots/."; \
		fi; \
		exit 1; \
	fi
	./$(BIN)

# Tests too slow for the race detector: the race run skips them and the
# run after it runs them in full without it (one list for both, so that
# every test runs; ci_test.go checks the list and that no test looks at
# -short). The crash tests kill a child 100 times, the PostgreSQL clients
# make 2,000 edits, TestBodyPages lays out 2,000 measures, the bounds test
# computes 200 extreme documents, and the app against a real server races
# with itself under -race (connect_e2e_test.go). The app's screenshot tests
# render every screen to an image, in both languages: under the race
# detector they took 9× their CPU time without it (110 s against 12 s on
# machine A, 2026-12-07), and the code they run
# between the pixels — the background work, fyne.Do — is what every other
# app test runs under the race detector too.
SLOW_TESTS := TestKilledWritesAreAllOrNothing|TestKilledImportIsAllOrNothing|TestConcurrentClientsLoseNoUpdate|TestBodyPages|TestNoFigureOfAValidDocumentIsNaNOrInfinite|TestAppConnectsToServer|TestPlanScreenshots|TestPublishScreenshots|TestPeriodScreenshots|TestConnectScreenshots|TestScreensFit1024x700
SLOW_PKGS  := . ./model ./storage ./storage/postgres ./reports/pdf ./app
# Build tags of both test runs: the same for both, so that a test the race
# run skips is built in the run after it (the app's tests that render the
# screenshots' shots are behind the screenshots tag).
TEST_TAGS  := -tags screenshots,$(APP_TAGS)

# What CI runs. The lint (staticcheck, gocyclo) runs beside the format and
# vet checks, the Windows build and the race run (make -j2; their lines
# interleaved as they come, each line whole): it uses the cores while the
# tests wait for their servers, children and files.
test: deps
	@$(MAKE) --no-print-directory -j2 --output-sync=line lint test-race
	$(GO) test -count=1 -timeout 25m $(TEST_TAGS) -run '^($(SLOW_TESTS))$$' $(SLOW_PKGS)
	$(MAKE) --no-print-directory fuzz-short
	$(MAKE) --no-print-directory test-windows

# gofmt, go vet, the Windows build and every test but SLOW_TESTS under the
# race detector: the part of `make test` the lint runs beside.
.PHONY: test-race
test-race:
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files are not formatted (run gofmt -w):"; echo "$$unformatted"; exit 1; \
	fi
	$(GO) vet ./...
	$(GO) vet -tags screenshots . ./app
	$(MAKE) --no-print-directory cross
	$(GO) test -race -timeout 25m $(TEST_TAGS) -skip '^($(SLOW_TESTS))$$' ./...

# staticcheck's default checks, and no function above a cyclomatic
# complexity of 30 (gocyclo). Both tools are installed by `go install` at
# the versions below (staticcheck 2026.2.2 knows Go 1.26).
STATICCHECK_VERSION := v0.8.2
GOCYCLO_VERSION     := v0.6.0
GOBIN_DIR           := $(or $(shell $(GO) env GOBIN),$(shell $(GO) env GOPATH)/bin)
MAX_COMPLEXITY      := 30
.PHONY: lint lint-tools
# Each tool is installed only when it is missing or another version
# (`go version -m` names the module version a binary was built from).
define install-tool
	@if ! $(GO) version -m $(GOBIN_DIR)/$(notdir $(1)) 2>/dev/null | grep -q "^[[:space:]]*mod[[:space:]].*[[:space:]]$(2)[[:space:]]"; then \
		echo "go install $(1)@$(2)"; $(GO) install $(1)@$(2); \
	fi
endef
lint-tools:
	$(call install-tool,honnef.co/go/tools/cmd/staticcheck,$(STATICCHECK_VERSION))
	$(call install-tool,github.com/fzipp/gocyclo/cmd/gocyclo,$(GOCYCLO_VERSION))

lint: lint-tools
	$(GOBIN_DIR)/staticcheck -tags screenshots ./...
	$(GOBIN_DIR)/staticcheck . # main.go, which the screenshots tag leaves out
	scripts/complexity-check.sh $(GOBIN_DIR)/gocyclo $(MAX_COMPLEXITY)

# The Windows build still compiles: the Fyne-free packages are vetted and
# the console binary is built for Windows (pure Go, no C cross compiler).
# The app itself needs mingw-w64 and several minutes: `make release` builds it.
cross:
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) vet ./cli/... ./cmd/... ./netfs/... ./version/...
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/strategytracker-cli

# Everything we ship, into dist/ (scripts/release.sh): the Windows app and
# console exes, the MSI, the Linux tarball and .deb, SHA256SUMS. Then the
# checks of scripts/check-release.sh.
release: deps-release
	scripts/release.sh
	scripts/check-release.sh

# Checks an existing dist/ (resources, MSI tables, .deb metadata, sums).
release-check:
	scripts/check-release.sh

# Every Go benchmark, once.
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Re-measures every figure of BENCHMARKS.md — the whole processes of the
# console binary on the large generated strategy and the Go benchmarks with
# their floors — and prints one table to paste there, with the CPU, the
# date, the load average, the other processes' use of the cores and the
# hypervisor's steal time while it ran (cmd/benchcheck). It measures in
# interleaved rounds (each round every whole process and every package's
# test binary, built once, with -test.count 1), so that a slower minute of
# the machine costs every figure one sample, and times a fixed calibration
# workload before, between and after the rounds: a run whose calibration
# drifted (CPU loop 5 %, memory walk 50 %) says so. A target is claimed only when the machine
# was idle: load average ≤ 1 before, other processes ≤ 0.25 core during.
# It waits a minute first (-settle). BENCH_FLAGS passes options, e.g.
# BENCH_FLAGS='-skip postgres|app -count 3'.
.PHONY: bench-check
bench-check: build
	GOFLAGS=-tags=$(APP_TAGS) $(GO) run ./cmd/benchcheck -bin ./$(CLI_BIN) $(BENCH_FLAGS)

# bench-check, then each row's median against the medians pasted in
# BENCHMARKS.md (the idle runs under "The figures that claim targets"):
# the difference in % and whether it is within 15 % (issue 26's "done
# when"). BENCH_CURRENT=FILE compares a saved bench-check output instead
# of measuring again.
.PHONY: bench-compare
bench-compare: build
	GOFLAGS=-tags=$(APP_TAGS) $(GO) run ./cmd/benchcheck -bin ./$(CLI_BIN) -compare BENCHMARKS.md $(if $(BENCH_CURRENT),-current $(BENCH_CURRENT)) $(BENCH_FLAGS)

# Fuzz targets as package:Target. `make test` runs each for FUZZ_SHORT,
# `make fuzz` for FUZZTIME. What they find lands in the package's
# testdata/fuzz and is then a regression test of every `go test`.
# A small -fuzzminimizetime keeps large seeds from stalling the run.
FUZZ_TARGETS := ./model:FuzzParseDate ./model:FuzzDecode ./reports/xlsx:FuzzReadUpdate ./reports/xlsx:FuzzReadPlanBook ./storage:FuzzWALReading
FUZZ_SHORT   ?= 4s
FUZZTIME     ?= 2m
define run-fuzz
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		if ! ls $$pkg/*_test.go >/dev/null 2>&1; then continue; fi; \
		echo "fuzz $$pkg $$name for $(1)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(1) -fuzzminimizetime 200x $$pkg || exit 1; \
	done
endef

fuzz:
	$(call run-fuzz,$(FUZZTIME))

fuzz-short:
	$(call run-fuzz,$(FUZZ_SHORT))

# Starts the app on a fresh demo file under a virtual 1366×768 display and
# saves the screen as screenshots/overview.png.
screenshot: deps build
	@mkdir -p screenshots
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	STRATEGYTRACKER_DB="$$tmp/strategy.db" XDG_CONFIG_HOME="$$tmp/config" xvfb-run -a -s '-screen 0 1366x768x24' sh -c '\
		./$(BIN) & pid=$$!; \
		sleep $${SCREENSHOT_WAIT:-6}; \
		if ! kill -0 $$pid 2>/dev/null; then echo "screenshot: the app exited early" >&2; exit 1; fi; \
		import -window root -crop 1280x760+0+0 +repage screenshots/overview.png; status=$$?; \
		kill $$pid; wait $$pid 2>/dev/null; exit $$status' && \
	echo "screenshot: screenshots/overview.png"

# Builds the screenshot driver (the root package with the screenshots tag,
# screenshots.go: the app users run has none of it) and runs it under a virtual
# 1366×768 display: on a fresh copy of the demo with fresh preferences, in
# a temporary folder, it shows every screen in Bulgarian and English, saves
# each as screenshots/NAME-LANG.png and quits. ONLY=REGEXP saves only the
# shots whose NAME-LANG matches (ONLY='^period' or ONLY='-1024-en$'),
# LANGS=en only English.
SHOTS_BIN := bin/strategytracker-screenshots
ONLY      ?=
LANGS     ?= bg,en
screenshots: deps
	$(GO) build -tags screenshots,$(APP_TAGS) -o $(SHOTS_BIN) .
	@mkdir -p screenshots
	LANG=en_US.UTF-8 timeout $${SCREENSHOTS_TIMEOUT:-300} xvfb-run -a -s '-screen 0 1366x768x24' \
		./$(SHOTS_BIN) -out screenshots -only '$(ONLY)' -lang '$(LANGS)' && \
	echo "screenshots: $$(ls screenshots/*-bg.png screenshots/*-en.png 2>/dev/null | wc -l) PNG files in screenshots/"
	scripts/site-screenshots.sh screenshots/site
	scripts/report-pages.sh screenshots/report-pages
	SHOTS=screenshots/windows scripts/test-windows.sh

# Every page of the bg and en demo council reports as PNG (pdftoppm), to look at.
.PHONY: report-pages
report-pages: deps
	scripts/report-pages.sh build/report-pages

clean:
	rm -rf bin screenshots dist

# The desktop app on the large generated strategy under a virtual display:
# time to the first window, idle CPU over 20 s, peak memory (BENCHMARKS.md).
.PHONY: bench-app
bench-app: deps build
	scripts/bench-app-idle.sh ./$(BIN)

# The desktop app's idle CPU with and without a focused text field (issue 22
# item 7): the cursor's blink, and what is left once it stops (BENCHMARKS.md).
.PHONY: bench-app-focus
bench-app-focus: deps build
	scripts/bench-app-focus.sh ./$(BIN)

# The desktop app itself exporting the council report (PDF) of the large
# strategy under a virtual display, driven with the keyboard (xdotool): peak
# memory (VmHWM) and its split Go heap / other / files, the export's time
# (issue 22: ≤ 250 MB; BENCHMARKS.md).
.PHONY: bench-app-export
bench-app-export: deps build
	scripts/bench-app-export.sh ./$(BIN)
