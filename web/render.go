package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/style.css
var styleCSS []byte

//go:embed static/favicon.svg
var faviconSVG []byte

// CSP is the Content-Security-Policy of every page: nothing but the
// site's own stylesheet and images (and data: images); no script at all,
// no frame, no form posting elsewhere. Charts are inline SVG styled by
// classes, so no inline style is needed either.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// metaCSP is CSP as a page's meta element carries it, for the static
// site: frame-ancestors is not allowed there (browsers ignore it and say
// so), so only the server's header sets it.
const metaCSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'"

var templates = template.Must(template.New("").ParseFS(templateFS, "templates/*.html"))

// render executes the named template with v into w, buffering so that a
// template error never sends half a page.
func render(w io.Writer, name string, v any) error {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	_, err := w.Write(b.Bytes())
	return err
}
