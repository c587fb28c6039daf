package extract

import (
	"net/url"
	"testing"
)

func TestCleanURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://example.org/story?utm_source=tw&utm_medium=social&id=7", "https://example.org/story?id=7"},
		{"https://example.org/story?fbclid=abc", "https://example.org/story"},
		{"https://example.org/story?gclid=1&mc_cid=2&mc_eid=3&page=2", "https://example.org/story?page=2"},
		{"https://example.org/story#comments", "https://example.org/story"},
		{"https://example.org/story?UTM_Campaign=x&b=2&a=1", "https://example.org/story?b=2&a=1"},
		{"https://example.org/a%20b?q=1%202", "https://example.org/a%20b?q=1%202"},
		{"https://example.org/story", "https://example.org/story"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			if got := cleanURL(tc.in); got != tc.want {
				t.Errorf("cleanURL(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestAbsURL(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("https://news.example.org/world/2024/story.html")
	tests := []struct{ ref, want string }{
		{"/politics/other-story", "https://news.example.org/politics/other-story"},
		{"other.html", "https://news.example.org/world/2024/other.html"},
		{"//cdn.example.net/img/a.jpg", "https://cdn.example.net/img/a.jpg"},
		{"https://elsewhere.example.com/x", "https://elsewhere.example.com/x"},
		{"#top", ""},
		{"javascript:void(0)", ""},
		{"mailto:desk@example.org", ""},
		{"data:image/gif;base64,R0lGOD", ""},
		{"  ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.ref, func(t *testing.T) {
			t.Parallel()
			if got := absURL(base, tc.ref); got != tc.want {
				t.Errorf("absURL(%q) = %q, want %q", tc.ref, got, tc.want)
			}
		})
	}
	if got := absURL(nil, "/relative"); got != "" {
		t.Errorf("absURL(nil, relative) = %q, want empty", got)
	}
}

func TestSameImage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://cdn.example.org/2024/05/photo.jpg?w=1200", "https://cdn.example.org/2024/05/photo.jpg?w=400", true},
		{"https://i2.example.co.uk/incoming/article32676361.ece/ALTERNATES/s1200/0_Getty.jpg", "https://i2.example.co.uk/incoming/article32676361.ece/ALTERNATES/s1200d/0_Getty.jpg", true},
		{"https://cdn.example.org/2024/05/photo.jpg", "https://cdn.example.org/2024/05/other.jpg", false},
		{"https://example.org/image.php?id=1", "https://example.org/image.php?id=2", false},
		{"https://www.example.de/img/30134167/1765515671/Img_16_9/1200/trump.jpg", "https://www.example.de/img/30134167/1765515671/Img_16_9/1024/trump.jpg", true},
		{"https://example.org/20240503/a.jpg", "https://example.org/20240503/b.jpg", false},
		{"https://www.example.at/storage/image/8/4/1065948_mayor-admits-failures_detail_1F_4I.jpg", "https://www.example.at/storage/image/8/4/1065948_mayor-admits-failures_metadaten_1F_MK.jpg", true},
		{"https://example.org/uploads/GettyImages-2033886647.jpg", "https://example.org/uploads/GettyImages-2033812345.jpg", false},
	}
	for _, tc := range tests {
		if got := sameImage(tc.a, tc.b); got != tc.want {
			t.Errorf("sameImage(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzCleanURL: no panic, and cleaning is idempotent.
func FuzzCleanURL(f *testing.F) {
	for _, s := range []string{
		"https://example.org/story?utm_source=tw&id=7#x", "https://example.org/a%20b?q=1%202",
		"https://example.org/?&&utm_medium=x&", "http://[::1]:80/%zz", "https://example.org/?a=1;b=2",
		"https://example.org/p?%75tm_source=x", "", "::", "https://example.org/?fbclid",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := cleanURL(s)
		if twice := cleanURL(once); twice != once {
			t.Fatalf("cleanURL not idempotent: %q -> %q -> %q", s, once, twice)
		}
	})
}
