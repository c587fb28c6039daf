package extract

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// relatedLabels are the printed prefixes of "Also Read" promos, in lower
// case. Rules.RelatedLabels are added to them. A weak label is also an
// ordinary word at the start of a sentence ("Read the report"), so it
// counts only when a separator follows it ("READ: …", "Related | …").
var relatedLabels = []struct {
	text string
	weak bool
}{
	{text: "also read"}, {text: "read also"}, {text: "read more", weak: true}, {text: "must read"},
	{text: "see also"}, {text: "also see"}, {text: "don't miss"}, {text: "dont miss"},
	{text: "more on this"}, {text: "more on this story"}, {text: "related stories"}, {text: "related articles"},
	{text: "related story"}, {text: "related article"}, {text: "related news"}, {text: "related reading"},
	{text: "suggested reading"}, {text: "further reading"}, {text: "you may also like"},
	{text: "read", weak: true}, {text: "related", weak: true}, {text: "recommended", weak: true},
	{text: "watch", weak: true}, {text: "listen", weak: true}, {text: "more", weak: true},
	// German, French, Spanish, Italian, Portuguese
	{text: "lesen sie auch"}, {text: "lesen sie mehr"}, {text: "mehr zum thema"}, {text: "auch interessant"},
	{text: "das könnte sie auch interessieren"}, {text: "weiterlesen", weak: true}, {text: "lesetipp"},
	{text: "à lire aussi"}, {text: "a lire aussi"}, {text: "lire aussi"}, {text: "à lire également"},
	{text: "voir aussi"}, {text: "lire la suite", weak: true},
	{text: "lee también"}, {text: "lea también"}, {text: "te puede interesar"}, {text: "le puede interesar"},
	{text: "leer más", weak: true}, {text: "también te puede interesar"}, {text: "relacionado", weak: true},
	{text: "relacionada", weak: true}, {text: "noticias relacionadas"},
	{text: "leggi anche"}, {text: "leia também"}, {text: "leia mais", weak: true},
	{text: "related photos"}, {text: "related photo"}, {text: "related video"}, {text: "related videos"},
	{text: "related gallery"}, {text: "related coverage"}, {text: "related content"}, {text: "related links"},
	{text: "related link"}, {text: "more coverage"}, {text: "more reading"}, {text: "recommended reading"},
	{text: "learn more", weak: true}, {text: "keep reading", weak: true}, {text: "see more", weak: true},
}

// mediaLabels head video and audio playlists: a "Watch" heading over a
// list of links is a player's rail, not related stories.
var mediaLabels = map[string]bool{"watch": true, "listen": true}

// callToActionPrefixes start link text that is an instruction, not a
// headline: such a link alone in a paragraph is body text.
var callToActionPrefixes = []string{
	"click", "tap ", "here", "sign up", "subscribe", "follow ", "download", "register", "join ",
	"get the", "get our", "see the full", "read the full", "view the", "buy ", "shop ",
	// page navigation
	"previous", "next ", "older", "newer", "back to",
}

// relatedSeparators may stand between a label and the link.
const relatedSeparators = ":|-–—>»›•/"

// relatedBoxSelectors find in-body boxes of related stories. A match
// counts only inside the text of the article and when it is mostly links.
var relatedBoxSelectors = []string{
	"aside",
	".also-read", "[class*=also-read i]", "[class*=alsoread i]", "[class*=also_read i]",
	".related", ".related-posts", "[class*=related i]", "[id*=related i]",
	".read-more", "[class*=read-more i]", "[class*=readmore i]",
	"[class*=more-on i]", "[class*=see-also i]", "[class*=lesetipp i]", "[class*=mehr-zum-thema i]",
	"[class*=inline-teaser i]", "[class*=teaser-inline i]", "[class*=embedded-teaser i]",
}

// relatedChromeWords in the class or id of a box or its near ancestors
// mark a site rail or a utility box, never related links (LABELLING.md:
// "Trending", "Most read", newsletter and app promos, share bars).
var relatedChromeWords = []string{
	"trending", "popular", "mostread", "mostpopular", "most", "newsletter", "subscribe", "app",
	"share", "sharing", "social", "ad", "ads", "advert", "advertisement", "sponsored", "partner",
	"tags", "tag", "topics", "keywords", "breadcrumb", "breadcrumbs", "comments", "toolbar",
}

// relatedSkipHosts are share and social hosts: links there are utility.
var relatedSkipHosts = []string{
	"facebook.com", "twitter.com", "x.com", "linkedin.com", "whatsapp.com", "wa.me", "t.me",
	"telegram.me", "pinterest.com", "reddit.com", "instagram.com", "youtube.com", "tiktok.com",
	"news.google.com", "flipboard.com",
}

