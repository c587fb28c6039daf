package extract

// Page chrome removed before readability scores the page. Readability has
// its own "unlikely candidate" patterns; these run first because they also
// catch chrome that sits inside the article container (share bars, tag
// boxes, newsletter sign-ups), which readability keeps when the container
// wins.

// chromeTags are elements that never hold article body text.
var chromeTags = []string{
	"button", "select", "input", "textarea",
	"script", "style", "noscript", "template", "svg",
}

// chromeContainerTags are page chrome too, but may wrap the whole page
// (ASP.NET puts every page inside one <form>), so they go only when they
// do not hold much of the page's text.
var chromeContainerTags = []string{"nav", "footer", "form", "dialog", "menu"}

// chromeSelectors are removed wherever they stand, unless the element
// holds much of the page's text. Broad structural selectors (aside, header,
// role=complementary) are deliberately absent: removing them before scoring
// measurably moved readability's choice to the wrong region on the dev set,
// and readability already weighs those elements itself.
var chromeSelectors = []string{
	"[role=navigation]",
	"[itemprop=comment]", "#comments", "#respond",
}

// chromeClassWords mark an element as chrome when one of the words of its
// class or id (split on '-', '_' and spaces) is in this list.
var chromeClassWords = []string{
	"share", "sharing", "sharebar", "social", "socials", "sociallinks",
	"newsletter", "subscribe", "subscription", "signup",
	"advert", "advertisement", "advertising", "ad", "ads", "adsense", "adslot", "dfp", "gpt", "sponsored", "taboola", "outbrain",
	"cookie", "cookies", "consent", "gdpr",
	"breadcrumb", "breadcrumbs",
	"comments", "comment", "disqus",
	"sidebar", "widget", "widgets", "rail",
	"tags", "tag", "tagcloud", "taglist", "keywords", "topics",
	"nav", "navbar", "navigation", "menu", "masthead", "topbar",
	"footer", "popup", "modal", "overlay",
	"trending", "mostread", "popular", "recommended", "recirculation",
	"print", "toolbar", "republish", "syndication",
}

// railHeadings name the boxes of other stories that templates drop into
// the body column ("Most Read", "Trending"): a box that starts with one of
// these headings and is mostly links is chrome. Compared lower-cased, as
// prefixes.
var railHeadings = []string{
	"most read", "most popular", "most viewed", "trending", "popular now", "popular stories",
	"more from", "more stories", "more news", "editor's picks", "editor’s picks", "editors' picks",
	"top stories", "latest news", "latest stories", "you may also like", "you might also like",
	"recommended for you", "don't miss", "don’t miss", "in other news", "what to read next",
	"meistgelesen", "lesen sie mehr", "les plus lus", "lo más leído", "lo mas leido", "más leídas",
}

// chromeLines are whole blocks of text that are page furniture, compared
// case-insensitively after whitespace folding.
var chromeLines = []string{
	"advertisement", "advertisements", "ad", "sponsored", "story continues below advertisement",
	"continue reading below", "scroll to continue with content", "article continues below",
	"share this article", "share this story", "share", "follow us", "print", "email",
	"click here to subscribe", "subscribe now", "sign up for our newsletter",
	"read more", "related", "related articles", "related posts", "you may also like",
	"loading...", "comments", "tags", "topics",
	"published", "updated", "caption", "close", "expand", "hide caption", "toggle caption",
	"don't miss", "don’t miss", "see more", "more", "image", "photo", "video", "watch",
	"« back to news", "back to news", "back to top", "« back", "← back", "previous article", "next article",
}

// chromeLineMarks make a short block furniture when its lower-cased text
// contains one: calls to action and datelines that templates print in the
// body column.
var chromeLineMarks = []string{
	"click here", "clicking here", "tap here",
}

// chromeLinePrefixes make a short block furniture when its lower-cased text
// starts with one.
var chromeLinePrefixes = []string{
	"published:", "updated:", "last updated", "posted on", "posted:", "first published",
	"have a correction", "spotted an error", "spotted a mistake", "report an error", "report a correction",
	"got a news tip", "send us a tip", "have a news tip",
	"（责任编辑", "(责任编辑", "责任编辑：", "【责任编辑", "（編集", "(編集", "記者：", "（记者",
}
