// Package fuzz holds the native Go fuzz targets of stix2hunq. Each target checks a
// property that must hold for every input, not only for the examples it starts from:
//
//	go test ./fuzz -list Fuzz                 # the targets
//	go test ./fuzz -run '^$' -fuzz FuzzParse  # fuzz one of them
//	scripts/fuzz.sh 10m                       # every target in turn
//
// Seeds come from the corpora under ../testdata/patterns and from testdata/fuzz, where
// the Go toolchain also writes every failing input it finds.
package fuzz
