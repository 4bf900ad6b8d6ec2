package scraper

import (
	"bytes"
	"encoding/json"
	"strings"
)

// This file reads a JobPosting's place: jobLocation and its address.

// ldPlace is a schema.org Place.
type ldPlace struct {
	Name    json.RawMessage `json:"name"`
	Address json.RawMessage `json:"address"`
}

// ldAddress is a schema.org PostalAddress.
type ldAddress struct {
	Locality json.RawMessage `json:"addressLocality"`
	Region   json.RawMessage `json:"addressRegion"`
	Country  json.RawMessage `json:"addressCountry"`
	Name     json.RawMessage `json:"name"`
}

// ldLocation reads jobLocation (a Place or an array of them) as
// "City, Region, Country", several places joined with "; ".
func ldLocation(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var places []json.RawMessage
	switch raw[0] {
	case '[':
		if json.Unmarshal(raw, &places) != nil {
			return ""
		}
	case '{', '"':
		places = []json.RawMessage{raw}
	}
	var out []string
	for _, pr := range places {
		s := ldPlaceText(pr)
		if s != "" && !containsString(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

func ldPlaceText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if raw[0] != '{' {
		return textOf(ldName(raw))
	}
	var p ldPlace
	if json.Unmarshal(raw, &p) != nil {
		return ""
	}
	addr := bytes.TrimSpace(p.Address)
	if len(addr) > 0 && addr[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(addr, &items) == nil && len(items) > 0 {
			addr = bytes.TrimSpace(items[0])
		}
	}
	if len(addr) > 0 && addr[0] == '{' {
		var a ldAddress
		if json.Unmarshal(addr, &a) == nil {
			var parts []string
			for _, f := range []json.RawMessage{a.Locality, a.Region, a.Country} {
				if s := textOf(ldName(f)); s != "" && !containsString(parts, s) {
					parts = append(parts, s)
				}
			}
			if len(parts) > 0 {
				return strings.Join(parts, ", ")
			}
			if s := textOf(ldName(a.Name)); s != "" {
				return s
			}
		}
	} else if s := textOf(ldName(addr)); s != "" {
		return s
	}
	return textOf(ldName(p.Name))
}
