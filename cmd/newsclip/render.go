package main

import (
	"fmt"
	"strings"

	"github.com/newsclip/newsclip/extract"
)

// renderText prints an article as plain text: the title, then the body.
func renderText(a *extract.Article) string {
	var sb strings.Builder
	if a.Title != "" {
		sb.WriteString(a.Title + "\n\n")
	}
	sb.WriteString(a.Text)
	sb.WriteString("\n")
	return sb.String()
}

// renderMarkdown prints an article as Markdown: title, dek and byline,
// the blocks, the images with captions and credits, the quotes and the
// related links.
func renderMarkdown(a *extract.Article) string {
	var sb strings.Builder
	if a.Title != "" {
		fmt.Fprintf(&sb, "# %s\n\n", a.Title)
	}
	if a.Subtitle != "" {
		fmt.Fprintf(&sb, "_%s_\n\n", a.Subtitle)
	}
	var byline []string
	if len(a.Authors) > 0 {
		byline = append(byline, "By "+strings.Join(a.Authors, ", "))
	}
	if a.PublishedAt != nil {
		byline = append(byline, a.PublishedAt.Format("2006-01-02 15:04 -07:00"))
	}
	if a.SiteName != "" {
		byline = append(byline, a.SiteName)
	}
	if len(byline) > 0 {
		fmt.Fprintf(&sb, "%s\n\n", strings.Join(byline, " · "))
	}
	if a.URL != "" {
		fmt.Fprintf(&sb, "<%s>\n\n", a.URL)
	}
	for _, img := range a.Images {
		if img.Lead {
			writeMarkdownImage(&sb, img)
		}
	}
	for _, b := range a.Blocks {
		switch b.Type {
		case extract.BlockHeading:
			level := min(max(b.Level, 2), 6)
			fmt.Fprintf(&sb, "%s %s\n\n", strings.Repeat("#", level), b.Text)
		case extract.BlockList:
			for _, it := range b.Items {
				fmt.Fprintf(&sb, "- %s\n", it)
			}
			sb.WriteString("\n")
		case extract.BlockQuote:
			for _, line := range strings.Split(b.Text, "\n") {
				fmt.Fprintf(&sb, "> %s\n", line)
			}
			sb.WriteString("\n")
		case extract.BlockTable:
			for _, row := range b.Items {
				fmt.Fprintf(&sb, "| %s |\n", row)
			}
			sb.WriteString("\n")
		case extract.BlockEmbed:
			fmt.Fprintf(&sb, "<%s>\n\n", b.Text)
		case extract.BlockFigure:
		default:
			fmt.Fprintf(&sb, "%s\n\n", b.Text)
		}
	}
	for _, img := range a.Images {
		if !img.Lead {
			writeMarkdownImage(&sb, img)
		}
	}
	if len(a.Quotes) > 0 {
		sb.WriteString("## Quotes\n\n")
		for _, q := range a.Quotes {
			who := q.Speaker
			if who == "" {
				who = "unattributed"
			}
			fmt.Fprintf(&sb, "- “%s” — %s\n", q.Text, who)
		}
		sb.WriteString("\n")
	}
	if len(a.RelatedLinks) > 0 {
		sb.WriteString("## Related\n\n")
		for _, l := range a.RelatedLinks {
			fmt.Fprintf(&sb, "- [%s](%s)\n", l.Text, l.URL)
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func writeMarkdownImage(sb *strings.Builder, img extract.Image) {
	fmt.Fprintf(sb, "![%s](%s)\n", img.Alt, img.URL)
	caption := img.Caption
	if img.Credit != "" {
		caption = strings.TrimSpace(caption + " (" + img.Credit + ")")
	}
	if caption != "" {
		fmt.Fprintf(sb, "_%s_\n", caption)
	}
	sb.WriteString("\n")
}
