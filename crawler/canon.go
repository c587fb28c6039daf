package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// MaxURLLength is the longest canonical URL the crawler accepts.
const MaxURLLength = 2048

// Errors of URL handling.
var (
	ErrBadURL      = errors.New("unsupported url")
	ErrURLTooLong  = errors.New("url too long")
	ErrURLTrap     = errors.New("url looks like a crawler trap")
	ErrOffSite     = errors.New("url outside allowed domains")
	ErrBadRedirect = errors.New("redirect refused")
)

// droppedParams are query keys that never change the page: trackers and
// session ids. Keys starting with utm_ are dropped too.
var droppedParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "igshid": true,
	"jsessionid": true, "phpsessid": true, "sid": true, "sessionid": true, "aspsessionid": true,
}

// pathSessionRe matches ";jsessionid=..." style path parameters.
var pathSessionRe = regexp.MustCompile(`(?i);(jsessionid|phpsessid|sid)=[^/]*`)

// Canonicalize returns the canonical form of an absolute http(s) URL: lower
// scheme and host, no default port, no user info, no fragment, dot segments
// removed, percent-encoding normalised (unreserved characters decoded, hex in
// upper case), tracking and session parameters dropped, parameters sorted,
// no empty query. It is idempotent: Canonicalize of its output returns the
// output unchanged.
func Canonicalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	return canonicalURL(u)
}

func canonicalURL(u *url.URL) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("%w: scheme %q", ErrBadURL, u.Scheme)
	}
	host, err := canonicalHost(scheme, u.Host)
	if err != nil {
		return "", err
	}
	path := u.EscapedPath()
	if u.Opaque != "" {
		return "", fmt.Errorf("%w: opaque url", ErrBadURL)
	}
	path = pathSessionRe.ReplaceAllString(path, "")
	path = removeDotSegments(normEscapes(path, pathByteOK))
	if path == "" || path[0] != '/' {
		path = "/" + path
	}
	var b strings.Builder
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(path)
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	s := b.String()
	if len(s) > MaxURLLength {
		return "", ErrURLTooLong
	}
	return s, nil
}

func canonicalHost(scheme, hostport string) (string, error) {
	host, port := hostport, ""
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && !strings.Contains(hostport[i:], "]") {
		host, port = hostport[:i], hostport[i+1:]
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return "", fmt.Errorf("%w: no host", ErrBadURL)
	}
	if strings.HasPrefix(host, "[") {
		ip := net.ParseIP(strings.Trim(host, "[]"))
		if !strings.HasSuffix(host, "]") || ip == nil || ip.To4() != nil {
			return "", fmt.Errorf("%w: host %q", ErrBadURL, host)
		}
		host = "[" + ip.String() + "]"
	} else {
		for i := 0; i < len(host); i++ {
			c := host[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
				return "", fmt.Errorf("%w: host %q", ErrBadURL, host)
			}
		}
		if strings.Contains(host, "..") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
			return "", fmt.Errorf("%w: host %q", ErrBadURL, host)
		}
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n <= 0 || n > 65535 {
			return "", fmt.Errorf("%w: port %q", ErrBadURL, port)
		}
		if !(scheme == "http" && n == 80 || scheme == "https" && n == 443) {
			host += ":" + strconv.Itoa(n)
		}
	}
	return host, nil
}

func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		k, v, hasEq := strings.Cut(p, "=")
		k = normEscapes(k, queryByteOK)
		key := strings.ToLower(k)
		if dk, err := url.QueryUnescape(k); err == nil {
			key = strings.ToLower(dk)
		}
		if droppedParams[key] || strings.HasPrefix(key, "utm_") {
			continue
		}
		if hasEq {
			p = k + "=" + normEscapes(v, queryValueByteOK)
		} else {
			p = k
		}
		kept = append(kept, p)
	}
	sort.Strings(kept)
	return strings.Join(kept, "&")
}

func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func pathByteOK(c byte) bool {
	return unreserved(c) || strings.IndexByte("!$&'()*+,;=:@/", c) >= 0
}

// queryByteOK is for keys: '=' and '&' would change the split.
func queryByteOK(c byte) bool {
	return unreserved(c) || strings.IndexByte("!$'()*+,;:@/?", c) >= 0
}

func queryValueByteOK(c byte) bool { return queryByteOK(c) || c == '=' }

const upperHex = "0123456789ABCDEF"

func ishex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// normEscapes decodes percent-escapes of unreserved characters, upper-cases
// the others and escapes every byte ok refuses.
func normEscapes(s string, ok func(byte) bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]) {
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
			if unreserved(d) {
				b.WriteByte(d)
				continue
			}
			c = d
		} else if ok(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

// removeDotSegments is RFC 3986 section 5.2.4.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// RegistrableDomain returns the eTLD+1 of host ("www.bbc.co.uk" gives
// "bbc.co.uk"); an IP address or a bare name is returned as is.
func RegistrableDomain(host string) string {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if net.ParseIP(h) != nil {
		return h
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return h
	}
	return d
}

// hostAllowed reports whether the URL's host (port ignored) is one of the
// allowed domains or a subdomain of one. No allowed domains allows all.
func hostAllowed(u *url.URL, allowed []string) bool {
	if len(allowed) == 0 {
		return true
	}
	h := strings.ToLower(u.Hostname())
	for _, d := range allowed {
		d = strings.ToLower(strings.TrimPrefix(d, "."))
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}

var (
	digitsRe = regexp.MustCompile(`[0-9]+`)
	yearRe   = regexp.MustCompile(`(?:^|[^0-9])((?:20|21|22|23|24|25|26|27|28|29)[0-9]{2})(?:[-/_.]?(?:0[1-9]|1[0-2]))(?:[^0-9]|$)`)
)

// maxPathSegments is the deepest path followed from links.
const maxPathSegments = 16

// trapReason returns why a followed link looks like a crawler trap, or "".
// It catches repeated path segments (/a/b/a/b/a/b), absurdly deep paths and
// calendar dates in the far future; endless calendars and
// pagination inside the window are caught by the per-template cap in the
// crawl itself (see linkTemplate).
func trapReason(u *url.URL, now time.Time) string {
	segs := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	if len(segs) > maxPathSegments {
		return "path too deep"
	}
	seen := map[string]int{}
	for _, s := range segs {
		if s == "" {
			continue
		}
		seen[s]++
		if seen[s] >= 3 {
			return "repeated path segment " + s
		}
	}
	for _, m := range yearRe.FindAllStringSubmatch(u.EscapedPath()+"?"+u.RawQuery, -1) {
		y, _ := strconv.Atoi(m[1])
		if y > now.Year()+1 {
			return "calendar date in the far future"
		}
	}
	return ""
}

// linkTemplate is the URL with every digit run replaced by N: pages of one
// calendar or one pagination share a template, so capping the non-article
// pages followed per template stops endless ones.
func linkTemplate(canon string) string {
	return digitsRe.ReplaceAllString(canon, "N")
}
