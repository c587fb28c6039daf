package extract

import "strings"

// buildBlocks turns the content into typed blocks.
func (p *pass) buildBlocks() {}

func blocksText(bs []Block) string {
	var parts []string
	for _, b := range bs {
		switch b.Type {
		case BlockList:
			parts = append(parts, b.Items...)
		case BlockFigure, BlockEmbed:
		default:
			parts = append(parts, b.Text)
		}
	}
	return strings.Join(parts, "\n\n")
}

func countWords(s string) int { return len(strings.Fields(s)) }

func normalizeForHash(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
