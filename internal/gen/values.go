package gen

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
	"pgregory.net/rapid"
)

// kind is the kind of value an event path holds.
type kind uint8

const (
	kindString kind = iota
	kindInt
	kindHex // a hexadecimal string, as ETW writes process ids
	kindBool
	kindTime
	kindAddr
	kindHash
	kindPath
	kindFile
	kindCmd
	kindUser
	kindURL
	kindDomain
	kindSID
	kindIntList
	kindStrList
)

// leafKinds gives the kind of an event path by its last key.
var leafKinds = map[string]kind{}

func init() {
	for k, names := range map[kind]string{
		kindInt: "pid ppid hostPid clientPid wmiHostPid targetProcessId localPort remotePort " +
			"size regionSize relevance eventType addressFamily protocol servicePid enginePid " +
			"fileType peType version avObjectStatus avScanReason avThreatType scanResult " +
			"serviceType startType etwEventId etwEventVersion etwTask tactic_number policyId " +
			"versionId matcherId returnCode etwEventRecordId tactics mod_tactics",
		kindHex: "etwProcessId etwCallerProcessId logonId etwSubjectLogonId etwTargetLogonId " +
			"etwStatus etwSubStatus",
		kindBool: "noGui outbound trusted expired isLocal runInteractively",
		kindTime: "happenedAt receivedAt startTime pstartTime creationTime",
		kindAddr: "localAddr remoteAddr localAddrV4 localAddrV6 remoteAddrV4 remoteAddrV6 " +
			"etwIpAddress",
		kindHash: "md5 sha1 sha256",
		kindPath: "path file newFile rootObject scriptFileName workingDirectory " +
			"executablePath etwProcessName etwCallerProcessName etwHomePath etwHomeDirectory " +
			"etwProfilePath etwScriptPath contentName actionName",
		kindFile:    "fsName filename etwLogonProcessName originalFilename",
		kindCmd:     "cmdLine",
		kindUser:    "user etwSubjectUserName etwTargetUserName etwTargetOutboundUserName",
		kindURL:     "url",
		kindDomain:  "queryName",
		kindSID:     "userSID etwSubjectUserSid etwTargetUserSid",
		kindIntList: "incidents triggeredIncidents",
		kindStrList: "tags cmdLineArgs avThreatInfoArray commandLineTemplateTokens",
	} {
		for _, n := range strings.Fields(names) {
			leafKinds[n] = k
		}
	}
}

func kindOfPath(path string) kind {
	leaf := path[strings.LastIndexByte(path, '.')+1:]
	return leafKinds[strings.TrimSuffix(leaf, "[]")]
}

// The pools. Values repeat across pools where real events repeat them (a path's base
// name is a file name, a pid is a port), and differ only in case, form or escapes where
// a translation could confuse them.
var (
	ints  = []int64{0, 1, 2, 4, 8, 53, 80, 443, 444, 1000, 3389, 49152, 65535, -1, 4294967296}
	paths = []string{`c:\windows\system32\cmd.exe`, `C:\Windows\System32\CMD.EXE`,
		`c:\windows\system32\svchost.exe`, `c:\users\public\svcmgr.exe`,
		`c:\program files\7-zip\7z.exe`, `\\srv-file-01\finance\pay"roll.xlsx`,
		`c:\users\bob\appdata\local\temp\~df3a1c.tmp`, `/usr/bin/python3`, `cmd.exe`,
		`\registry\machine\software\microsoft\windows\currentversion\run`}
	files = []string{"cmd.exe", "CMD.EXE", "svchost.exe", "svcmgr.exe", "7z.exe",
		`pay"roll.xlsx`, "python3", "caf\u00e9.exe", "cafe\u0301.exe", "a b.exe", "x%y_z.exe"}
	strs = []string{"a", "A", "ab", "a b", "SYSTEM", "system", "MEDIUM", "x64", "x86",
		`x"y`, `x\y`, "it's", "(x) OR y", "caf\u00e9", "cafe\u0301", "*", "%", "_", "",
		"Microsoft Windows", "443", "true", "0x3e7", "\u65e5\u672c"}
	addrs = []string{"10.1.2.3", "10.1.2.4", "192.168.1.2", "10.0.0.255", "::1",
		"2001:db8::1", "2001:DB8::1", "2001:db8::2", "::ffff:10.1.2.3", "fe80::1%eth0",
		"not-an-address"}
	hashes = []string{"d41d8cd98f00b204e9800998ecf8427e", "D41D8CD98F00B204E9800998ECF8427E",
		"da39a3ee5e6b4b0d3255bfef95601890afd80709",
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}
	cmds = []string{`"c:\windows\system32\cmd.exe" /c whoami /all`,
		`cmd.exe /c net group "Domain Admins" /domain`,
		`powershell.exe -NoProfile -EncodedCommand SQBFAFgA`, `svchost.exe -k netsvcs`}
	users   = []string{`NT AUTHORITY\SYSTEM`, `CORP\alice`, `corp\alice`, "alice", "SYSTEM", "-"}
	urls    = []string{"https://www.example.com/", "http://cdn.bad-example.net/a?b=c"}
	domains = []string{"www.example.com", "WWW.EXAMPLE.COM", "cdn.bad-example.net"}
	sids    = []string{"S-1-5-18", "S-1-5-21-1-2-3-1104", "S-1-0-0"}
)

