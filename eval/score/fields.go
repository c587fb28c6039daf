package score

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Fold collapses runs of white space to one space and trims the ends.
func Fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// SameString is the exact comparison used for title, byline and site name:
// equal after folding white space.
func SameString(gold, pred string) bool { return Fold(gold) == Fold(pred) }

// nameSeparators split a byline string into names. Applied alike to gold
// strings (postlight, mozilla) and to peers that return one byline string,
// so no extractor is favoured by the splitting.
var nameSeparators = []string{";", ",", " and ", " & ", " und ", " y ", " et "}

// SplitNames splits a byline string into names, dropping a leading "By".
func SplitNames(s string) []string {
	s = Fold(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = s[3:]
	}
	parts := []string{s}
	for _, sep := range nameSeparators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	var out []string
	for _, p := range parts {
		if p = Fold(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SameAuthors compares two author lists as sets, case and surrounding white
// space ignored. Two empty lists are equal: a page without authors is
// scored on not inventing one.
func SameAuthors(gold, pred []string) bool {
	g, p := nameSet(gold), nameSet(pred)
	if len(g) != len(p) {
		return false
	}
	for i := range g {
		if g[i] != p[i] {
			return false
		}
	}
	return true
}

func nameSet(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.ToLower(Fold(n))
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// SameLanguage compares the primary subtags of two language tags ("en-US"
// and "en" match), case-insensitively.
func SameLanguage(gold, pred string) bool {
	g, p := primaryTag(gold), primaryTag(pred)
	return g != "" && g == p
}

func primaryTag(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	return s
}

// Date is a gold date as the dataset states it.
type Date struct {
	T time.Time
	// Zoned: the gold gives an offset; days are compared in it.
	Zoned bool
	// Timed: the gold gives a time of day (a naive midnight is taken as a
	// day only, which is how fundus writes dates without a time).
	Timed bool
}

// goldLayouts are the date spellings found in the datasets, tried in order.
var goldLayouts = []struct {
	layout       string
	zoned, timed bool
}{
	{time.RFC3339Nano, true, true},
	{"2006-01-02 15:04:05.999999999Z07:00", true, true},
	{"2006-01-02T15:04:05.999999999Z0700", true, true},
	{"2006-01-02 15:04:05.999999999Z0700", true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{time.UnixDate, true, true},
	{time.RubyDate, true, true},
	{time.RFC1123Z, true, true},
	{time.RFC1123, true, true},
	{"2006-01-02T15:04:05.999999999", false, true},
	{"2006-01-02 15:04:05.999999999", false, true},
	{"2006-01-02T15:04", false, true},
	{"2006-01-02 15:04", false, true},
	{"2006-01-02", false, false},
}

// zoneAbbrev gives offsets for the zone names seen in goose3's dates; Go's
// parser accepts an unknown abbreviation but gives it offset zero.
var zoneAbbrev = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"BST": 1, "CET": 1, "CEST": 2, "IST": 5, // IST as India (5:30) is fixed below
}

// ParseGoldDate reads a gold date in any of the datasets' spellings.
func ParseGoldDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, l := range goldLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if l.zoned {
			if name, off := t.Zone(); off == 0 {
				if h, ok := zoneAbbrev[name]; ok && h != 0 {
					sec := h * 3600
					if name == "IST" {
						sec += 1800
					}
					y, mo, d := t.Date()
					hh, mm, ss := t.Clock()
					t = time.Date(y, mo, d, hh, mm, ss, t.Nanosecond(), time.FixedZone(name, sec))
				}
			}
		}
		timed := l.timed
		if timed && !l.zoned && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			timed = false
		}
		return Date{T: t, Zoned: l.zoned, Timed: timed}, nil
	}
	return Date{}, fmt.Errorf("parse gold date %q: unknown layout", s)
}

// SameDay reports whether pred falls on gold's calendar day. With a zoned
// gold the prediction is first moved into the gold's offset (the page's own
// offset in fundus and mozilla; UTC in postlight, whose gold is stored in
// UTC); with a naive gold the prediction's own wall clock is used.
func SameDay(gold Date, pred *time.Time) bool {
	if pred == nil || pred.IsZero() {
		return false
	}
	p := *pred
	if gold.Zoned {
		p = p.In(gold.T.Location())
	}
	gy, gm, gd := gold.T.Date()
	py, pm, pd := p.Date()
	return gy == py && gm == pm && gd == pd
}

// SameMinute reports whether pred is gold to the minute; ok is false when
// the gold has no time of day (not scored then).
func SameMinute(gold Date, pred *time.Time) (same, ok bool) {
	if !gold.Timed {
		return false, false
	}
	if pred == nil || pred.IsZero() {
		return false, true
	}
	if gold.Zoned {
		return pred.Truncate(time.Minute).Equal(gold.T.Truncate(time.Minute)), true
	}
	const wall = "2006-01-02T15:04"
	return pred.Format(wall) == gold.T.Format(wall), true
}
