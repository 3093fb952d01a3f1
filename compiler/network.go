package compiler

import (
	"net/netip"
	"slices"
	"strings"
)

// networkAddresses returns the text forms of the addresses that a property compared with
// ISSUBSET (subset true) or ISSUPERSET of the address or CIDR block s can hold, when they
// are few: the addresses of a block of at most maxStrings addresses for ISSUBSET, the one
// address of a full-length block for ISSUPERSET. An IPv6 address is written in its
// canonical form and in full, each in lower and in upper case, the forms events are likely
// to carry.
//
// Limitation: events are assumed to write IPv4 addresses in dotted decimal without leading
// zeros and IPv6 addresses in one of those four forms; another spelling (mixed case, some
// zeros compressed and not others) is missed.
func networkAddresses(s string, subset bool) ([]string, bool) {
	p, ok := parseBlock(s)
	if !ok {
		return nil, false
	}
	hostBits := p.Addr().BitLen() - p.Bits()
	if hostBits > 4 || !subset && hostBits > 0 {
		return nil, false
	}
	var out []string
	a := p.Addr()
	for i := 0; i < 1<<hostBits; i++ {
		out = append(out, a.String())
		if a.Is6() {
			out = appendNew(out, a.StringExpanded(), strings.ToUpper(a.String()),
				strings.ToUpper(a.StringExpanded()))
		}
		a = a.Next()
	}
	return out, true
}

// appendNew appends each of ss that out does not hold yet.
func appendNew(out []string, ss ...string) []string {
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// parseBlock reads an address or a CIDR block, masked to its network.
func parseBlock(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err == nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}
