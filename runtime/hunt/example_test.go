package hunt_test

import (
	"context"
	"fmt"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// The client streams a search page by page; here it runs against the emulator on
// loopback, over 1,200 sample events, skips the first 100 and stops at the result limit.
func ExampleClient_Pages() {
	clock := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	url, stop := emulator.Start(context.Background(), emulator.Options{
		Events: emulator.SampleEvents(1, 1200, clock),
	})
	defer stop()
	c, err := hunt.New(hunt.Config{
		BaseURL: url, AppID: emulator.DefaultAppID, Secret: emulator.DefaultSecret,
		ResultLimit: 1000,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := hunt.Search{Query: `happenedAfter = "2024-05-01T11:00:00.000Z"`, Offset: 100,
		Length: hunt.Unbounded}
	for p, err := range c.Pages(context.Background(), s) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("page %d: %d events, %d left on the server\n", p.Number, len(p.Events),
			p.Remaining)
	}
	// Output:
	// page 0: 400 events, 700 left on the server
	// page 1: 500 events, 200 left on the server
}

// A rejected query is an *Error with stix-shifter's code and the server's message.
func ExampleError() {
	url, stop := emulator.Start(context.Background(), emulator.Options{})
	defer stop()
	c, _ := hunt.New(hunt.Config{BaseURL: url, AppID: emulator.DefaultAppID,
		Secret: emulator.DefaultSecret})
	_, err := c.Collect(context.Background(), hunt.Search{Query: `$ip1 = "1.2.3.4"`,
		Length: 10})
	if he, ok := err.(*hunt.Error); ok {
		fmt.Println(he.Code, he.Status, he.Message)
	}
	// Output:
	// invalid_query 422 $ip1 is not a valid field.
}
