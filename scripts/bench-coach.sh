#!/usr/bin/env bash
# Whole-process throughput of attune coach --format jsonl on one core: pairs of a customer
# message and a draft reply from the project's own support pairs (analysis/testdata/
# coach_support.txt), repeated to the number of lines asked for.
# Usage: scripts/bench-coach.sh [pairs]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/attune" ./cmd/attune
# each "draft" line paired with the last "says" line before it
awk -v n="$n" '
	function esc(s) { gsub(/\\n/, "\n", s); gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\n/, "\\n", s); return s }
	/^says / { cust = substr($0, 6) }
	/^name / { name = substr($0, 6) }
	/^customer / { name = "" }
	/^draft / { c[++k] = esc(cust); r[k] = esc(substr($0, 7)); nm[k] = esc(name) }
	END { for (i = 0; i < n; i++) { j = i % k + 1; printf "{\"id\":%d,\"customer\":\"%s\",\"reply\":\"%s\",\"customer_name\":\"%s\"}\n", i, c[j], r[j], nm[j] } }
' analysis/testdata/coach_support.txt >"$tmp/in.jsonl"
echo "$(wc -l <"$tmp/in.jsonl") pairs from $(grep -c '^draft ' analysis/testdata/coach_support.txt) drafts"
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"
export GOMAXPROCS=1
if command -v hyperfine >/dev/null; then
	hyperfine -w 1 -r 5 -n "attune coach --format jsonl" "$pin $tmp/attune coach --format jsonl < $tmp/in.jsonl > /dev/null"
else
	time ($pin "$tmp/attune" coach --format jsonl <"$tmp/in.jsonl" >/dev/null)
fi
