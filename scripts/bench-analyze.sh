#!/usr/bin/env bash
# Whole-process comparison: attune analyze --format jsonl (full analysis) against a
# govader program doing sentiment alone, on the same stream, pinned to one core.
# Usage: scripts/bench-analyze.sh [lines]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/attune" ./cmd/attune
go test -c -o "$tmp/vaderbench" ./analysis/internal/vaderbench
# the stream: the project's own golden messages, repeated
grep -v '^#' analysis/testdata/messages.txt | cut -d'|' -f4 |
	awk -v n="$n" '{ t[NR]=$0 } END { for (i=0;i<n;i++) { s=t[i%NR+1]; gsub(/\\/,"\\\\",s); gsub(/"/,"\\\"",s); printf "{\"id\":%d,\"text\":\"%s\"}\n", i, s } }' >"$tmp/in.jsonl"
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"
export GOMAXPROCS=1
if command -v hyperfine >/dev/null; then
	hyperfine -w 1 -r 5 \
		-n "attune analyze --format jsonl" "$pin $tmp/attune analyze --format jsonl < $tmp/in.jsonl > /dev/null" \
		-n "govader sentiment only" "VADERBENCH_JSONL=1 $pin $tmp/vaderbench -test.run TestJSONLProgram < $tmp/in.jsonl > /dev/null"
else
	echo "attune analyze --format jsonl:"
	time ($pin "$tmp/attune" analyze --format jsonl <"$tmp/in.jsonl" >/dev/null)
	echo "govader sentiment only:"
	time (VADERBENCH_JSONL=1 $pin "$tmp/vaderbench" -test.run TestJSONLProgram <"$tmp/in.jsonl" >/dev/null)
fi
