package compiler

import (
	"net/netip"
	"strings"
)

// networkAddresses returns the text forms of the addresses that a property compared with
// ISSUBSET (subset true) or ISSUPERSET of the address or CIDR block s can hold, when they
// are few: the addresses of a block of at most maxStrings addresses for ISSUBSET, the one
// address of a full-length block for ISSUPERSET. An IPv6 address is written both in its
// canonical form and in full, the two forms events are likely to carry.
//
// Limitation: events are assumed to write IPv4 addresses in dotted decimal without leading
// zeros and IPv6 addresses in one of those two forms, in lower case.
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
		if a.Is6() && a.StringExpanded() != a.String() {
			out = append(out, a.StringExpanded())
		}
		a = a.Next()
	}
	return out, true
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
