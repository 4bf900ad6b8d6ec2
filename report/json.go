package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/jobstats/jobstats/stats"
)

// JSON writes s as indented JSON in the Summary schema documented in the
// stats package, followed by a newline. Lists are never null: a summary
// without roles writes "roles": []. HTML characters are not escaped. It
// returns the first write error.
func JSON(w io.Writer, s stats.Summary) error {
	if s.Roles == nil {
		s.Roles = []stats.Role{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}
