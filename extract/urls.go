package extract

import (
	"net/url"
	"path"
	"strings"
)

// trackingParams are query parameters that only identify a campaign or a
// click; they are dropped from related-link and image URLs so that the same
// story linked from two promos has one URL.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "igshid": true,
	"ocid": true, "cmpid": true, "ito": true, "xtor": true,
}

// trackingPrefixes are prefixes of tracking parameter names (utm_source...).
var trackingPrefixes = []string{"utm_", "__twitter_impression", "ns_", "pk_"}

func isTrackingParam(k string) bool {
	k = strings.ToLower(k)
	if trackingParams[k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// absURL makes ref absolute against base. It returns "" for an empty
// reference, a fragment-only one, and schemes that are not web addresses
// (javascript:, mailto:, data:).
func absURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		// A relative reference with no usable base stays relative only if it
		// has a host (protocol-relative); otherwise there is nothing to fetch.
		if u.Host == "" {
			return ""
		}
		u.Scheme = "https"
	default:
		return ""
	}
	return u.String()
}

// cleanURL removes tracking parameters and the fragment from an absolute
// URL. The remaining query keeps its parameters in their original order, so
// that cleanURL(cleanURL(u)) == cleanURL(u). A string that does not parse is
// returned unchanged.
func cleanURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment = ""
	u.RawFragment = ""
	if u.RawQuery != "" {
		parts := strings.Split(u.RawQuery, "&")
		kept := parts[:0]
		for _, part := range parts {
			if part == "" {
				continue
			}
			k := part
			if i := strings.IndexByte(part, '='); i >= 0 {
				k = part[:i]
			}
			if dk, err := url.QueryUnescape(k); err == nil {
				k = dk
			}
			if isTrackingParam(k) {
				continue
			}
			kept = append(kept, part)
		}
		u.RawQuery = strings.Join(kept, "&")
		u.ForceQuery = false
	}
	out := u.String()
	if out2 := urlReparse(out); out2 != out {
		// Some inputs do not round-trip through url.URL.String (odd escapes
		// in the path); keep the raw string then so that the result stays
		// a fixed point.
		return raw
	}
	return out
}

// urlReparse returns the String of s parsed again, or s if it does not parse.
func urlReparse(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	return u.String()
}

// absCleanURL resolves ref against base and removes tracking parameters.
func absCleanURL(base *url.URL, ref string) string {
	abs := absURL(base, ref)
	if abs == "" {
		return ""
	}
	return cleanURL(abs)
}

// imageKey is the identity used to merge two mentions of one image: the
// host and path without scheme, query or case. Image CDNs put size and crop
// options in the query, so two renditions of one file share a key.
func imageKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return strings.ToLower(raw)
	}
	key := strings.ToLower(strings.TrimPrefix(u.Host, "www.") + u.EscapedPath())
	if u.RawQuery != "" {
		switch strings.ToLower(path.Ext(u.Path)) {
		case ".php", ".asp", ".aspx", ".ashx", ".jsp", ".cgi":
			// a script ("/image.php?id=7") names the file in the query
			key += "?" + u.RawQuery
		}
	}
	return key
}

// hostIn reports whether host is one of the domains or a subdomain of one
// (case-insensitive).
func hostIn(host string, domains []string) bool {
	host = strings.ToLower(host)
	for _, d := range domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
