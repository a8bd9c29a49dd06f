.PHONY: test build run bench fuzz lint

GO ?= go

test: ## vet and run every test against SQLite, PostgreSQL and Chromium
	./scripts/test.sh

build: ## build the attune binary without cgo
	CGO_ENABLED=0 $(GO) build -o bin/attune ./cmd/attune

run: ## start Attune with demo data on SQLite
	$(GO) run ./cmd/attune serve --demo

bench: ## run the Go benchmarks
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz: ## fuzz the analysis engine for a minute
	$(GO) test -run '^$$' -fuzz FuzzAnalyze -fuzztime 60s ./analysis
