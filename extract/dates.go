package extract

import (
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"time"
	"unicode"
	"unicode/utf8"
)

// We parse dates by hand instead of using a date-guessing library: pages
// write dates in a few dozen shapes, we must keep the offset the page states
// (most guessers convert to local time or UTC), and a hand-written scanner
// avoids regular expressions on a path that runs for every date candidate.

// parseDate reads a date as pages write it: ISO 8601 / RFC 3339 variants,
// RFC 1123, "June 10, 2022", "10 June 2022 14:05 IST", "10.06.2022",
// "2022年6月10日", and Unix timestamps in seconds or milliseconds. The result
// keeps the offset the text states; a value without one is UTC.
func parseDate(s string) (time.Time, bool) {
	d, ok := parseDateInfo(s)
	return d.t, ok
}

// dateInfo is a parsed date and how much of it the text stated.
type dateInfo struct {
	t       time.Time
	hasTime bool // a time of day was given
	hasZone bool // an offset or zone was given
}

// Sanity bounds: beyond them a number is not a date of a news page, and
// RFC 3339 cannot write the year back.
const (
	minDateYear = 1800
	maxDateYear = 2200
	maxOffset   = 18 * 3600
)

func parseDateInfo(s string) (dateInfo, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 || !utf8.ValidString(s) {
		return dateInfo{}, false
	}
	if d, ok := parseUnixDate(s); ok {
		return d, true
	}
	if d, ok := parseISODate(s); ok {
		return d, true
	}
	if len(s) > 4 && s[4] == '-' && dateDigits(s[:4]) {
		return dateInfo{}, false // ISO-shaped but invalid: do not guess
	}
	return parseTextDate(s)
}

// parseUnixDate reads 10 digits as seconds and 13 as milliseconds since 1970.
func parseUnixDate(s string) (dateInfo, bool) {
	if len(s) != 10 && len(s) != 13 {
		return dateInfo{}, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return dateInfo{}, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	var t time.Time
	if len(s) == 13 {
		t = time.UnixMilli(n).UTC()
	} else {
		t = time.Unix(n, 0).UTC()
	}
	if t.Year() < minDateYear || t.Year() > maxDateYear {
		return dateInfo{}, false
	}
	return dateInfo{t: t, hasTime: true, hasZone: true}, true
}

// isoScanner walks an ASCII date string.
type isoScanner struct {
	s string
	i int
}

func (c *isoScanner) digits(min, max int) (int, int, bool) {
	n, k := 0, 0
	for c.i < len(c.s) && k < max && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
		n = n*10 + int(c.s[c.i]-'0')
		c.i++
		k++
	}
	return n, k, k >= min
}

func (c *isoScanner) eat(b byte) bool {
	if c.i < len(c.s) && c.s[c.i] == b {
		c.i++
		return true
	}
	return false
}

func (c *isoScanner) done() bool { return c.i >= len(c.s) }

