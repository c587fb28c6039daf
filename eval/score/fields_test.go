package score

import (
	"reflect"
	"testing"
	"time"
)

func mustTime(t *testing.T, s string) *time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return &v
}

func TestParseGoldDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in           string
		want         string // RFC 3339
		zoned, timed bool
	}{
		{"2024-05-03 15:47:42.389000+00:00", "2024-05-03T15:47:42.389Z", true, true},
		{"2025-06-05 14:46:12+02:00", "2025-06-05T14:46:12+02:00", true, true},
		{"2016-12-09T09:13:00.000Z", "2016-12-09T09:13:00Z", true, true},
		{"2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00", true, true},
		{"2018-04-05T06:00", "2018-04-05T06:00:00Z", false, true},
		{"2017-11-03 03:01:00.000000", "2017-11-03T03:01:00Z", false, true},
		{"2024-04-24 00:00:00", "2024-04-24T00:00:00Z", false, false}, // naive midnight: a day
		{"2016-12-12", "2016-12-12T00:00:00Z", false, false},
		{"Sun Nov 23 16:00:00 EDT 2014", "2014-11-23T16:00:00-04:00", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			d, err := ParseGoldDate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := time.Parse(time.RFC3339Nano, tt.want)
			if !d.T.Equal(want) || d.Zoned != tt.zoned || d.Timed != tt.timed {
				t.Errorf("got %v zoned=%v timed=%v, want %v %v %v", d.T, d.Zoned, d.Timed, want, tt.zoned, tt.timed)
			}
			_, off := d.T.Zone()
			_, wantOff := want.Zone()
			if tt.zoned && off != wantOff {
				t.Errorf("offset %d, want %d", off, wantOff)
			}
		})
	}
	if _, err := ParseGoldDate("yesterday"); err == nil {
		t.Error("unknown layout: want an error")
	}
}

func TestSameDayInGoldOffset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, gold, pred string
		want             bool
	}{
		{"same instant in UTC, late evening in the page's offset", "2021-11-01T23:30:00+01:00", "2021-11-01T22:30:00Z", true},
		{"after midnight in UTC+2 is still the 1st at +01:00", "2021-11-01T23:30:00+01:00", "2021-11-02T00:10:00+02:00", true},
		{"next day at the page's offset", "2021-11-01T23:30:00+01:00", "2021-11-01T23:30:00Z", false},
		{"UTC gold: evening in New York is the next UTC day", "2016-12-09T09:13:00.000Z", "2016-12-09T20:00:00-05:00", false},
		{"UTC gold: late evening before in New York is the UTC day", "2016-12-09T09:13:00.000Z", "2016-12-08T22:00:00-05:00", true},
		{"naive gold: the prediction's own wall clock", "2024-04-24 00:00:00", "2024-04-24T23:30:00+02:00", true},
		{"naive gold: other day", "2024-04-24 00:00:00", "2024-04-25T00:30:00+02:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g, err := ParseGoldDate(tt.gold)
			if err != nil {
				t.Fatal(err)
			}
			if got := SameDay(g, mustTime(t, tt.pred)); got != tt.want {
				t.Errorf("SameDay(%s, %s) = %v, want %v", tt.gold, tt.pred, got, tt.want)
			}
		})
	}
	g, _ := ParseGoldDate("2016-12-12")
	if SameDay(g, nil) {
		t.Error("no predicted date cannot match")
	}
}

func TestSameMinute(t *testing.T) {
	t.Parallel()
	g, _ := ParseGoldDate("2015-07-10T09:53:00-04:00")
	if same, ok := SameMinute(g, mustTime(t, "2015-07-10T13:53:40Z")); !same || !ok {
		t.Errorf("same instant to the minute: %v %v", same, ok)
	}
	if same, ok := SameMinute(g, mustTime(t, "2015-07-10T13:54:00Z")); same || !ok {
		t.Errorf("a minute later: %v %v", same, ok)
	}
	if same, ok := SameMinute(g, nil); same || !ok {
		t.Errorf("missing prediction is scored as wrong: %v %v", same, ok)
	}
	naive, _ := ParseGoldDate("2018-04-05T06:00")
	if same, ok := SameMinute(naive, mustTime(t, "2018-04-05T06:00:00+02:00")); !same || !ok {
		t.Errorf("naive gold compares wall clocks: %v %v", same, ok)
	}
	day, _ := ParseGoldDate("2016-12-12")
	if _, ok := SameMinute(day, mustTime(t, "2016-12-12T10:00:00Z")); ok {
		t.Error("a day-only gold is not scored to the minute")
	}
}

func TestAuthorsAndStrings(t *testing.T) {
	t.Parallel()
	if !SameAuthors([]string{"Birgit Baumann", "Anna Giulia Fink"}, []string{" anna giulia  fink", "BIRGIT BAUMANN", "Birgit Baumann"}) {
		t.Error("authors: set equality ignoring case, spacing and repeats")
	}
	if SameAuthors([]string{"A B"}, []string{"A B", "C D"}) {
		t.Error("authors: an extra name is a miss")
	}
	if !SameAuthors(nil, []string{}) || SameAuthors(nil, []string{"X"}) {
		t.Error("authors: no author expected")
	}
	got := SplitNames("By JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL")
	want := []string{"JOSH HASKELL", "DAVID CAPLAN", "PATRICK REEVELL"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitNames = %q, want %q", got, want)
	}
	if !SameString("Get  your\nCode", " Get your Code ") || SameString("Code", "code") {
		t.Error("SameString folds white space and keeps case")
	}
	if !SameLanguage("en-US", "en") || SameLanguage("en", "de") || SameLanguage("", "") {
		t.Error("SameLanguage compares primary subtags")
	}
}
