// Package extract turns the bytes of one news page into an Article.
//
// It is pure: no network, no logging, no clock; an *Extractor is immutable
// after New and safe for concurrent use. Soft problems are returned in
// Article.Warnings.
//
// The stages of Extract, in order, and the file that holds each:
//
//	decode.go    read with a size cap, find the charset, decode to UTF-8
//	decode.go    parse once into an html.Node tree, with a node cap
//	metadata.go  JSON-LD (jsonld.go), OpenGraph, Twitter cards, <meta>,
//	             microdata, <time>, bylines (authors.go), dates (dates.go)
//	images.go    article images with captions and credits (credit.go);
//	             caption nodes lifted out
//	related.go   "Also Read" promos and related-story boxes lifted out (urls.go)
//	clean.go     page chrome removed: share bars, tag lists, rails, newsletters, ads
//	content.go   main content scored by go-readability on the cleaned tree,
//	             with our densest paragraph cluster as the fallback
//	blocks.go    the content turned into typed blocks, then text and links
//	metadata.go  fallbacks that need the content (completeMetadata)
//	images.go    images matched to the content region (finishImages)
//	quotes.go    direct quotes, their cues and their speakers (speakers.go)
//	extract.go   the recipe, and the final counts and content hash
//
// Cue verbs, titles, organisation words, selectors and labels are data
// (rules_clean.go, rules_meta.go, rules_images.go, rules_related.go,
// rules_quotes.go), compiled once in New, which fails on a bad entry.
package extract
