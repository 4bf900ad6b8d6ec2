package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jobstats/jobstats"
	"go.yaml.in/yaml/v3"
)

// Load reads the YAML file at path and returns Default() overlaid with it,
// with ApplyDefaults applied to every source, validated. Settings the file
// leaves out (or leaves empty) keep their defaults; a sources list in the
// file replaces the default sources entirely; currency_rates is merged
// over jobstats.DefaultRates when its base is the default base (USD) or
// left out, and replaces the default table when the base differs. A
// leading "~/" in database is the home directory; a relative database path
// is relative to the working directory.
//
// The file is strict: an unknown key, a value of the wrong type and every
// failed check is an *Error naming the file, line and setting, and Load
// reports all of them at once (errors.Join, ordered by line); each matches
// ErrInvalid. An error reading the file is returned wrapped ("load config:
// open ...") and matches fs.ErrNotExist when the file is missing.
func Load(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("load config: %w", err)
	}
	return Parse(path, data)
}

// Parse is Load on the bytes data; name is the file name used in error
// messages. Empty data gives Default().
func Parse(name string, data []byte) (Config, error) {
	c := Default()
	d := &decoder{file: name, pos: map[string]position{}, failed: map[string]bool{}}

	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, syntaxError(name, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return Config{}, &Error{File: name, Line: extra.Line, Column: extra.Column,
			Err: errors.New("the file holds more than one YAML document")}
	} else if !errors.Is(err, io.EOF) {
		return Config{}, syntaxError(name, data, err)
	}

	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	switch {
	case root.Kind == 0 || root.Kind == yaml.DocumentNode || isNull(root):
		// Empty file: the defaults.
	case root.Kind != yaml.MappingNode:
		d.errorf(root, "", "want a mapping of settings such as \"database: ...\", got %s", describe(root))
	default:
		// currency_rates is decoded on its own, then merged over the default table.
		var userRates *jobstats.Rates
		if hasKey(root, "currency_rates") {
			userRates = &c.CurrencyRates
			c.CurrencyRates = jobstats.Rates{}
		}
		d.decode(root, reflect.ValueOf(&c).Elem(), "")
		if userRates != nil {
			c.CurrencyRates = mergeRates(jobstats.DefaultRates(), *userRates)
		}
	}

	if strings.HasPrefix(c.Database, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			c.Database = filepath.Join(home, c.Database[2:])
		}
	}
	if _, ok := d.pos["sources"]; ok {
		v := &validator{pos: d.pos}
		v.explicitZeros(c.Sources)
		d.addAll(v.errs)
		for i := range c.Sources {
			c.Sources[i].ApplyDefaults()
		}
	}
	v := &validator{pos: d.pos}
	v.config(&c)
	d.addAll(v.errs)

	if len(d.errs) > 0 {
		slices.SortStableFunc(d.errs, func(a, b *Error) int { return a.Line - b.Line })
		errs := make([]error, len(d.errs))
		for i, e := range d.errs {
			errs[i] = e
		}
		return Config{}, errors.Join(errs...)
	}
	return c, nil
}

// mergeRates returns user over def when user's base is def's (or empty),
// else user alone.
func mergeRates(def, user jobstats.Rates) jobstats.Rates {
	if user.Base != "" && user.Base != def.Base {
		return user
	}
	out := def
	out.Rates = make(map[string]float64, len(def.Rates)+len(user.Rates))
	for k, v := range def.Rates {
		out.Rates[k] = v
	}
	for k, v := range user.Rates {
		out.Rates[k] = v
	}
	if user.AsOf != "" {
		out.AsOf = user.AsOf
	}
	return out
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a YAML parser error into an *Error with its line.
func syntaxError(name string, data []byte, err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: name, Line: problemLine(data, line, msg), Err: fmt.Errorf("malformed YAML: %s", m[2])}
	}
	return &Error{File: name, Err: fmt.Errorf("malformed YAML: %s", strings.TrimPrefix(msg, "yaml: "))}
}

// problemLine refines the line of a YAML syntax error. The parser reports
// the line where the enclosing construct starts (the parent mapping of a
// badly indented key, say), which can be lines above the problem, so this
// returns the first line from there on whose prefix of the document fails
// with the same message, or reported when there is none (or the search
// would parse more than a few MiB).
func problemLine(data []byte, reported int, msg string) int {
	budget := 4 << 20 // bytes parsed in all
	if reported < 1 {
		return reported
	}
	_, want, _ := strings.Cut(msg, ": line ")
	_, want, _ = strings.Cut(want, ": ")
	lines := bytes.SplitAfter(data, []byte("\n"))
	end := 0
	for i, l := range lines {
		end += len(l)
		if i+1 < reported {
			continue
		}
		if budget -= end; budget < 0 {
			break
		}
		var n yaml.Node
		err := yaml.NewDecoder(bytes.NewReader(data[:end])).Decode(&n)
		if err != nil && strings.HasSuffix(err.Error(), ": "+want) {
			return i + 1
		}
	}
	return reported
}

// position is where a setting is in the file.
type position struct{ line, col int }

func posOf(n *yaml.Node) position { return position{n.Line, n.Column} }

// decoder decodes a yaml.Node tree into Go values by their yaml tags,
// recording every setting's position and every error with its line.
type decoder struct {
	file   string
	pos    map[string]position // setting path -> position of its key
	failed map[string]bool     // setting paths that failed to decode
	errs   []*Error
	visits int // nodes decoded, capped against alias bombs
}

