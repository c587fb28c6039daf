package extract

import (
	"strings"
	"testing"
	"unicode"
)

func TestSplitCredit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, caption, credit string
	}{
		{"photo in brackets", "Modi addresses the rally in Varanasi. (Photo: PTI)", "Modi addresses the rally in Varanasi.", "PTI"},
		{"images courtesy", "Troops at the drill. (Images courtesy: CSTO)", "Troops at the drill.", "CSTO"},
		{"image in brackets", "The new bridge at dusk (Image: Reuters)", "The new bridge at dusk", "Reuters"},
		{"square brackets", "The new bridge at dusk [Photo: Jane Roe]", "The new bridge at dusk", "Jane Roe"},
		{"file marker stays", "Modi at an earlier event. (File Photo: PTI)", "Modi at an earlier event. (File)", "PTI"},
		{"FILE prefix stays", "FILE - Mike and Jane Roberts at home. (AP Photo/Eric Gay)", "FILE - Mike and Jane Roberts at home.", "AP Photo/Eric Gay"},
		{"pipe photo credit", "Fans outside the stadium | Photo Credit: Special Arrangement", "Fans outside the stadium", "Special Arrangement"},
		{"trailing photo label", "Fans outside the stadium. Photo: John Smith", "Fans outside the stadium.", "John Smith"},
		{"only a credit", "Photo: PTI", "", "PTI"},
		{"copyright sign", "The harbour at night © Jane Doe", "The harbour at night", "Jane Doe"},
		{"credit label", "Flooded streets in Valencia. Credit: Eva Manez/Reuters", "Flooded streets in Valencia.", "Eva Manez/Reuters"},
		{"photograph label", "The gutted remains of the two buildings. Photograph: Eva Manez/Reuters", "The gutted remains of the two buildings.", "Eva Manez/Reuters"},
		{"photo by", "Crowds at the vigil. Photo by Doug Johnson", "Crowds at the vigil.", "Doug Johnson"},
		{"getty ending", "Zendaya at the premiere in Mexico City. Hector Vivas/Getty Images", "Zendaya at the premiere in Mexico City.", "Hector Vivas/Getty Images"},
		{"getty parenthetical", "Zendaya at the premiere (Getty Images)", "Zendaya at the premiere", "Getty Images"},
		{"agency with file marker", "Trump in court. (AP Photo/Eric Gay, File)", "Trump in court. (File)", "AP Photo/Eric Gay"},
		{"german foto", "Der Bürgermeister vor der Presse. Foto: dpa", "Der Bürgermeister vor der Presse.", "dpa"},
		{"name after full stop", "Arnaldo Báez intenta marcharse. (Edu Luque)", "Arnaldo Báez intenta marcharse.", "Edu Luque"},
		{"russian foto", "Рабочие меняют покрытие на Старом мосту. Фото: Игорь Белов", "Рабочие меняют покрытие на Старом мосту.", "Игорь Белов"},
		{"chinese reporter photographed", "开通首日，乘客在南湖站候车。记者 张强 摄", "开通首日，乘客在南湖站候车。", "张强"},
		{"japanese agency after equals", "尹大統領の発言をテレビで見る国民（ソウルで、３日）＝ＡＰ", "尹大統領の発言をテレビで見る国民（ソウルで、３日）", "ＡＰ"},
		{"japanese date and place stay", "花火を見上げる委員＝19日夜、港区の中央ふ頭", "花火を見上げる委員＝19日夜、港区の中央ふ頭", ""},
		{"publication before photo by", "Immigration counters in New Delhi. (Representational image) Express Photo by Praveen Khanna", "Immigration counters in New Delhi. (Representational image)", "Praveen Khanna"},
		{"only a bracketed name", "(The Independent)", "", "The Independent"},
		{"arabic photography label", "جانب من محطة التحلية الجديدة (تصوير: خالد المنصور)", "جانب من محطة التحلية الجديدة", "خالد المنصور"},
		{"one word in brackets is a place", "Netanyahu at a press conference, 21 May 2025. (Jerusalem)", "Netanyahu at a press conference, 21 May 2025. (Jerusalem)", ""},
		{"marker in brackets stays", "Steffen Kauert erklärt die Folgen der Hitze. (Archivbild)", "Steffen Kauert erklärt die Folgen der Hitze. (Archivbild)", ""},
		{"fullwidth copyright", "日本代表の（左から）西田、石川（Ｃ）共同通信社", "日本代表の（左から）西田、石川", "共同通信社"},
		{"image via", "Image via Getty Images", "", "Getty Images"},
		{"photo via after caption", "Crowds at the vigil. Photo via Twitter", "Crowds at the vigil.", "Twitter"},
		{"no credit", "Children play in the park on Sunday.", "Children play in the park on Sunday.", ""},
		{"photo mid sentence stays", "The photo: a house that burned down in the night of the storm", "The photo: a house that burned down in the night of the storm", ""},
		{"sentence naming an agency stays", "Trump spoke. He told Reuters about it", "Trump spoke. He told Reuters about it", ""},
		{"whitespace folded", "  Flood\u00a0waters rise \n (Photo: ANI) ", "Flood waters rise", "ANI"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cp, cr := splitCredit(tc.in)
			if cp != tc.caption || cr != tc.credit {
				t.Errorf("splitCredit(%q) = %q, %q; want %q, %q", tc.in, cp, cr, tc.caption, tc.credit)
			}
		})
	}
}

func TestCreditFromElement(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Credit...Doug Mills/The New York Times", "Doug Mills/The New York Times"},
		{"Credit…Doug Mills", "Doug Mills"},
		{"Walt Disney Co.", "Walt Disney Co."},
		{"Photo: Acme Inc.", "Acme Inc."},
		{"Jane Roe.", "Jane Roe"},
		{"Photo: Jane Doe", "Jane Doe"},
		{"© AFP", "AFP"},
		{"(Image: Getty Images/iStockphoto)", "Getty Images/iStockphoto"},
		{"Foto: Bild Från Polisen.", "Bild Från Polisen"},
		{"Reuters", "Reuters"},
		{"Photo by Jean Levac", "Jean Levac"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			if got := creditFromElement(tc.in); got != tc.want {
				t.Errorf("creditFromElement(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzSplitCredit: no panic, and every word of the caption and the credit
// comes from the input (the splitter only cuts and trims; the one word it
// moves is a marker such as "File", which is in the input too).
func FuzzSplitCredit(f *testing.F) {
	for _, s := range []string{
		"Modi addresses the rally. (Photo: PTI)", "(Images courtesy: CSTO)", "x | Photo Credit: Y",
		"© X", "Caption. Jane Roe/Getty Images", "(File Photo: PTI)", "Photo by", "((((", "©", "Photo: ",
		"a (AP Photo/Eric Gay, File)", "FILE - x", "\u00a0", "Foto:\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cp, cr := splitCredit(s)
		in := strings.ToLower(s)
		for _, out := range []string{cp, cr} {
			for _, w := range strings.Fields(out) {
				for _, part := range wordParts(w) {
					if !strings.Contains(in, part) {
						t.Fatalf("splitCredit(%q) = %q, %q: %q is not in the input", s, cp, cr, part)
					}
				}
			}
		}
	})
}

// wordParts splits on anything but letters and digits, lower-cased.
func wordParts(w string) []string {
	return strings.FieldsFunc(strings.ToLower(w), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
