// Package fuzz holds the native Go fuzz targets of stix2hunq. Each target checks a
// property that must hold for every input, not only for the examples it starts from:
//
//	go test ./fuzz -list Fuzz                 # the targets
//	go test ./fuzz -run '^$' -fuzz FuzzParse  # fuzz one of them
//	scripts/fuzz.sh 10m                       # every target in turn
//
// The targets are FuzzParse (the pattern parser), FuzzCompile (the compiler and the HunQ
// it prints), FuzzNormalize (the formula passes), FuzzMapEvents (the event to STIX
// mapping) and FuzzHunQParse (the HunQ parser that the emulator runs). Seeds come from
// the grammar's corpora under ../testdata/patterns and from testdata/fuzz/<Target>: the
// files named seed-* hold the specifications' examples, the golden patterns and queries
// and the mapper's event files (go test -update rewrites them, see TestSeedCorpora), and
// the other files are inputs that once failed, which the Go toolchain writes there and
// which stay as seeds.
//
// The package also holds the differential tests (TestDifferential*), which compare the
// matcher on the events' STIX with the compiled queries on the raw events, over patterns
// and events drawn by package internal/gen with a fixed rapid seed (see TestMain).
package fuzz