// parseISODate reads "2022-06-10", "2022/06/10", "2022-06-10T14:05",
// "2022-06-10 14:05:00.123456+05:30", "20220610T140500Z" and the like.
func parseISODate(s string) (dateInfo, bool) {
	c := &isoScanner{s: s}
	y, k, ok := c.digits(4, 4)
	if !ok || k != 4 {
		return dateInfo{}, false
	}
	var mo, d int
	if c.eat('-') || c.eat('/') || c.eat('.') {
		sep := s[c.i-1]
		if mo, _, ok = c.digits(1, 2); !ok || !c.eat(sep) {
			return dateInfo{}, false
		}
		if d, _, ok = c.digits(1, 2); !ok {
			return dateInfo{}, false
		}
	} else {
		// Basic format: 20220610.
		if mo, k, ok = c.digits(2, 2); !ok {
			return dateInfo{}, false
		}
		if d, k, ok = c.digits(2, 2); !ok || k != 2 {
			return dateInfo{}, false
		}
	}
	info := dateInfo{}
	var h, mi, sec, nsec int
	off := 0
	if !c.done() {
		if !(c.eat('T') || c.eat('t') || c.eat(' ')) {
			return dateInfo{}, false
		}
		for c.eat(' ') {
		}
		if h, _, ok = c.digits(2, 2); !ok {
			return dateInfo{}, false
		}
		colon := c.eat(':')
		if mi, _, ok = c.digits(2, 2); !ok {
			return dateInfo{}, false
		}
		info.hasTime = true
		if (colon && c.eat(':')) || (!colon && c.i < len(s) && s[c.i] >= '0' && s[c.i] <= '9') {
			if sec, _, ok = c.digits(2, 2); !ok {
				return dateInfo{}, false
			}
			if c.eat('.') || c.eat(',') {
				start := c.i
				for c.i < len(s) && s[c.i] >= '0' && s[c.i] <= '9' {
					if c.i-start < 9 {
						nsec = nsec*10 + int(s[c.i]-'0')
					}
					c.i++
				}
				n := c.i - start
				if n == 0 {
					return dateInfo{}, false
				}
				for ; n < 9; n++ {
					nsec *= 10
				}
			}
		}
		for c.eat(' ') {
		}
		if !c.done() {
			var zok bool
			off, zok = parseZone(s[c.i:])
			if !zok {
				return dateInfo{}, false
			}
			info.hasZone = true
		}
	}
	t, ok := buildDate(y, mo, d, h, mi, sec, nsec, off)
	if !ok {
		return dateInfo{}, false
	}
	info.t = t
	return info, true
}

// parseZone reads a whole zone designator: "Z", "+05:30", "+0530", "+05",
// "UTC", "GMT+5:30", "IST". It returns the offset in seconds.
func parseZone(z string) (int, bool) {
	z = strings.TrimSpace(z)
	if z == "" {
		return 0, false
	}
	if z == "Z" || z == "z" {
		return 0, true
	}
	if z[0] == '+' || z[0] == '-' {
		return parseNumericOffset(z)
	}
	up := strings.ToUpper(z)
	for _, pre := range []string{"UTC", "GMT"} {
		if strings.HasPrefix(up, pre) && len(up) > len(pre) && (up[len(pre)] == '+' || up[len(pre)] == '-') {
			return parseNumericOffset(up[len(pre):])
		}
	}
	if off, ok := zoneOffsets[up]; ok {
		return off, true
	}
	return 0, false
}

// parseNumericOffset reads "+05:30", "+0530", "+05", "-4", "+5:30".
func parseNumericOffset(z string) (int, bool) {
	if len(z) < 2 {
		return 0, false
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	c := &isoScanner{s: z, i: 1}
	h, k, ok := c.digits(1, 2)
	if !ok {
		return 0, false
	}
	m := 0
	if c.eat(':') {
		if m, _, ok = c.digits(2, 2); !ok {
			return 0, false
		}
	} else if k == 2 && !c.done() {
		if m, _, ok = c.digits(2, 2); !ok {
			return 0, false
		}
	}
	if !c.done() || m >= 60 {
		return 0, false
	}
	off := sign * (h*3600 + m*60)
	if off > maxOffset || off < -maxOffset {
		return 0, false
	}
	return off, true
}

// buildDate checks every field (time.Date would silently normalise
// "2022-02-31") and builds the time in a fixed offset.
func buildDate(y, mo, d, h, mi, sec, nsec, off int) (time.Time, bool) {
	if y < minDateYear || y > maxDateYear || mo < 1 || mo > 12 || d < 1 || d > 31 ||
		h > 23 || mi > 59 || sec > 60 || h < 0 || mi < 0 || sec < 0 {
		return time.Time{}, false
	}
	if sec == 60 { // a leap second is the last second of the minute
		sec = 59
	}
	if off > maxOffset || off < -maxOffset {
		return time.Time{}, false
	}
	loc := time.UTC
	if off != 0 {
		loc = time.FixedZone("", off)
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, nsec, loc)
	if t.Day() != d || int(t.Month()) != mo {
		return time.Time{}, false
	}
	return t, true
}

// dtok is one token of a free-text date.
type dtok struct {
	word   string // lower-case letters, or "" for a number or sign
	num    int
	digits int  // digits of a number
	sep    byte // the punctuation right after the token, if any
	sign   byte // '+' or '-' for a signed number
}

// tokenizeDate splits "Friday, 10 June 2022, 14:05 IST" into words and
// numbers, remembering the punctuation after each.
func tokenizeDate(s string) []dtok {
	var toks []dtok
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			t := dtok{}
			if i > 0 && (s[i-1] == '+' || s[i-1] == '-') && (i < 2 || s[i-2] == ' ' || (s[i-2] >= 'A' && s[i-2] <= 'Z')) {
				t.sign = s[i-1]
			}
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				if t.digits < 9 {
					t.num = t.num*10 + int(s[i]-'0')
				}
				t.digits++
				i++
			}
			if i < len(s) {
				t.sep = s[i]
			}
			toks = append(toks, t)
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) || isDateMarker(r2) && j > i {
					break
				}
				j += sz
				if isDateMarker(r2) {
					break
				}
			}
			t := dtok{word: strings.ToLower(s[i:j])}
			if j < len(s) {
				t.sep = s[j]
			}
			toks = append(toks, t)
			i = j
		default:
			i += size
		}
	}
	return toks
}

