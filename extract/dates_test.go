package extract

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want string // RFC 3339 with fraction, "" when the input must not parse
	}{
		{"2022-06-10T14:05:00+05:30", "2022-06-10T14:05:00+05:30"},
		{"2022-06-10T14:05:00.123Z", "2022-06-10T14:05:00.123Z"},
		{"2022-06-10T14:05:00.389000+00:00", "2022-06-10T14:05:00.389Z"},
		{"2022-06-10 14:05:00", "2022-06-10T14:05:00Z"},
		{"2022-06-10T14:05", "2022-06-10T14:05:00Z"},
		{"2022-06-10T14:05:00+0530", "2022-06-10T14:05:00+05:30"},
		{"2022-06-10T14:05:00-04", "2022-06-10T14:05:00-04:00"},
		{"2022-06-10", "2022-06-10T00:00:00Z"},
		{"2022/06/10", "2022-06-10T00:00:00Z"},
		{"20220610T140500Z", "2022-06-10T14:05:00Z"},
		{"Fri, 10 Jun 2022 14:05:00 GMT", "2022-06-10T14:05:00Z"},
		{"Fri, 10 Jun 2022 14:05:00 +0530", "2022-06-10T14:05:00+05:30"},
		{"June 10, 2022", "2022-06-10T00:00:00Z"},
		{"Jun 10, 2022 2:05 PM EDT", "2022-06-10T14:05:00-04:00"},
		{"10 June 2022 14:05 IST", "2022-06-10T14:05:00+05:30"},
		{"Updated: 10 June 2022, 2:05 p.m. IST", "2022-06-10T14:05:00+05:30"},
		{"10th June 2022", "2022-06-10T00:00:00Z"},
		{"10.06.2022 14:05", "2022-06-10T14:05:00Z"},
		{"06/10/2022", "2022-06-10T00:00:00Z"},
		{"25/12/2021", "2021-12-25T00:00:00Z"},
		{"10. Juni 2022", "2022-06-10T00:00:00Z"},
		{"2019年4月21日 12時30分", "2019-04-21T12:30:00Z"},
		{"10 June 2022 09:00 GMT+5:30", "2022-06-10T09:00:00+05:30"},
		{"April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm", "2019-04-28T06:01:00Z"},
		{"1654869900", "2022-06-10T14:05:00Z"},
		{"1654869900123", "2022-06-10T14:05:00.123Z"},
		{"", ""},
		{"yesterday", ""},
		{"2022-02-30", ""},
		{"2022-13-01", ""},
		{"2022-06-10T25:00", ""},
		{"2022-06-10T14:05:00+25:00", ""},
		{"June 2022", ""},
		{"12345", ""},
	}
	for _, c := range cases {
		got, ok := parseDate(c.in)
		if c.want == "" {
			if ok {
				t.Errorf("parseDate(%q) = %v, want no date", c.in, got)
			}
			continue
		}
		if !ok {
			t.Errorf("parseDate(%q) failed, want %s", c.in, c.want)
			continue
		}
		if s := got.Format(time.RFC3339Nano); s != c.want {
			t.Errorf("parseDate(%q) = %s, want %s", c.in, s, c.want)
		}
	}
}

func TestParseDateInfoPrecision(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][2]bool{
		"2022-06-10":                {false, false},
		"2022-06-10T14:05":          {true, false},
		"2022-06-10T14:05Z":         {true, true},
		"June 10, 2022":             {false, false},
		"June 10, 2022 2:05 PM EDT": {true, true},
	} {
		d, ok := parseDateInfo(in)
		if !ok || d.hasTime != want[0] || d.hasZone != want[1] {
			t.Errorf("parseDateInfo(%q) = %+v %v, want time=%v zone=%v", in, d, ok, want[0], want[1])
		}
	}
}

func TestURLDate(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]string{
		"/2022/06/10/story/":            "2022-06-10",
		"/news/2022-06-10-story":        "2022-06-10",
		"/a/20220610/story.html":        "2022-06-10",
		"/2022/06/story":                "",
		"/id/123456789/story":           "",
		"/1985/01/02/old":               "",
		"/story-2022-06-10T14:05:00Z/x": "",
	} {
		d, ok := urlDate(path)
		got := ""
		if ok {
			got = d.t.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("urlDate(%q) = %q, want %q", path, got, want)
		}
	}
}

