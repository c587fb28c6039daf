package crawler

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCanonicalize(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"HTTP://Example.COM:80/a", "http://example.com/a"},
		{"https://example.com:443", "https://example.com/"},
		{"https://example.com:8443/x", "https://example.com:8443/x"},
		{"https://user:pw@example.com/x#frag", "https://example.com/x"},
		{"https://example.com/a?utm_source=x&b=2&a=1&fbclid=z&gclid=q", "https://example.com/a?a=1&b=2"},
		{"https://example.com/a?", "https://example.com/a"},
		{"https://example.com/a?PHPSESSID=1&sid=2&jsessionid=3&x=1", "https://example.com/a?x=1"},
		{"https://example.com/a;jsessionid=ABC123?x=1", "https://example.com/a?x=1"},
		{"https://example.com/%7euser/%2f%41", "https://example.com/~user/%2FA"},
		{"https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"https://example.com/../../a", "https://example.com/a"},
		{"https://example.com/a b", "https://example.com/a%20b"},
		{"https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"},
		{"https://example.com./x", "https://example.com/x"},
		{"https://[::1]:8080/x", "https://[::1]:8080/x"},
		{"https://example.com/a?q=a+b&q=%3d", "https://example.com/a?q=%3D&q=a+b"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := Canonicalize(tt.in)
			if err != nil {
				t.Fatalf("Canonicalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCanonicalizeRejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"ftp://x/y", "javascript:alert(1)", "mailto:a@b", "/relative", "http://", "http://a b/", "https://x.com/" + strings.Repeat("a", 2100)} {
		if got, err := Canonicalize(in); err == nil {
			t.Errorf("Canonicalize(%q) = %q, want error", in, got)
		}
	}
	if _, err := Canonicalize("https://x.com/" + strings.Repeat("a", 2100)); !errors.Is(err, ErrURLTooLong) {
		t.Errorf("long url: err = %v, want ErrURLTooLong", err)
	}
}

func TestRegistrableDomain(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"www.bbc.co.uk": "bbc.co.uk", "news.example.com:8080": "example.com",
		"127.0.0.1": "127.0.0.1", "localhost": "localhost",
	} {
		if got := RegistrableDomain(in); got != want {
			t.Errorf("RegistrableDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTrapReason(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		trap bool
	}{
		{"https://x.com/news/2026/11/28/story", false},
		{"https://x.com/a/b/a/b/a/b", true},
		{"https://x.com/calendar/2031-04", true},
		{"https://x.com/calendar?month=2099-12", true},
		{"https://x.com/" + strings.Repeat("s/", 20), true},
		{"https://x.com/history/1945/05/story", false},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.in)
		if got := trapReason(u, now) != ""; got != tt.trap {
			t.Errorf("trapReason(%q) = %q, want trap=%v", tt.in, trapReason(u, now), tt.trap)
		}
	}
	if linkTemplate("https://x.com/cal?m=2026-11") != linkTemplate("https://x.com/cal?m=2027-01") {
		t.Error("calendar pages should share a template")
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{"HTTP://Example.COM:80/a/./b/../c?b=2&a=1#x", "https://x.com/%7e%2f?utm_a=1&&q=%zz", "http://[::1]:80/", "https://x.com/a;jsessionid=1/b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c1, err := Canonicalize(s)
		if err != nil {
			return
		}
		c2, err := Canonicalize(c1)
		if err != nil {
			t.Fatalf("Canonicalize(%q) = %q which fails: %v", s, c1, err)
		}
		if c1 != c2 {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, c1, c2)
		}
	})
}
