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
//	metadata.go  JSON-LD, OpenGraph, Twitter cards, <meta>, microdata, <time>
//	images.go    article images with captions and credits; caption nodes lifted out
//	related.go   "Also Read" promos and related-story boxes lifted out
//	clean.go     page chrome removed: share bars, tag lists, newsletter boxes, ads
//	content.go   main content scored by go-readability on the cleaned tree
//	blocks.go    the content turned into typed blocks, then text and links
//	images.go    images matched to the content region
//	quotes.go    direct quotes and their speakers, from the blocks
//	extract.go   the recipe, and the final counts and content hash
//
// Cue verbs, titles, organisation words, selectors and labels are data
// (rules_*.go), compiled once in New.
package extract
