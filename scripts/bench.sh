#!/usr/bin/env bash
# Runs the published benchmarks and, given two commits, compares them with benchstat.
#
#   scripts/bench.sh                 # this working tree, -count 10, results in bench/HEAD.txt
#   scripts/bench.sh OLD NEW         # both commits (in temporary worktrees), then benchstat
#
# Environment: COUNT (default 10), BENCH (a -bench regexp; default the published set),
# BENCHTIME (default 1s).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${COUNT:-10}"
bench="${BENCH:-^(BenchmarkParse|BenchmarkCompile|BenchmarkMapEvents|BenchmarkJSONFloor|BenchmarkPaging|BenchmarkHunt)}"
benchtime="${BENCHTIME:-1s}"
out="$PWD/bench"
mkdir -p "$out"

benchstat_bin() {
	if ! command -v benchstat >/dev/null 2>&1; then
		go install golang.org/x/perf/cmd/benchstat@latest >&2
	fi
	command -v benchstat || echo "$(go env GOPATH)/bin/benchstat"
}

run_in() { # DIR NAME
	(cd "$1" && go test ./... -run '^$' -bench "$bench" -benchmem -benchtime "$benchtime" \
		-count "$count") | tee "$out/$2.txt.tmp" >&2
	mv "$out/$2.txt.tmp" "$out/$2.txt"
}

if [ $# -eq 0 ]; then
	run_in . HEAD
	"$(benchstat_bin)" "$out/HEAD.txt"
	exit 0
fi
if [ $# -ne 2 ]; then
	echo "usage: scripts/bench.sh [OLD NEW]" >&2
	exit 2
fi
for rev in "$1" "$2"; do
	dir=$(mktemp -d)
	git worktree add --detach "$dir" "$rev" >/dev/null
	run_in "$dir" "$(git rev-parse --short "$rev")"
	git worktree remove --force "$dir"
done
"$(benchstat_bin)" "$out/$(git rev-parse --short "$1").txt" "$out/$(git rev-parse --short "$2").txt"
