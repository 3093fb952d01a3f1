package execute

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
)

// base is the time the test events happen after; the hunts take it as their clock.
var base = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

// at is base plus seconds, as a Hunt API timestamp.
func at(seconds int) string {
	return base.Add(time.Duration(seconds) * time.Second).Format("2006-01-02T15:04:05.000Z")
}

// process is a Process Created event of the program name, with a command line.
func process(id string, seconds int, name, cmdline string) map[string]any {
	return event(id, seconds, 2, map[string]any{"cmdLine": cmdline}, name)
}

// connection is an outbound Network Connection Established event from 10.0.0.5.
func connection(id string, seconds int, remote string, port int) map[string]any {
	return event(id, seconds, 8, map[string]any{
		"addressFamily": 0, "protocol": 0, "outbound": true,
		"localAddr": "10.0.0.5", "localPort": 50000 + seconds,
		"remoteAddr": remote, "remotePort": port,
	}, "chrome.exe")
}

// event is a raw Hunt API event of the given type, data and process program name.
func event(id string, seconds, eventType int, data map[string]any,
	program string) map[string]any {
	return map[string]any{
		"eventId": id, "endpointId": "842028663686823936",
		"happenedAt": at(seconds), "receivedAt": at(seconds + 2),
		"payload": map[string]any{
			"localId": "1" + id, "eventType": eventType, "data": data,
			"incidents": []any{}, "triggeredIncidents": []any{},
			"process": map[string]any{
				"id": "842028663686823936:4242:" + id, "pid": 4242, "ppid": 1000,
				"user": "DESKTOP\\alice", "userSID": "S-1-5-21-1", "privilegeLevel": "MEDIUM",
				"startTime": at(seconds - 60), "noGui": false, "logonId": "0x1",
				"program": map[string]any{
					"path": "c:\\windows\\system32\\" + program, "filename": program,
					"fsName": program, "arch": "x64", "size": 1000,
					"md5": fmt.Sprintf("%032x", len(program)),
				},
			},
		},
	}
}

// testEvents are the events every end-to-end test hunts over, by eventId:
//
//	p1  +0s   cmd.exe "cmd.exe /c whoami /all"
//	n1  +30s  10.0.0.5 -> 203.0.113.9:443
//	n2  +60s  10.0.0.5 -> 198.51.100.7:80
//	n3  +120s 10.0.0.5 -> 203.0.113.10:443
//	p2  +180s cmd.exe "cmd.exe /c dir"
//	p3  +240s powershell.exe "powershell.exe -enc SQBFAFgA"
func testEvents(t testing.TB) []emulator.Event {
	raw := []map[string]any{
		process("p1", 0, "cmd.exe", "cmd.exe /c whoami /all"),
		connection("n1", 30, "203.0.113.9", 443),
		connection("n2", 60, "198.51.100.7", 80),
		connection("n3", 120, "203.0.113.10", 443),
		process("p2", 180, "cmd.exe", "cmd.exe /c dir"),
		process("p3", 240, "powershell.exe", "powershell.exe -enc SQBFAFgA"),
	}
	var evs []emulator.Event
	for _, r := range raw {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := emulator.NewEvent(b)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	return evs
}
