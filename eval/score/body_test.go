package score

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4 }

func TestTokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, wörld_1 — naïve 3.14", []string{"Hello", "wörld_1", "naïve", "3", "14"}},
		// As Python's re: a combining mark is not a word character.
		{"e\u0301a", []string{"e", "a"}},
		{"½x", []string{"½x"}},
		{"", nil},
		{"  ...  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompareBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		gold, pred string
		p, r       float64
		pOK        bool
	}{
		// shingles abcd,bcde against abcd,bcdx: TP 1, FP 1, FN 1.
		{"one of two shingles", "a b c d e", "a b c d x", 0.5, 0.5, true},
		// pred shingles abcd×2,bcde,cdea,deab,eabc: multiset TP 2, FP 4, FN 0.
		{"multiset counts repeats", "a b c d e", "a b c d e a b c d", 1.0 / 3, 1, true},
		{"short text is one shingle", "a b", "a, b!", 1, 1, true},
		{"case is kept", "A b c d", "a b c d", 0, 0, true},
		{"empty prediction", "a b c d", "", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := CompareBody(tt.gold, tt.pred)
			p, pok := c.Precision()
			r, rok := c.Recall()
			if pok != tt.pOK || !rok || !near(p, tt.p) || !near(r, tt.r) {
				t.Errorf("P=%v (%v) R=%v (%v), want P=%v (%v) R=%v", p, pok, r, rok, tt.p, tt.pOK, tt.r)
			}
			if s := c.TP + c.FP + c.FN; !near(s, 1) {
				t.Errorf("counts not normalised: sum %v", s)
			}
		})
	}
}

func TestPRFSkipsUndefinedPrecision(t *testing.T) {
	t.Parallel()
	cs := []BodyCounts{
		CompareBody("a b c d e", "a b c d x"), // P .5 R .5
		CompareBody("a b c d e", ""),          // P undefined, R 0
	}
	p, r, f := PRF(cs)
	if !near(p, 0.5) || !near(r, 0.25) || !near(f, 1.0/3) {
		t.Errorf("PRF = %v %v %v, want 0.5 0.25 0.3333", p, r, f)
	}
}

func TestSameTokensAndStartsWith(t *testing.T) {
	t.Parallel()
	if !SameTokens("Hello,  world.", "Hello world") {
		t.Error("SameTokens ignores punctuation and spacing")
	}
	if SameTokens("Hello world", "Hello world again") {
		t.Error("SameTokens: longer prediction is not exact")
	}
	tests := []struct {
		gold, pred string
		want       bool
	}{
		{"Search-and-rescue teams were mobilized ", "Search and rescue teams were mobilized on Monday", true},
		{"The quick bro", "The quick brown fox", true}, // gold cut inside a word
		{"The quick brown", "A quick brown fox", false},
		{"The quick brown fox jumps", "The quick brown", false},
		{"", "anything", false},
	}
	for _, tt := range tests {
		if got := StartsWith(tt.gold, tt.pred); got != tt.want {
			t.Errorf("StartsWith(%q, %q) = %v, want %v", tt.gold, tt.pred, got, tt.want)
		}
	}
}

func TestBootstrapF1Diff(t *testing.T) {
	t.Parallel()
	// 30 pages: a is perfect, b keeps between 4 and 12 of 12 tokens and
	// sometimes adds noise, so the per-page scores vary.
	var a, b []BodyCounts
	words := strings.Fields("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11")
	for i := 0; i < 30; i++ {
		g := strings.Join(words, " ")
		keep := 4 + (i*7)%9
		pred := strings.Join(words[:keep], " ")
		if i%3 == 0 {
			pred += " noise x y z"
		}
		a = append(a, CompareBody(g, g))
		b = append(b, CompareBody(g, pred))
	}
	x := BootstrapF1Diff(a, b, 1000, 7)
	y := BootstrapF1Diff(a, b, 1000, 7)
	if x != y {
		t.Fatalf("same seed, different intervals: %v vs %v", x, y)
	}
	if !(x.Lo <= x.Point && x.Point <= x.Hi) || x.Point <= 0 {
		t.Errorf("interval %v: want 0 < point within [lo, hi]", x)
	}
	if z := BootstrapF1Diff(a, b, 1000, 8); z == x {
		t.Errorf("different seeds gave the identical interval %v", z)
	}
	if same := BootstrapF1Diff(b, b, 1000, 7); same.Lo != 0 || same.Hi != 0 || same.Point != 0 {
		t.Errorf("an extractor against itself: %v, want all zero", same)
	}
}

func TestWilson(t *testing.T) {
	t.Parallel()
	tests := []struct {
		k, n, lo, hi float64
	}{
		{0, 10, 0, 0.2775},
		{5, 10, 0.2366, 0.7634},
		{9, 10, 0.5958, 0.9821},
		{81, 263, 0.2553, 0.3662},
	}
	for _, tt := range tests {
		iv := Wilson(tt.k, tt.n)
		if math.Abs(iv.Lo-tt.lo) > 5e-5 || math.Abs(iv.Hi-tt.hi) > 5e-5 || !near(iv.Point, tt.k/tt.n) {
			t.Errorf("Wilson(%v, %v) = %+v, want [%v, %v]", tt.k, tt.n, iv, tt.lo, tt.hi)
		}
	}
	if iv := Wilson(0, 0); !math.IsNaN(iv.Point) || iv.Lo != 0 || iv.Hi != 1 {
		t.Errorf("Wilson(0, 0) = %+v, want NaN in [0, 1]", iv)
	}
}
