package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrForbiddenAddress is returned when a connection would go to a loopback,
// private, link-local, metadata or otherwise internal address, or to a port
// other than 80 and 443, while private addresses are not allowed.
var ErrForbiddenAddress = errors.New("forbidden address")

// forbiddenPrefixes are ranges never crawled unless private addresses are
// allowed, beyond what netip's predicates already cover.
var forbiddenPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),         // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),     // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),      // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),     // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),       // reserved
	netip.MustParsePrefix("64:ff9b::/96"),      // NAT64, can reach IPv4 internals
	netip.MustParsePrefix("fd00:ec2::254/128"), // AWS metadata over IPv6
}

// checkAddress refuses internal addresses and non-web ports. It runs on the
// address actually dialled, after DNS resolution, so a name that resolves
// (or re-resolves) to an internal address cannot slip through.
func checkAddress(address string) error {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	if port != "80" && port != "443" {
		return fmt.Errorf("%w: port %s", ErrForbiddenAddress, port)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, host)
	}
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, ip)
	}
	for _, p := range forbiddenPrefixes {
		if p.Contains(ip) {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, ip)
		}
	}
	return nil
}

// dialControl is a net.Dialer.Control that applies checkAddress.
func dialControl(network, address string, _ syscall.RawConn) error {
	return checkAddress(address)
}
