#!/usr/bin/env bash
# Runs every native Go fuzz target in ./fuzz for DURATION each (default 10m), one after the
# other. A failing input is written by the Go toolchain to fuzz/testdata/fuzz/<Target>/, where
# it stays as a seed for every later run of `go test`; commit it with the fix.
#
#   scripts/fuzz.sh 10m      # a long campaign
#   scripts/fuzz.sh 10s      # a smoke run (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10m}"
targets=$(go test ./fuzz -list '^Fuzz' | grep '^Fuzz' || true)
if [ -z "$targets" ]; then
	echo "no fuzz targets in ./fuzz" >&2
	exit 1
fi
status=0
for t in $targets; do
	echo "== $t ($duration)"
	if ! go test ./fuzz -run '^$' -fuzz "^${t}\$" -fuzztime "$duration" -fuzzminimizetime 5s \
		-parallel 2; then
		echo "$t FAILED: the failing input is under fuzz/testdata/fuzz/$t" >&2
		status=1
	fi
done
exit $status