// isDateMarker reports the CJK characters that follow a number to say what
// it is (年 year, 月 month, 日 day, 時 hour, 分 minute).
func isDateMarker(r rune) bool {
	switch r {
	case '年', '月', '日', '時', '分', '秒', '년', '월', '일':
		return true
	}
	return false
}

// parseTextDate reads dates written in words: "June 10, 2022 2:05 PM EDT",
// "10 June 2022 14:05 IST", "Fri, 10 Jun 2022 14:05:00 +0530",
// "10.06.2022 14:05", "06/10/2022", "2022年6月10日".
func parseTextDate(s string) (dateInfo, bool) {
	toks := tokenizeDate(s)
	y, mo, d := -1, -1, -1
	h, mi, sec := -1, 0, 0
	off, hasZone := 0, false
	pm, am := false, false
	complete := func() bool { return y >= 0 && mo >= 0 && d >= 0 }
scan:
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.word != "" {
			w := strings.TrimSuffix(t.word, ".")
			switch {
			case w == "am" || w == "a" && t.sep == '.' && i+1 < len(toks) && toks[i+1].word == "m":
				am = true
			case w == "pm" || w == "p" && t.sep == '.' && i+1 < len(toks) && toks[i+1].word == "m":
				pm = true
			case monthNames[w] != 0 && mo < 0:
				mo = monthNames[w]
			case monthNames[w] != 0 && complete():
				break scan // a second date ("... Updated April 29, 2019")
			default:
				if o, ok := zoneOffsets[strings.ToUpper(w)]; ok && h >= 0 && !hasZone {
					off, hasZone = o, true
					// "GMT+5:30": the signed number that follows is the offset.
					if (w == "gmt" || w == "utc") && i+1 < len(toks) && toks[i+1].sign != 0 {
						if o2, n, ok := signedOffset(toks, i+1); ok {
							off = o2
							i += n
						}
					}
				}
			}
			continue
		}
		// A signed number after the time of day is a numeric offset.
		if t.sign != 0 && h >= 0 && !hasZone {
			if o, n, ok := signedOffset(toks, i); ok {
				off, hasZone = o, true
				i += n - 1
				continue
			}
		}
		// CJK markers say what the number is.
		if i+1 < len(toks) {
			switch toks[i+1].word {
			case "年", "년":
				y = t.num
				i++
				continue
			case "月", "월":
				mo = t.num
				i++
				continue
			case "日", "일":
				d = t.num
				i++
				continue
			case "時":
				h = t.num
				i++
				if i+2 < len(toks) && toks[i+1].word == "" && toks[i+2].word == "分" {
					mi = toks[i+1].num
					i += 2
				}
				continue
			}
		}
		// Time of day: h:mm[:ss].
		if t.sep == ':' && h < 0 && t.digits <= 2 && i+1 < len(toks) && toks[i+1].word == "" {
			h, mi = t.num, toks[i+1].num
			i++
			if toks[i].sep == ':' && i+1 < len(toks) && toks[i+1].word == "" {
				sec = toks[i+1].num
				i++
			}
			// Skip a fraction of a second.
			if toks[i].sep == '.' && i+1 < len(toks) && toks[i+1].word == "" && toks[i+1].digits >= 3 {
				i++
			}
			continue
		}
		// Numeric date: d.m.y, m/d/y, d/m/y, d-m-y, y-m-d.
		if (t.sep == '.' || t.sep == '/' || t.sep == '-') && i+2 < len(toks) &&
			toks[i+1].word == "" && toks[i+2].word == "" && toks[i+1].sep == t.sep && y < 0 && d < 0 {
			a, b, c := t, toks[i+1], toks[i+2]
			switch {
			case a.digits == 4:
				y, mo, d = a.num, b.num, c.num
			case c.digits == 4 && t.sep == '/' && a.num <= 12 && b.num > 12:
				y, mo, d = c.num, a.num, b.num
			case c.digits == 4 && t.sep == '/' && a.num <= 12:
				// US order is the common reading of 06/10/2022 on the web.
				y, mo, d = c.num, a.num, b.num
			case c.digits == 4:
				y, mo, d = c.num, b.num, a.num
			default:
				return dateInfo{}, false
			}
			i += 2
			continue
		}
		switch {
		case t.digits == 4 && y < 0:
			y = t.num
		case t.digits <= 2 && t.num >= 1 && t.num <= 31 && d < 0:
			d = t.num
		case t.digits <= 2 && t.num >= 1 && t.num <= 12 && mo < 0:
			mo = t.num
		case complete():
			break scan // a second date or trailing numbers
		default:
			return dateInfo{}, false
		}
	}
	if !complete() {
		return dateInfo{}, false
	}
	info := dateInfo{hasZone: hasZone}
	if h >= 0 {
		info.hasTime = true
		if pm && h < 12 {
			h += 12
		} else if am && h == 12 {
			h = 0
		}
	} else {
		h = 0
	}
	t, ok := buildDate(y, mo, d, h, mi, sec, 0, off)
	if !ok {
		return dateInfo{}, false
	}
	info.t = t
	return info, true
}