// FuzzParseDate: no panic, and a parsed date written as RFC 3339 parses
// back to the same instant and offset.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2022-06-10T14:05:00+05:30", "June 10, 2022", "10 June 2022 14:05 IST", "Fri, 10 Jun 2022 14:05:00 GMT",
		"1654869900", "1654869900123", "2019年4月21日", "10.06.2022", "06/10/2022", "2022-06-10T14:05:00.123456789-03:30",
		"GMT+5:30", "+05:30 12:00 1 Jan 2000", "20220610",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseDate(s)
		if !ok {
			return
		}
		out := d.Format(time.RFC3339Nano)
		d2, ok := parseDate(out)
		if !ok {
			t.Fatalf("parseDate(%q) = %s, which does not parse again", s, out)
		}
		_, off1 := d.Zone()
		_, off2 := d2.Zone()
		if !d.Equal(d2) || off1 != off2 {
			t.Fatalf("parseDate(%q) = %s, reparsed as %s", s, out, d2.Format(time.RFC3339Nano))
		}
	})
}

// A date the page writes without an offset is local time where the page is
// written, when its language or host tells the place.
func TestLocalZoneDates(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, url, lang, date, want string
	}{
		{"japanese date only", "https://news.example.jp/a", "ja", "2019年4月4日", "2019-04-04T00:00:00+09:00"},
		{"german summer", "https://example.com/a", "de", "19.07.2022", "2022-07-19T00:00:00+02:00"},
		{"german winter", "https://example.com/a", "de-DE", "2022-01-19T10:00", "2022-01-19T10:00:00+01:00"},
		{"last sunday of october is still summer", "https://example.fr/a", "", "2022-10-30", "2022-10-30T00:00:00+02:00"},
		{"uk summer from tld", "https://example.co.uk/a", "", "2022-06-01", "2022-06-01T00:00:00+01:00"},
		{"stated offset kept", "https://example.jp/a", "ja", "2019-04-04T10:00:00Z", "2019-04-04T10:00:00Z"},
		{"english on .com stays utc", "https://example.com/a", "en", "2019-04-04", "2019-04-04T00:00:00Z"},
		{"unlisted region beats the tld", "https://example.de/a", "en-US", "2019-04-04", "2019-04-04T00:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			lang := ""
			if c.lang != "" {
				lang = ` lang="` + c.lang + `"`
			}
			page := `<html` + lang + `><head><title>T</title><meta property="article:published_time" content="` + c.date + `"></head><body></body></html>`
			p := metaPass(t, page, c.url)
			if got := rfc(p.art.PublishedAt); got != c.want {
				t.Errorf("published %q, want %q", got, c.want)
			}
		})
	}
}

// A dateline without a telling class is read from the few texts right
// after the headline, when nothing else dates the page.
func TestDateUnderHeadline(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body, want string
	}{
		{"plain span", `<h1>The council approves the bridge</h1><div><span class="x1">Politics</span><span class="x2">December 14, 2016</span></div><p>Body text.</p>`, "2016-12-14T00:00:00Z"},
		{"japanese with time", `<h1>The council approves the bridge</h1><p class="fs12"><a href="/t">Topics</a> 2019年3月15日 09:43</p>`, "2019-03-15T09:43:00Z"},
		{"a historical date is not the dateline", `<h1>The council approves the bridge</h1><p>August 14, 1935</p>`, ""},
		{"too far below", `<h1>The council approves the bridge</h1>` + strings.Repeat(`<p>Some words.</p>`, 12) + `<p>December 14, 2016</p>`, ""},
		{"before the headline does not count", `<p>December 14, 2016</p><h1>The council approves the bridge</h1>`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			page := `<html><head><meta property="og:title" content="The council approves the bridge"></head><body>` + c.body + `</body></html>`
			p := metaPass(t, page, "https://news.example/a")
			if got := rfc(p.art.PublishedAt); got != c.want {
				t.Errorf("published %q, want %q", got, c.want)
			}
		})
	}
}

func TestRelativeTimeElement(t *testing.T) {
	t.Parallel()
	page := `<html><head><title>repo</title></head><body><h1>owner/repo</h1><relative-time datetime="2020-07-07T12:10:51Z">Jul 7</relative-time></body></html>`
	p := metaPass(t, page, "https://code.example/owner/repo")
	if got := rfc(p.art.PublishedAt); got != "2020-07-07T12:10:51Z" || p.art.Provenance["published_at"] != srcTime {
		t.Errorf("published %q (%s)", got, p.art.Provenance["published_at"])
	}
}
