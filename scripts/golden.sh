#!/usr/bin/env bash
# Rewrites every golden file: runs the tests of each package that checks golden files
# (through internal/golden) with -update. Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=$(grep -rl --include='*_test.go' '"github.com/stix2hunq/stix2hunq/internal/golden"' . |
	xargs -n1 dirname | sort -u)
go test $pkgs -update
