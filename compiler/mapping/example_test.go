package mapping_test

import (
	"fmt"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
)

func ExampleMap_Lookup() {
	e, _ := mapping.Default().Lookup("network-traffic", "src_ref.value")
	for _, name := range e.Fields {
		f, _ := hunq.DefaultCatalog().Lookup(name)
		fmt.Println(e.Key(), "->", f.Name, f.Kind, "single:", e.Single, "wide:", e.Wide)
	}
	// Output:
	// network-traffic:src_ref.value -> ip.src TERM single: true wide: false
}