// signedOffset reads "+0530", "+05:30", "-4" starting at toks[i]; n is the
// number of tokens used.
func signedOffset(toks []dtok, i int) (off, n int, ok bool) {
	t := toks[i]
	var h, m int
	switch {
	case t.digits == 4:
		h, m, n = t.num/100, t.num%100, 1
	case t.digits <= 2 && t.sep == ':' && i+1 < len(toks) && toks[i+1].word == "" && toks[i+1].digits == 2:
		h, m, n = t.num, toks[i+1].num, 2
	case t.digits <= 2:
		h, n = t.num, 1
	default:
		return 0, 0, false
	}
	if m >= 60 {
		return 0, 0, false
	}
	off = h*3600 + m*60
	if t.sign == '-' {
		off = -off
	}
	if off > maxOffset || off < -maxOffset {
		return 0, 0, false
	}
	return off, n, true
}

// dateCand is a parsed date candidate and its source.
type dateCand struct {
	d   dateInfo
	src string
}

// readDates fills PublishedAt and ModifiedAt. Sources in order: JSON-LD,
// OpenGraph and <meta>, microdata, <time datetime>, visible datelines, the
// URL. A date-only value takes the time and offset of another source that
// gives the same day, else stays midnight UTC.
func (p *metaReader) readDates(mt *metaTags, ld ldArticle) {
	var pub, mod []dateCand
	add := func(dst *[]dateCand, v, src string) {
		if d, ok := parseDateInfo(v); ok {
			*dst = append(*dst, dateCand{d, src})
		}
	}
	add(&pub, ld.published, srcJSONLD)
	add(&mod, ld.modified, srcJSONLD)
	for _, c := range mt.cands(metaPublishedKeys) {
		add(&pub, c.val, c.src)
	}
	for _, c := range mt.cands(metaModifiedKeys) {
		add(&mod, c.val, c.src)
	}
	for _, v := range mt.microdata["datepublished"] {
		add(&pub, v, srcMicrodata)
	}
	for _, v := range mt.microdata["datemodified"] {
		add(&mod, v, srcMicrodata)
	}
	for _, n := range p.ix.queryAll(p.ex.meta.microDate) {
		v := metaAttr(n, "datetime")
		if v == "" {
			v = metaAttr(n, "content")
		}
		if v == "" {
			v = nodeText(n)
		}
		if strings.EqualFold(metaAttr(n, "itemprop"), "dateModified") {
			add(&mod, v, srcMicrodata)
		} else {
			add(&pub, v, srcMicrodata)
		}
	}
	listing := p.declaredListing() // teaser dates are not the page's
	for _, sel := range p.ex.meta.times {
		if listing {
			break
		}
		if n := p.ix.query(sel); n != nil {
			add(&pub, metaAttr(n, "datetime"), srcTime)
			break
		}
	}
	for _, sel := range p.ex.meta.dateline {
		if listing {
			break
		}
		if n := p.ix.query(sel); n != nil && !inChromeContainer(n) {
			add(&pub, metaFold(nodeText(n)), srcByline)
		}
	}
	if len(pub) == 0 && !listing {
		if d, ok := p.visibleDate(); ok {
			pub = append(pub, dateCand{d, srcByline})
		} else if d, ok := p.dateUnderHeadline(); ok {
			pub = append(pub, dateCand{d, srcByline})
		}
	}
	if p.base != nil {
		if d, ok := urlDate(p.base.Path); ok {
			pub = append(pub, dateCand{d, srcURL})
		}
	}
	if z, ok := p.localZone(); ok {
		for _, l := range [][]dateCand{pub, mod} {
			for i := range l {
				if !l[i].d.hasZone {
					l[i].d.t = z.wallClock(l[i].d.t)
				}
			}
		}
	}
	if t, src, ok := pickDate(pub); ok {
		p.art.PublishedAt = &t
		p.art.Provenance["published_at"] = src
	}
	if t, src, ok := pickDate(mod); ok {
		p.art.ModifiedAt = &t
		p.art.Provenance["modified_at"] = src
	}
}

