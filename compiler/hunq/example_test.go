package hunq_test

import (
	"fmt"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

func ExamplePrint() {
	q := hunq.And(
		hunq.Or(hunq.Compare("eventdata.localPort", hunq.Str("443")),
			hunq.Compare("$ip", hunq.Str(`1.2.3.4") OR ("x`))),
		hunq.Compare("eventType", hunq.Int(8)))
	s, err := hunq.Print(q)
	fmt.Println(s, err)
	// Output:
	// (eventdata.localPort = "443" OR $ip = "1.2.3.4\") OR (\"x") AND eventType = 8 <nil>
}

func ExampleParse() {
	_, err := hunq.Parse(`cmdline = "a" and (pid = 4`)
	fmt.Println(err)
	// Output:
	// hunq:1:27: expected ) to close ( at 1:19, found end of query
}

func ExampleEval() {
	event := map[string]any{"payload": map[string]any{"data": map[string]any{
		"cmdLine": `C:\Windows\System32\cmd.exe /c whoami`}}}
	q, _ := hunq.Parse(`cmdline = "system32\\CMD.exe" AND NOT $ip = "10.0.0.1"`)
	ok, err := hunq.Eval(q, hunq.DefaultCatalog(), event)
	fmt.Println(ok, err)
	_, err = hunq.Eval(hunq.Compare("fsName", hunq.Str("x")), hunq.DefaultCatalog(), event)
	fmt.Println(err)
	// Output:
	// true <nil>
	// fsName is not a valid field.
}