// maxVisits caps the nodes one Parse decodes, counting each alias and
// merge key expansion, so that "billion laughs" documents fail fast.
const maxVisits = 200_000

func (d *decoder) errorf(n *yaml.Node, field, format string, args ...any) {
	d.add(errorf(field, posOf(n), format, args...))
}

func (d *decoder) add(e *Error) {
	e.File = d.file
	d.errs = append(d.errs, e)
	d.failed[e.Field] = true
}

// addAll adds validation errors, except those about settings that failed to
// decode (already reported).
func (d *decoder) addAll(errs []*Error) {
	for _, e := range errs {
		if !d.failedUnder(e.Field) {
			d.add(e)
		}
	}
}

func (d *decoder) failedUnder(field string) bool {
	for f := field; ; f = parent(f) {
		if d.failed[f] {
			return true
		}
		if f == "" {
			return false
		}
	}
}

// parent returns the path of the setting that holds field ("sources[1]"
// for "sources[1].board", "sources" for "sources[1]", "" for "sources").
func parent(field string) string {
	i := strings.LastIndexAny(field, ".[")
	if i < 0 {
		return ""
	}
	return field[:i]
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && !isNull(m.Content[i+1]) {
			return true
		}
	}
	return false
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// decode decodes n into v. A null leaves v as it is (the default).
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	d.visits++
	if d.visits > maxVisits {
		if d.visits == maxVisits+1 {
			d.errorf(n, path, "the document expands to too many values (aliases nested too deep?)")
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			d.errorf(n, path, "unknown alias")
			return
		}
		n = n.Alias
	}
	if isNull(n) {
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		if err := v.Addr().Interface().(yaml.Unmarshaler).UnmarshalYAML(n); err != nil {
			e, ok := err.(*Error)
			if !ok {
				e = &Error{Line: n.Line, Column: n.Column, Err: err}
			}
			e.Field = path
			d.add(e)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.Pointer:
		nv := reflect.New(v.Type().Elem())
		before := len(d.errs)
		d.decode(n, nv.Elem(), path)
		if len(d.errs) == before {
			v.Set(nv)
		}
	default:
		d.decodeScalar(n, v, path)
	}
}

var kindNames = map[reflect.Kind]string{
	reflect.String: "a string", reflect.Bool: "true or false",
	reflect.Int: "an integer", reflect.Int64: "an integer",
	reflect.Float64: "a number",
}

func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	want := kindNames[v.Kind()]
	if want == "" {
		want = v.Type().String()
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "want %s, got %s", want, describe(n))
		return
	}
	if v.Kind() == reflect.Int64 && strings.HasSuffix(path, ".max_body_size") {
		size, err := parseSize(n.Value)
		if err != nil {
			d.errorf(n, path, "%v", err)
			return
		}
		v.SetInt(size)
		return
	}
	tmp := reflect.New(v.Type())
	if err := n.Decode(tmp.Interface()); err != nil {
		d.errorf(n, path, "cannot use %q as %s", n.Value, want)
		return
	}
	v.Set(tmp.Elem())
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "want a list, got %s", describe(n))
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		p := path + "[" + strconv.Itoa(i) + "]"
		d.pos[p] = posOf(item)
		d.decode(item, out.Index(i), p)
	}
	v.Set(out)
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "want a mapping, got %s", describe(n))
		return
	}
	out := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "want a plain key, got %s", describe(k))
			continue
		}
		p := join(path, k.Value)
		if line, dup := seen[k.Value]; dup {
			d.errorf(k, p, "key %q is already set at line %d", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		d.pos[p] = posOf(k)
		elem := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, elem, p)
		out.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), elem)
	}
	v.Set(out)
}

type fields struct {
	keys  []string
	index map[string]int
}

var fieldCache sync.Map // reflect.Type -> fields

// structFields maps the yaml keys of a struct type to field indexes, in
// field order. The results are shared: do not modify them.
func structFields(t reflect.Type) (keys []string, index map[string]int) {
	if f, ok := fieldCache.Load(t); ok {
		return f.(fields).keys, f.(fields).index
	}
	defer func() { fieldCache.Store(t, fields{keys, index}) }()
	index = map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		keys = append(keys, name)
		index[name] = i
	}
	return keys, index
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "want a mapping, got %s", describe(n))
		return
	}
	keys, index := structFields(v.Type())
	// Merge keys (<<: *anchor) first, so that the mapping's own keys win.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Tag == "!!merge" {
			val := n.Content[i+1]
			if val.Kind == yaml.AliasNode && val.Alias != nil {
				val = val.Alias
			}
			if val.Kind == yaml.SequenceNode {
				for _, m := range val.Content {
					d.decode(m, v, path)
				}
			} else {
				d.decode(val, v, path)
			}
		}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "want a plain key, got %s", describe(k))
			continue
		}
		p := join(path, k.Value)
		fi, ok := index[k.Value]
		if !ok {
			msg := "unknown key"
			if s := suggest(k.Value, keys); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
			d.errorf(k, p, "%s", msg)
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.errorf(k, p, "key %s is already set at line %d", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		d.pos[p] = posOf(k)
		d.decode(val, v.Field(fi), p)
	}
}

// suggest returns the key in keys closest to key, if it is close.
func suggest(key string, keys []string) string {
	best, bestDist := "", 3
	if len(key) <= 3 {
		bestDist = 2
	}
	for _, k := range keys {
		if dist := editDistance(strings.ToLower(key), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
