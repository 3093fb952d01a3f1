package tostix

import (
	"fmt"
	"strings"
	"testing"
)

// hunt builds a raw Hunt API event of one type around its payload.data and other
// payload members: one endpoint, one acting process (cmd.exe run by CORP\ana).
func hunt(eventType int, data string, payload ...string) string {
	extra := ""
	if len(payload) > 0 {
		extra = "," + strings.Join(payload, ",")
	}
	return fmt.Sprintf(`{"eventId":"900000000000000001","endpointId":"e1",`+
		`"happenedAt":"2024-05-01T11:00:00.000Z","receivedAt":"2024-05-01T11:00:02.000Z",`+
		`"payload":{"eventType":%d,"localId":"l1","process":{"id":"e1:4242:1714550000000",`+
		`"parentId":"e1:700:1714540000000","pid":4242,"ppid":700,`+
		`"startTime":"2024-05-01T08:33:20.000Z","user":"CORP\\ana","userSID":"S-1-5-21-1",`+
		`"program":{"path":"c:\\windows\\system32\\cmd.exe","fsName":"cmd.exe",`+
		`"filename":"Cmd.Exe","md5":"aa","sha256":"bb","size":289792,"arch":"x64"}},`+
		`"data":{%s}%s}}`, eventType, data, extra)
}

// nested is a nested process block (targetProcess, serviceProcess, ...) in data.
const nested = `{"id":"e1:88:1714000000000","parentId":"e1:4:1713000000000","pid":88,` +
	`"ppid":4,"startTime":1714000000000,"pstartTime":1713000000000,` +
	`"user":"NT AUTHORITY\\SYSTEM",` +
	`"userSID":"S-1-5-18","privilegeLevel":"SYSTEM","noGui":true,"logonId":"0x3e7",` +
	`"program":{"path":"c:\\windows\\system32\\lsass.exe","fsName":"lsass.exe",` +
	`"filename":"lsass.exe","md5":"cc","size":59456,"arch":"x64",` +
	`"certInfo":{"signer":"Microsoft Windows","issuer":"Microsoft Windows Production PCA 2011",` +
	`"trusted":true,"expired":false}}}`