// relatedSkipPathWords in a link's path mark a tag, topic, section or
// author page, not a story.
var relatedSkipPathWords = []string{
	"tag", "tags", "category", "categories", "topic", "topics", "keyword", "keywords",
	"author", "authors", "autor", "thema", "themen", "schlagzeilen", "collections", "hub",
	"newsletter", "newsletters", "subscribe", "abo", "app", "apps", "advertising-policy",
}

type relatedLabel struct {
	text  string // lower case, as printed
	label string // as printed, set by matchLabel
	weak  bool
}

type relatedRules struct {
	labels []relatedLabel // longest first
	boxes  attrMatcher
}

func compileRelatedRules(r Rules) (*relatedRules, error) {
	rr := &relatedRules{}
	for _, l := range relatedLabels {
		rr.labels = append(rr.labels, relatedLabel{text: l.text, weak: l.weak})
	}
	for _, l := range r.RelatedLabels {
		t := strings.ToLower(foldCaption(l))
		if t == "" {
			return nil, errors.New("empty related label")
		}
		rr.labels = append(rr.labels, relatedLabel{text: t})
	}
	sort.SliceStable(rr.labels, func(i, j int) bool { return len(rr.labels[i].text) > len(rr.labels[j].text) })
	var err error
	if rr.boxes, err = compileAttrMatcher(relatedBoxSelectors, nil); err != nil {
		return nil, fmt.Errorf("box %w", err)
	}
	return rr, nil
}

// foldPrefix reports whether text starts with prefix, ignoring case, and
// how many bytes of text the prefix covers (case changes may change the
// byte length).
func foldPrefix(text, prefix string) (int, bool) {
	i := 0
	for _, pr := range prefix {
		if i >= len(text) {
			return 0, false
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != pr && unicode.ToLower(r) != pr && !(pr == '\'' && r == '’') {
			return 0, false
		}
		i += n
	}
	return i, true
}

// matchLabel reports whether text starts with a label, and returns the
// label and the rest of the text after the label and any separator.
func (rr *relatedRules) matchLabel(text string) (label relatedLabel, rest string, ok bool) {
	for _, l := range rr.labels {
		n, ok := foldPrefix(text, l.text)
		if !ok {
			continue
		}
		after := text[n:]
		if after != "" {
			r, _ := utf8.DecodeRuneInString(after)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue // "Readers", "Relatedly"
			}
		}
		trimmed := strings.TrimLeft(after, " \u00a0")
		sep := false
		for trimmed != "" {
			r, n := utf8.DecodeRuneInString(trimmed)
			if !strings.ContainsRune(relatedSeparators, r) {
				break
			}
			sep = true
			trimmed = strings.TrimLeft(trimmed[n:], " \u00a0")
		}
		if l.weak && !sep && trimmed != "" {
			continue
		}
		// the label as printed ("ALSO READ", "Read more"), as LABELLING.md
		// and the fixtures want it
		l.label = foldCaption(text[:n])
		return l, trimmed, true
	}
	// a line that is only "MORE ON EDUCATION": a topic as the label
	if reTopicLabel.MatchString(text) {
		return relatedLabel{text: strings.ToLower(text), label: foldCaption(text)}, "", true
	}
	// "On HoustonChronicle.com:", "More from Example.org |": a site's
	// name as the label, always with a separator
	if m := reSiteLabel.FindStringIndex(text); m != nil {
		label := strings.TrimRight(text[:m[1]], relatedSeparators+" \u00a0")
		return relatedLabel{text: strings.ToLower(label), label: foldCaption(label)}, strings.TrimSpace(text[m[1]:]), true
	}
	return relatedLabel{}, "", false
}

// reTopicLabel matches a whole line naming a topic: "More on Education".
var reTopicLabel = regexp.MustCompile(`^(?i:more on|more about|more from|more in)\s+[\p{L}\d'’&-]+(?:\s+[\p{L}\d'’&-]+){0,3}:?$`)

// reSiteLabel matches a label naming a web site: "On X.com:", "More from
// x.co.uk |".
var reSiteLabel = regexp.MustCompile(`^(?i:on|more on|more from|also on|from)\s+[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|org|net|co\.[a-z]{2}|[a-z]{2})\s*[:|›»>–—-]\s*`)

// trimTrailingLabel removes a label closing text ("… Read more"), as
// promo cards print it after the headline inside the link.
func (rr *relatedRules) trimTrailingLabel(text string) string {
	for _, l := range rr.labels {
		n := len(text) - len(l.text)
		if n > 0 && text[n-1] == ' ' && strings.EqualFold(text[n:], l.text) {
			return strings.TrimRight(text[:n], " |:-–—›»")
		}
	}
	return text
}