// Now is the generators' clock: events happen in the five minutes before it, mostly.
var Now = time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.UTC)

// value draws a JSON value of kind k, now and then in an odd spelling (see odd).
func value(t *rapid.T, k kind) any {
	v := usual(t, k)
	if rapid.IntRange(0, 9).Draw(t, "odd") == 0 {
		return odd(t, v)
	}
	return v
}

// odd respells a value as events from other sources might: a number as a string, with a
// fraction or with spaces, a time with a space for the T or as epoch milliseconds in a
// string, text in upper case or decomposed.
func odd(t *rapid.T, v any) any {
	switch v := v.(type) {
	case float64:
		return rapid.SampledFrom([]any{num(v), v + 0.5, " " + num(v) + " ",
			"0" + num(v), num(v) + ".0"}).Draw(t, "odd number")
	case string:
		if at, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return rapid.SampledFrom([]string{strings.Replace(v, "T", " ", 1),
				fmt.Sprint(at.UnixMilli())}).Draw(t, "odd time")
		}
		return rapid.SampledFrom([]func(string) string{strings.ToUpper, norm.NFD.String,
			strings.ToLower}).Draw(t, "odd text")(v)
	}
	return v
}

// usual draws a JSON value of kind k as the Hunt API writes it.
func usual(t *rapid.T, k kind) any {
	switch k {
	case kindInt:
		return float64(rapid.SampledFrom(ints).Draw(t, "int"))
	case kindHex:
		n := rapid.SampledFrom(ints[:12]).Draw(t, "int")
		return rapid.SampledFrom([]string{fmt.Sprintf("0x%x", n), fmt.Sprintf("%X", n),
			fmt.Sprint(n)}).Draw(t, "hex")
	case kindBool:
		return rapid.SampledFrom([]any{true, false, "true", 0.0, 1.0}).Draw(t, "bool")
	case kindTime:
		return timeValue(t)
	case kindIntList:
		return listOf(t, func() any { return value(t, kindInt) })
	case kindStrList:
		return listOf(t, func() any { return rapid.SampledFrom(strs).Draw(t, "element") })
	}
	return rapid.SampledFrom(stringPool(k)).Draw(t, "string")
}

func stringPool(k kind) []string {
	switch k {
	case kindAddr:
		return addrs
	case kindHash:
		return hashes
	case kindPath:
		return paths
	case kindFile:
		return files
	case kindCmd:
		return cmds
	case kindUser:
		return users
	case kindURL:
		return urls
	case kindDomain:
		return domains
	case kindSID:
		return sids
	}
	return strs
}

func listOf(t *rapid.T, el func() any) []any {
	out := make([]any, rapid.IntRange(0, 3).Draw(t, "len"))
	for i := range out {
		out[i] = el()
	}
	return out
}

// timeValue draws an event time: mostly in the five minutes before Now, as RFC 3339 or
// epoch milliseconds, sometimes before or after them.
func timeValue(t *rapid.T) any {
	ms := rapid.Int64Range(-310_000, 10_000).Draw(t, "ms before now")
	at := Now.Add(time.Duration(ms) * time.Millisecond)
	if rapid.IntRange(0, 3).Draw(t, "epoch") == 0 {
		return float64(at.UnixMilli())
	}
	return at.Format("2006-01-02T15:04:05.000Z")
}

// num writes a number in decimal, without an exponent.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Typical returns a usual value for an event path, as the Hunt API writes it: the first
// of the pool of the path's kind (see Universe.Paths for how list elements are written).
func Typical(path string) any {
	switch k := kindOfPath(path); k {
	case kindInt:
		return 4242.0
	case kindHex:
		return "0x1092"
	case kindBool:
		return true
	case kindTime:
		return Now.Add(-time.Minute).Format("2006-01-02T15:04:05.000Z")
	case kindAddr:
		if strings.Contains(path, "V6") {
			return "2001:db8::7"
		}
		return "10.1.2.3"
	case kindIntList:
		return []any{7.0}
	case kindStrList:
		return []any{"alpha"}
	default:
		if k == kindString {
			return "alpha"
		}
		return stringPool(k)[0]
	}
}