// pickDate takes the first candidate; when it lacks a time or an offset, a
// later candidate of the same calendar day that has them is taken instead.
func pickDate(cands []dateCand) (time.Time, string, bool) {
	if len(cands) == 0 {
		return time.Time{}, "", false
	}
	best := cands[0]
	if !best.d.hasTime || !best.d.hasZone {
		y, m, d := best.d.t.Date()
		for _, c := range cands[1:] {
			if !c.d.hasZone || (!c.d.hasTime && best.d.hasTime) {
				continue
			}
			y2, m2, d2 := c.d.t.Date()
			if y == y2 && m == m2 && d == d2 {
				best = c
				break
			}
		}
	}
	return best.d.t, best.src, true
}

// localZone is where the page is written, from its language and host (see
// pageZone); ok is false when they do not tell.
func (p *metaReader) localZone() (pageZone, bool) {
	lang := strings.ToLower(p.art.Language)
	parts := strings.Split(lang, "-")
	for _, r := range parts[1:] {
		if z, ok := metaRegionZones[r]; ok && len(r) == 2 {
			return z, true
		}
	}
	if len(parts) > 1 && len(parts[len(parts)-1]) == 2 {
		return pageZone{}, false // a region we do not list: "en-US", "es-MX"
	}
	if p.base != nil {
		host := strings.ToLower(p.base.Hostname())
		if i := strings.LastIndexByte(host, '.'); i >= 0 {
			if z, ok := metaRegionZones[host[i+1:]]; ok {
				return z, true
			}
		}
	}
	z, ok := metaLanguageZones[parts[0]]
	return z, ok
}

// wallClock reads the wall clock of t (a time without a stated offset,
// held as UTC) as local time in z.
func (z pageZone) wallClock(t time.Time) time.Time {
	y, m, d := t.Date()
	off := z.std
	if z.eu && euSummer(y, m, d) {
		off += hour
	}
	if off == 0 {
		return t
	}
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone("", off))
}

