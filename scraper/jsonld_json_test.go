package scraper

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// ldJSONSeeds are JSON values in the shapes JSON-LD takes, and some that
// test the reader's edges (escapes, case, duplicates, nulls, nesting).
var ldJSONSeeds = []string{
	`{}`, `[]`, ` [ 1 , "a" , {"b":[2]} , null ] `, `"s"`, `12`, `null`,
	`{"@type":"JobPosting","title":"Go \"dev\"","name":5,"title":null,"hiringOrganization":{"name":"A\\"}}`,
	`{"TITLE":"x","Title":"y","ſalaryCurrency":"EUR","identifier":[{"value":"\u0041"}]}`,
	`{"\u0074itle":"esc key","baseSalary":{"currency":"USD","value":{"minValue":1,"maxValue":2.5e3,"unitText":"YEAR"}}}`,
	`{"@graph":[{"@type":["Thing","JobPosting"],"title":"t\n"}],"jobLocation":[{"address":[{"addressLocality":"B"}]}]}`,
	"{\"title\":\"\xff\xfe bad utf8\",\"description\":\"ok\"}",
	`[[[],{}],[{"a":{"b":{"c":[1,2,{"d":"}]\""}]}}}]]`,
	`{"a" : 1 , "b" : [ ] , "c" : { } , "d" : true , "e" : false }`,
}

// FuzzLDReader checks ldItems, ldFields and ldPosting.read against
// encoding/json on every valid JSON value.
func FuzzLDReader(f *testing.F) {
	for _, s := range ldJSONSeeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "jsonld", "*"))
	script := regexp.MustCompile(`(?s)<script[^>]*ld\+json[^>]*>(.*?)</script>`)
	for _, file := range files {
		b, _ := os.ReadFile(file)
		for _, m := range script.FindAllSubmatch(b, -1) {
			f.Add(bytes.TrimSpace(m[1]))
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) {
			// Invalid JSON never reaches the reader; it must still not
			// panic or loop.
			ldItems(raw)
			var p ldPosting
			p.read(raw)
			return
		}
		raw = bytes.TrimSpace(raw)
		var want []json.RawMessage
		// Every caller checks for '[' first (null is an empty array to
		// encoding/json).
		wantOK := raw[0] == '[' && json.Unmarshal(raw, &want) == nil
		got, gotOK := ldItems(raw)
		if gotOK != wantOK || len(got) != len(want) {
			t.Fatalf("ldItems(%q) = %q, %v; json: %q, %v", raw, got, gotOK, want, wantOK)
		}
		for i := range got {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("ldItems(%q)[%d] = %q, json: %q", raw, i, got[i], want[i])
			}
		}

		var wp ldPosting
		err := json.Unmarshal(raw, &wp)
		var te *json.UnmarshalTypeError
		wantOK = err == nil || errors.As(err, &te)
		if raw[0] != '{' {
			wantOK = false
		}
		var gp ldPosting
		gotOK = gp.read(raw)
		if gotOK != wantOK {
			t.Fatalf("ldPosting.read(%q) = %v, json: %v", raw, gotOK, err)
		}
		if !gotOK {
			return
		}
		gj, _ := json.Marshal(gp)
		wj, _ := json.Marshal(wp)
		if !bytes.Equal(gj, wj) {
			t.Fatalf("ldPosting.read(%q):\n got %s\nwant %s", raw, gj, wj)
		}
	})
}
