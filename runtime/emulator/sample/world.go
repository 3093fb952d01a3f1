package sample

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strings"
)

// host is one monitored endpoint.
type host struct {
	id, name, domain, ip, ip6 string
	server                    bool
}

// account is a Windows account seen on the endpoints.
type account struct {
	user, sid, privilege, logonID string
}

// program is one executable image.
type program struct {
	path, filename, signer, issuer string
	size                           int
	arch                           string
}

var hosts = []host{
	{"842028663686823936", "DESKTOP-7H2K9QF", "CORP", "192.168.10.21",
		"fe80::1c4a:9e2b:7d31:a1", false},
	{"842028663686823937", "DESKTOP-M3PZ81X", "CORP", "192.168.10.34",
		"fe80::5d02:11ff:fe3c:b2", false},
	{"842028663686823938", "LAPTOP-FIN-02", "CORP", "192.168.10.57",
		"fe80::a8b1:7cff:fe90:c3", false},
	{"842028663686823939", "SRV-FILE-01", "CORP", "10.0.5.10", "fd00:5::10", true},
	{"842028663686823940", "SRV-DC-01", "CORP", "10.0.5.2", "fd00:5::2", true},
}

var people = []string{"alice.martin", "bob.okafor", "chen.wei", "dana.kowalski", "svc_backup"}

var system = []account{
	{`NT AUTHORITY\SYSTEM`, "S-1-5-18", "SYSTEM", "0x3e7"},
	{`NT AUTHORITY\LOCAL SERVICE`, "S-1-5-19", "SYSTEM", "0x3e5"},
	{`NT AUTHORITY\NETWORK SERVICE`, "S-1-5-20", "SYSTEM", "0x3e4"},
}

const (
	msWindows = "Microsoft Windows"
	msPCA     = "Microsoft Windows Production PCA 2011"
	msCorp    = "Microsoft Corporation"
	msCodePCA = "Microsoft Code Signing PCA 2011"
	sys32     = `c:\windows\system32\`
)

// Programs by role; a path containing %u is under the user's profile.
var (
	progServices = program{sys32 + "services.exe", "services.exe", msWindows, msPCA, 714856, "x64"}
	progSvchost  = program{sys32 + "svchost.exe", "svchost.exe", msWindows, msPCA, 57360, "x64"}
	progLsass    = program{sys32 + "lsass.exe", "lsass.exe", msWindows, msPCA, 59456, "x64"}
	progExplorer = program{`c:\windows\explorer.exe`, "explorer.exe", msWindows, msPCA,
		4858288, "x64"}
	progCmd  = program{sys32 + "cmd.exe", "cmd.exe", msWindows, msPCA, 289792, "x64"}
	progPwsh = program{sys32 + `windowspowershell\v1.0\powershell.exe`, "powershell.exe",
		msWindows, msPCA, 452608, "x64"}
	progWmiprvse = program{sys32 + `wbem\wmiprvse.exe`, "wmiprvse.exe", msWindows, msPCA,
		496128, "x64"}
	progTaskhost = program{sys32 + "taskhostw.exe", "taskhostw.exe", msWindows, msPCA, 101376,
		"x64"}
	progRundll   = program{sys32 + "rundll32.exe", "rundll32.exe", msWindows, msPCA, 71680, "x64"}
	progNet      = program{sys32 + "net.exe", "net.exe", msWindows, msPCA, 57344, "x64"}
	progDefender = program{`c:\programdata\microsoft\windows defender\platform\` +
		`4.18.24010.12-0\msmpeng.exe`,
		"msmpeng.exe", msCorp, "Microsoft Windows Publisher", 133432, "x64"}
	progEdge = program{`c:\program files (x86)\microsoft\edge\application\msedge.exe`,
		"msedge.exe",
		msCorp, msCodePCA, 3942312, "x64"}
	progChrome = program{`c:\program files\google\chrome\application\chrome.exe`, "chrome.exe",
		"Google LLC", "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1", 2997568, "x64"}
	progWord = program{`c:\program files\microsoft office\root\office16\winword.exe`,
		"winword.exe",
		msCorp, msCodePCA, 1637720, "x64"}
	progOutlook = program{`c:\program files\microsoft office\root\office16\outlook.exe`,
		"outlook.exe", msCorp, msCodePCA, 42147672, "x64"}
	progSevenZip = program{`c:\program files\7-zip\7z.exe`, "7z.exe", "Igor Pavlov",
		"Certum Code Signing 2021 CA", 544256, "x64"}
	progPutty = program{`c:\program files\putty\putty.exe`, "putty.exe", "Simon Tatham",
		"Sectigo Public Code Signing CA R36", 1646216, "x64"}
	progDropper = program{`c:\users\%u\appdata\local\temp\update_8841.exe`, "update.exe", "", "",
		84992, "x32"}
	progImplant = program{`c:\users\public\svcmgr.exe`, "psexesvc.exe", "", "", 192512, "x32"}
	progDumper  = program{`c:\users\%u\downloads\m64.exe`, "mimidrv.exe", "", "", 1355264, "x64"}
)

var userPrograms = []program{progExplorer, progEdge, progChrome, progWord, progOutlook,
	progSevenZip, progPutty, progCmd, progPwsh}

var suspicious = []program{progDropper, progImplant, progDumper}

// json renders the program as the Hunt API does, for user (whose profile %u names).
func (p program) json(user string) map[string]any {
	path := strings.ReplaceAll(p.path, "%u", user)
	fsName := path[strings.LastIndexByte(path, '\\')+1:]
	m := map[string]any{
		"path": path, "filename": p.filename, "fsName": fsName,
		"md5": digest(md5.New, path), "sha1": digest(sha1.New, path),
		"sha256": digest(sha256.New, path), "size": p.size, "arch": p.arch,
	}
	if p.signer != "" {
		m["certInfo"] = map[string]any{
			"signer": p.signer, "issuer": p.issuer, "trusted": true, "expired": false,
		}
	}
	return m
}

func sha256New() hash.Hash { return sha256.New() }

// digest is a stable hash of s, so that one path always carries the same hashes.
func digest(mk func() hash.Hash, s string) string {
	h := mk()
	_, _ = h.Write([]byte("stix2hunq sample image " + s))
	return hex.EncodeToString(h.Sum(nil))
}

var remoteSites = []struct{ domain, ip string }{
	{"login.microsoftonline.com", "20.190.160.20"},
	{"settings-win.data.microsoft.com", "13.107.4.52"},
	{"www.google.com", "142.250.185.68"},
	{"update.example-cdn.net", "198.51.100.23"},
	{"files.example.org", "203.0.113.80"},
	{"cdn.bad-example.net", "203.0.113.66"},
	{"api.github.com", "140.82.121.6"},
}