// euSummer reports whether a calendar day falls in EU summer time (the day
// of each change counts as the state before it).
func euSummer(y int, m time.Month, d int) bool {
	lastSunday := func(m time.Month) int {
		t := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC) // last day of m
		return t.Day() - int(t.Weekday())
	}
	switch {
	case m > time.March && m < time.October:
		return true
	case m == time.March:
		return d > lastSunday(time.March)
	case m == time.October:
		return d <= lastSunday(time.October)
	}
	return false
}

// urlDate finds /2022/06/10/, /2022-06-10/ or /20220610/ in a path.
func urlDate(path string) (dateInfo, bool) {
	segs := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	num := func(s string, n int) (int, bool) {
		if len(s) != n {
			return 0, false
		}
		v := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			v = v*10 + int(s[i]-'0')
		}
		return v, true
	}
	for i, s := range segs {
		if y, ok := num(s, 4); ok && i+2 < len(segs) {
			m, ok1 := num(segs[i+1], 2)
			d, ok2 := num(segs[i+2], 2)
			if ok1 && ok2 && y >= 1990 {
				if t, ok := buildDate(y, m, d, 0, 0, 0, 0, 0); ok {
					return dateInfo{t: t}, true
				}
			}
		}
		// A date at the start of a segment: "2022-06-10-slug", "20220610".
		for _, cand := range []string{prefixN(s, 10), prefixN(s, 8)} {
			if cand == "" || (len(s) > len(cand) && s[len(cand)] >= '0' && s[len(cand)] <= '9') {
				continue
			}
			if d, ok := parseISODate(cand); ok && d.t.Year() >= 1990 && !d.hasTime {
				return d, true
			}
		}
	}
	return dateInfo{}, false
}

func prefixN(s string, n int) string {
	if len(s) < n {
		return ""
	}
	return s[:n]
}

// visibleDate reads the first short element text that parses as a date
// among elements whose class suggests a date or a byline.
func (p *metaReader) visibleDate() (dateInfo, bool) {
	for _, sel := range p.ex.meta.dateText {
		tried := 0
		for _, n := range p.ix.queryAll(sel) {
			if tried >= 8 {
				break
			}
			t := metaFold(nodeText(n))
			if t == "" || len(t) > 120 || inChromeContainer(n) {
				continue
			}
			tried++
			if d, ok := parseDateInfo(t); ok {
				return d, true
			}
		}
	}
	return dateInfo{}, false
}

// dateUnderHeadline reads the first short text among the few that follow
// the headline that is a whole date ("December 14, 2016", "2019年3月15日
// 09:43"): the dateline of pages whose classes say nothing.
func (p *metaReader) dateUnderHeadline() (dateInfo, bool) {
	h1 := p.headlineNode()
	if h1 == nil {
		return dateInfo{}, false
	}
	seen := 0
	for n := metaSkipSubtree(h1); n != nil && seen < maxHeadlineTexts; n = metaNextNode(n) {
		if n.Type != xhtml.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Figure, atom.Figcaption:
			n = lastInSubtree(n)
			continue
		}
		if !holdsText(n) {
			continue
		}
		seen++
		t := metaFold(nodeTextLimit(n, 120))
		if t == "" || len(t) > 80 || inChromeContainer(n) {
			continue
		}
		// A year before the web is a date the story talks about.
		if d, ok := parseDateInfo(t); ok && d.t.Year() >= 1990 {
			return d, true
		}
	}
	return dateInfo{}, false
}

// maxHeadlineTexts bounds how far past the headline a dateline is looked
// for: counted in elements that hold text.
const maxHeadlineTexts = 10

// holdsText reports an element with a non-blank text node of its own.
func holdsText(n *xhtml.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.TextNode && strings.TrimSpace(c.Data) != "" {
			return true
		}
	}
	return false
}

// metaNextNode is the node after n in document order.
func metaNextNode(n *xhtml.Node) *xhtml.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	return metaSkipSubtree(n)
}

// metaSkipSubtree is the node after n's subtree in document order.
func metaSkipSubtree(n *xhtml.Node) *xhtml.Node {
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// lastInSubtree is the last node of n's subtree, so that metaNextNode of it
// leaves the subtree.
func lastInSubtree(n *xhtml.Node) *xhtml.Node {
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}

func dateDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
