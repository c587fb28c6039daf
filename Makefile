# newsclip — run `make help` for the targets.
GO      ?= go
PKGS    := ./...
BIN     := bin/newsclip
FUZZTIME ?= 30s
BENCH   ?= .
BENCH_COUNT ?= 6

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN{FS=":.*## "} /^[a-z-]+:.*## /{printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## build the static binary into bin/newsclip (CGO_ENABLED=0)
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/newsclip

.PHONY: test
test: lint-deps ## vet, check the package arrows, run every test with the race detector, then the eval module's tests
	$(GO) vet $(PKGS)
	CGO_ENABLED=0 $(GO) build $(PKGS)
	$(GO) test -race -count=1 -timeout 20m $(PKGS)
	cd eval && $(GO) vet ./... && $(GO) test -count=1 ./...

.PHONY: lint
lint: lint-deps ## gofmt, go vet and the dependency-direction check
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

.PHONY: lint-deps
lint-deps: ## fail if a package imports against the arrows cmd -> crawler/store/export -> extract
	@bad=0; \
	if $(GO) list -f '{{join .Imports "\n"}}' ./extract | grep -E '^(net/http|log/slog|log|github.com/gocolly/.*)$$'; then \
	  echo "extract must stay pure: no HTTP, no logging (its own imports; go-readability's unused fetch helpers do not count)"; bad=1; fi; \
	if $(GO) list -deps ./extract | grep -E '^github.com/newsclip/newsclip/(crawler|store|export|schedule|cmd)'; then echo "extract imports a package above it"; bad=1; fi; \
	for p in store export schedule; do \
	  if $(GO) list -deps ./$$p/... | grep -E '^github.com/newsclip/newsclip/(crawler|cmd)'; then echo "$$p imports crawler or cmd"; bad=1; fi; \
	done; \
	if $(GO) list -deps ./store/... | grep -q '^github.com/newsclip/newsclip/export'; then echo "store imports export"; bad=1; fi; \
	if $(GO) list -deps ./export/... | grep -q '^github.com/newsclip/newsclip/store'; then echo "export imports store"; bad=1; fi; \
	exit $$bad

.PHONY: fuzz
fuzz: ## run each fuzz target for FUZZTIME (default 30s)
	@$(GO) list -f '{{.Dir}} {{.ImportPath}}' $(PKGS) | while read dir pkg; do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg || exit 1; \
	  done; \
	done

.PHONY: bench
bench: ## run the benchmarks (compare two runs with benchstat)
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count $(BENCH_COUNT) $(PKGS)

.PHONY: demo
demo: ## serve a small local news site on loopback, crawl it into a fresh database, print what was stored
	bash scripts/demo.sh

.PHONY: eval
eval: ## score newsclip and its peers on ../shared/bench (skips when absent); writes docs/benchmarks.md
	cd eval && $(GO) run ./cmd/eval -bench $(or $(BENCH_DIR),../../shared/bench) -out ../docs/benchmarks.md
