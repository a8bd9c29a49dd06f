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

# -fuzzminimizetime: Go shrinks each new interesting input for up to 60 s by default, and the
# exec count stands still meanwhile, which looks like a hang; 5 s keeps the minute for fuzzing.
fuzz: ## fuzz the analysis engine and the coach for a minute each
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyze$$' -fuzztime 60s -fuzzminimizetime 5s ./analysis
	$(GO) test -run '^$$' -fuzz '^FuzzCoach$$' -fuzztime 60s -fuzzminimizetime 5s ./analysis