// TestEventTypes states, per event type, the STIX facts a raw Hunt API event maps to.
func TestEventTypes(t *testing.T) {
	common := []string{
		`x-oca-event.code=900000000000000001`,
		`x-oca-event.created="2024-05-01T11:00:02.000Z"`,
		`x-oca-event.process_ref.pid=4242`,
		`x-oca-event.parent_process_ref.pid=700`,
		`x-oca-event.user_ref.user_id="CORP\\ana"`,
		`x-oca-event.file_ref.name="cmd.exe"`,
		`process.binary_ref.parent_directory_ref->directory`,
		`process.created="2024-05-01T08:33:20.000Z"`,
		`x-reaqta-event.local_id="l1"`,
		`x-oca-asset.host_id="e1"`,
	}
	for _, tc := range []struct {
		name  string
		event string
		want  []string
	}{
		{"2 process created",
			hunt(2, `"cmdLine":"cmd.exe /c whoami","cmdLineArgs":["/c","whoami"]`),
			[]string{`x-oca-event.action="Process Created"`, `x-oca-event.category="2"`,
				`process.command_line="cmd.exe /c whoami"`,
				`process.extensions.x-reaqta-process.command_line_args=["/c","whoami"]`,
				`process.name="cmd.exe"`, `process.binary_ref.hashes.MD5="aa"`,
				`process.binary_ref.extensions.x-reaqta-program.filename="Cmd.Exe"`,
				`process.parent_ref.x_unique_id="e1:700:1714540000000"`}},
		{"4 cross-process operation", hunt(4, `"targetProcess":`+nested),
			[]string{`x-oca-event.action="Cross-process Operation"`,
				`process.x_unique_id="e1:88:1714000000000"`,
				`process.created="2024-04-24T23:06:40.000Z"`,
				`process.extensions.x-reaqta-process.privilege_level="SYSTEM"`,
				`process.extensions.x-reaqta-process.no_gui=true`,
				`process.extensions.windows-process-ext.owner_sid="S-1-5-18"`,
				`process.binary_ref.name="lsass.exe"`,
				`process.creator_user_ref.user_id="NT AUTHORITY\\SYSTEM"`,
				`process.parent_ref.created="2024-04-13T09:20:00.000Z"`,
				`x509-certificate.issuer="Microsoft Windows Production PCA 2011"`,
				`x509-certificate.extensions.x-reaqta-cert.trusted=true`}},
		{"5 file created", hunt(5, `"file":"c:\\users\\ana\\x.docx","sha256":"dd"`),
			[]string{`x-oca-event.action="File Created"`, `file.name="x.docx"`,
				`file.hashes.SHA-256="dd"`, `file.parent_directory_ref.path="c:\\users\\ana"`}},
		{"6 file renamed", hunt(6, `"file":"c:\\t\\a.txt","newFile":"c:\\t\\b\\a.txt.bak"`),
			[]string{`file.name="a.txt.bak"`, `file.parent_directory_ref.path="c:\\t\\b"`}},
		{"8 network outbound", hunt(8, `"addressFamily":0,"protocol":0,"localAddr":"10.0.0.5",`+
			`"localPort":50000,"remoteAddr":"93.184.216.34","remotePort":443,"outbound":true`),
			[]string{`x-oca-event.action="Network Connection Established"`,
				`x-oca-event.network_ref.src_ref->ipv4-addr`,
				`network-traffic.src_ref.value="10.0.0.5"`, `network-traffic.src_port=50000`,
				`network-traffic.dst_ref.value="93.184.216.34"`, `network-traffic.dst_port=443`,
				`network-traffic.protocols=["tcp"]`,
				`network-traffic.extensions.x-reaqta-network.address_family="IPv4"`,
				`network-traffic.extensions.x-reaqta-network.outbound=true`,
				`x-oca-event.ip_refs.value="10.0.0.5"`, `x-oca-asset.ip_refs.value="10.0.0.5"`}},
		{"8 network inbound IPv6", hunt(8, `"addressFamily":1,"protocol":1,"localAddr":"fd00::5",`+
			`"localPort":53,"remoteAddr":"fd00::9","remotePort":40000,"outbound":false`),
			[]string{`network-traffic.src_ref.value="fd00::9"`, `network-traffic.src_port=40000`,
				`network-traffic.dst_ref.value="fd00::5"`, `network-traffic.dst_port=53`,
				`network-traffic.src_ref.type="ipv6-addr"`, `network-traffic.protocols=["udp"]`,
				`network-traffic.extensions.x-reaqta-network.address_family="IPv6"`,
				`x-oca-asset.ip_refs.value="fd00::5"`}},
		{"10 registry value set", hunt(10, `"rootObject":"\\registry\\machine\\software\\run",`+
			`"name":"Updater","data":"c:\\users\\public\\u.exe","type":1`),
			[]string{`x-oca-event.action="Registry Value Set"`,
				`windows-registry-key.key="\\registry\\machine\\software\\run"`,
				`windows-registry-key.values=[{"data":"c:\\users\\public\\u.exe",` +
					`"name":"Updater"}]`,
				`x-reaqta-event.root_object="\\registry\\machine\\software\\run"`,
				`x-reaqta-event.name="Updater"`}},
		{"36 WMI activity", hunt(36, `"version":1,"etwEventId":11,"operation":"start query",`+
			`"namespaceName":"\\\\.\\root\\cimv2","hostPid":1400,"clientPid":5000,`+
			`"clientMachine":"WS-1","clientMachineFqn":"ws-1.corp.example","isLocal":true,`+
			`"user":"CORP\\bob"`),
			[]string{`x-oca-event.action="WMI Activity"`, `x-oca-event.host_ref.hostname="WS-1"`,
				`x-oca-asset.extensions.x-wmi-event.client_machine_fqn="ws-1.corp.example"`,
				`process.pid=1400`, `process.pid=5000`, `user-account.user_id="CORP\\bob"`,
				`x-reaqta-event.namespace_name="\\\\.\\root\\cimv2"`,
				`x-reaqta-event.is_local=true`, `x-oca-event.code=11`}},
		{"37 ETW WinINet", hunt(37, `"url":"https://example.org/a","requestHeaders":"GET /a"`),
			[]string{`x-oca-event.action="ETW WinINet"`, `url.value="https://example.org/a"`}},
		{"38 ETW DNS",
			hunt(38, `"queryName":"example.org","queryType":1,"queryResults":"1.2.3.4;"`),
			[]string{`x-oca-event.action="ETW DNS"`, `domain-name.value="example.org"`,
				`x-reaqta-event.queryName="example.org"`}},
		{"39 account logged on", hunt(39, `"etwEventId":4624,"etwEventVersion":2,"etwTask":12544,`+
			`"etwSubjectUserSid":"S-1-5-18","etwSubjectUserName":"WS-1$",`+
			`"etwSubjectDomainName":"CORP","etwTargetUserName":"ana","etwLogonType":"3",`+
			`"etwIpAddress":"10.0.0.9","etwIpPort":"50123","etwWorkstationName":"WS-9",`+
			`"etwProcessId":"0x2a4","etwProcessName":"C:\\Windows\\System32\\lsass.exe",`+
			`"etwLogonProcessName":"NtLmSsp","etwStatus":"0x0","etwSubStatus":"0x0"`),
			[]string{`x-oca-event.action="Account Logged On"`, `x-oca-event.code=4624`,
				`x-oca-event.extensions.x-reaqta-etw.etw_event_version=2`,
				`x-oca-event.ip_refs.value="10.0.0.9"`, `x-oca-event.process_ref.pid=676`,
				`x-oca-event.process_ref.name="lsass.exe"`,
				`x-oca-event.user_ref.user_id="WS-1$"`,
				`file.parent_directory_ref.path="C:\\Windows\\System32"`,
				`process.extensions.windows-process-ext.owner_sid="S-1-5-18"`,
				`user-account.user_id="ana"`, `x-oca-asset.hostname="WS-9"`,
				`x-oca-asset.ip_refs.value="10.0.0.9"`,
				`x-reaqta-etw.etw_logon_type="3"`, `x-reaqta-etw.etwTask=12544`,
				`x-reaqta-etw.etwSubjectDomainName="CORP"`, `x-reaqta-etw.etwSubStatus="0x0"`}},
		{"57 module loaded", hunt(57, `"path":"c:\\windows\\system32\\amsi.dll",`+
			`"fsName":"amsi.dll","filename":"AMSI.DLL","md5":"ee","size":96256,"arch":"x64",`+
			`"fileType":2,"creationTime":1680000000000,`+
			`"certInfo":{"signer":"Microsoft Windows","issuer":"PCA","trusted":true,`+
			`"expired":false}`),
			[]string{`x-oca-event.action="Module Loaded"`, `file.name="amsi.dll"`,
				`file.hashes.MD5="ee"`, `file.size=96256`,
				`file.created="2023-03-28T10:40:00.000Z"`,
				`file.extensions.x-reaqta-data.file_type=2`,
				`file.extensions.x-reaqta-data.filename="AMSI.DLL"`,
				`file.parent_directory_ref.path="c:\\windows\\system32"`,
				`x509-certificate.issuer="PCA"`}},
		{"63 in-memory executable",
			hunt(63, `"peType":2,"regionSize":225280,"allocatorProc":`+nested),
			[]string{`x-oca-event.action="In Memory Executable"`, `x-reaqta-event.pe_type=2`,
				`x-reaqta-event.region_size=225280`, `process.binary_ref.name="lsass.exe"`}},
		{"65 MITRE ATT&CK, raw tactics", hunt(65, `"technique":"T1053","tactics":[2,3,13]`),
			[]string{`x-oca-event.action="Mitre ATT&CK ™"`,
				`x-ibm-ttp-tagging.name="T1053"`,
				`x-ibm-ttp-tagging.extensions.mitre-attack-ext.tactic_name="Execution"`,
				`x-ibm-ttp-tagging.extensions.mitre-attack-ext.tactic_name="Persistence"`,
				`x-ibm-ttp-tagging.extensions.mitre-attack-ext.tactic_name="Unknown"`,
				`x-ibm-ttp-tagging.extensions.mitre-attack-ext.x_reaqta_tactic_number=13`,
				`x-ibm-ttp-tagging.extensions.mitre-attack-ext.technique_name="T1053"`,
				`x-oca-event.ttp_tagging_refs.extensions.mitre-attack-ext.` +
					`tactic_name="Execution"`}},
		{"67 WMI event consumer", hunt(67, `"consumerName":"upd","consumerType":1,`+
			`"eventNamespace":"root\\subscription","machineName":"WS-1","consumerData":`+
			`{"scriptFileName":"c:\\ps\\u.vbs","scriptingEngine":"VBScript",`+
			`"workingDirectory":"c:\\ps"}`),
			[]string{`x-oca-asset.hostname="WS-1"`,
				`x-oca-asset.extensions.x-reaqta-consumer.consumer_name="upd"`,
				`x-oca-asset.extensions.x-reaqta-consumer.scriptingEngine="VBScript"`,
				`file.name="u.vbs"`, `file.parent_directory_ref.path="c:\\ps"`}},
		{"76 anti-malware detection", hunt(76, `"appName":"Defender","avObjectStatus":1,`+
			`"avScanReason":2,"avThreatType":0,"scanResult":1,"contentName":"c:\\x.exe",`+
			`"avThreatInfoArray":["Trojan:Win32/X"]`),
			[]string{`x-ibm-finding.name="1"`, `x-ibm-finding.finding_type="0"`,
				`x-ibm-finding.extensions.x-reaqta-avdetection.av_scan_reason=2`,
				`x-ibm-finding.extensions.x-reaqta-avdetection.av_threat_info_array=` +
					`["Trojan:Win32/X"]`,
				`x-oca-event.agent="Defender"`,
				`x-oca-event.extensions.x-reaqta-amsi.content_name="c:\\x.exe"`}},
		{"81 scheduled task", hunt(81, `"taskName":"\\Updater","actionName":"c:\\u.exe",`+
			`"hostPid":1144,"engineProcess":`+nested),
			[]string{`x-oca-event.action="Scheduled Task Created"`,
				`x-reaqta-event.task_name="\\Updater"`, `x-reaqta-event.action_name="c:\\u.exe"`,
				`x-oca-event.start="2024-04-24T23:06:40.000Z"`,
				`x-oca-event.process_ref.x_unique_id="e1:88:1714000000000"`}},
		{"87 service started", hunt(87, `"serviceName":"Spooler","displayName":"Print",`+
			`"serviceType":16,"startType":2,"rootObject":"\\registry\\machine\\system\\spooler",`+
			`"serviceProcess":`+nested),
			[]string{`x-oca-event.action="Service Started"`,
				`x-reaqta-event.service_name="Spooler"`, `x-reaqta-event.display_name="Print"`,
				`x-reaqta-event.service_type=16`, `x-reaqta-event.start_type=2`,
				`windows-registry-key.key="\\registry\\machine\\system\\spooler"`,
				`process.binary_ref.name="lsass.exe"`}},
		{"28 policy hit", hunt(28,
			`"matched":[{"policyId":"p1","versionId":"v1","matcherId":"m1"},`+
				`{"policyId":"p2"}]`, `"triggeredIncidents":["i1"]`),
			[]string{`x-oca-event.action="Policy Hit"`, `x-ibm-finding.finding_type="alert"`,
				`x-ibm-finding.name="p1"`, `x-ibm-finding.name="p2"`,
				`x-ibm-finding.x_reaqta_version_id="v1"`, `x-ibm-finding.x_reaqta_matcher_id="m1"`,
				`x-oca-event.extensions.x-reaqta-alert.triggered_incidents=["i1"]`}},
		{"60 custom event", hunt(60, `"customType":"Keeper-info","customName":"Perf",`+
			`"relevance":10,"tags":["a"]`),
			[]string{`x-reaqta-event.custom_type="Keeper-info"`,
				`x-reaqta-event.custom_name="Perf"`,
				`x-reaqta-event.relevance=10`, `x-reaqta-event.tags=["a"]`}},
		{"64 process killed", hunt(64, `"targetProcessId":9520,"returnCode":0`),
			[]string{`x-oca-event.action="Process Killed"`, `process.pid=9520`,
				`x-reaqta-event.return_code=0`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			od := mapEvent(t, STIX20, tc.event)
			if len(od.Warnings) > 0 {
				t.Errorf("warnings: %v", od.Warnings)
			}
			got := facts(od)
			if m := missing(got, append(tc.want, common...)); len(m) > 0 {
				t.Errorf("missing facts:\n%s\ngot:\n%s", strings.Join(m, "\n"),
					strings.Join(got, "\n"))
			}
		})
	}
}
