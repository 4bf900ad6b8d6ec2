package scraper

import "testing"

// TestPlainTextLists covers list markup as the ATS APIs write it.
func TestPlainTextLists(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain items", "<ul><li>Go</li><li>SQL</li></ul>", "- Go\n- SQL"},
		{"paragraph in item", "<ul><li><p>5+ years</p></li><li><p>Go</p></li></ul><p>After</p>", "- 5+ years\n- Go\nAfter"},
		{"empty item", "<ul><li></li></ul><p>Next</p>", "Next"},
		{"nested list", "<ul><li>A<ul><li>B</li></ul></li></ul>", "- A\n- B"},
		{"entities once", "<p>R&amp;amp;D &lt;3</p>", "R&amp;D <3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainText(tt.in); got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
