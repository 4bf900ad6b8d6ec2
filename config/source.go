package config

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Source returns the source called name and true, or false when there is
// none.
func (c *Config) Source(name string) (Source, bool) {
	for _, s := range c.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return Source{}, false
}

// Keys returns, in the order of the Source fields, the yaml keys of the
// settings s sets to something other than its zero value or the default
// ApplyDefaults would give it, for display: name, kind and the
// kind-specific keys, plus schedule, politeness and the rest when they
// differ from the defaults.
func (s Source) Keys() []string {
	def := Source{Kind: s.Kind, StartURLs: s.StartURLs, Sitemaps: s.Sitemaps}
	def.ApplyDefaults()
	keys, index := structFields(reflect.TypeFor[Source]())
	v, dv := reflect.ValueOf(s), reflect.ValueOf(def)
	var out []string
	for _, k := range keys {
		f := v.Field(index[k])
		if f.IsZero() {
			continue
		}
		if defaulted[k] && reflect.DeepEqual(f.Interface(), dv.Field(index[k]).Interface()) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// defaulted are the keys ApplyDefaults may fill.
var defaulted = map[string]bool{
	"schedule": true, "parallelism": true, "timeout": true, "max_body_size": true,
	"retries": true, "max_pages": true, "close_after": true, "region": true, "thread": true, "allowed_domains": true,
}

// Value returns the setting of s under the yaml key key, formatted for
// display ("30s", "true", "a, b" for lists), and false when Source has no
// such key.
func (s Source) Value(key string) (string, bool) {
	_, index := structFields(reflect.TypeFor[Source]())
	i, ok := index[key]
	if !ok {
		return "", false
	}
	f := reflect.ValueOf(s).Field(i)
	switch x := f.Interface().(type) {
	case *int:
		if x == nil {
			return "", true
		}
		return fmt.Sprint(*x), true
	case []string:
		return strings.Join(x, ", "), true
	case Duration:
		return x.String(), true
	}
	return fmt.Sprint(f.Interface()), true
}

// YAML returns s as a YAML mapping of the keys Keys lists, in that order:
// a source entry ready to paste under sources: (indent it as a list item).
// It fails only for a value YAML cannot hold.
func (s Source) YAML() ([]byte, error) {
	_, index := structFields(reflect.TypeFor[Source]())
	v := reflect.ValueOf(s)
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range s.Keys() {
		var val yaml.Node
		if err := val.Encode(v.Field(index[k]).Interface()); err != nil {
			return nil, fmt.Errorf("encode %s: %w", k, err)
		}
		if val.Kind == yaml.SequenceNode || val.Kind == yaml.MappingNode {
			val.Style = yaml.FlowStyle
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &val)
	}
	return yaml.Marshal(m)
}
