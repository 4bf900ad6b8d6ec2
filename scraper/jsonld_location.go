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

func (p *ldPlace) read(raw []byte) bool {
	return ldFields(raw, ldPlaceFields, &p.Name, &p.Address)
}

var ldPlaceFields = []string{"name", "address"}

func (a *ldAddress) read(raw []byte) bool {
	return ldFields(raw, ldAddressFields, &a.Locality, &a.Region, &a.Country, &a.Name)
}

var ldAddressFields = []string{"addressLocality", "addressRegion", "addressCountry", "name"}

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
		var ok bool
		if places, ok = ldItems(raw); !ok {
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
	if !p.read(raw) {
		return ""
	}
	addr := ldFirst(p.Address)
	if len(addr) > 0 && addr[0] == '{' {
		var a ldAddress
		if a.read(addr) {
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

// ldAddressParts returns the country, region and locality of the first
// jobLocation that has an address: each a name or code as the page wrote
// it (addressCountry may be a Country object).
func ldAddressParts(raw json.RawMessage) (country, region, locality string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", "", ""
	}
	places := []json.RawMessage{raw}
	if raw[0] == '[' {
		var ok bool
		if places, ok = ldItems(raw); !ok {
			return "", "", ""
		}
	}
	for _, pr := range places {
		pr = bytes.TrimSpace(pr)
		if len(pr) == 0 || pr[0] != '{' {
			continue
		}
		var p ldPlace
		if !p.read(pr) {
			continue
		}
		addr := ldFirst(p.Address)
		if len(addr) == 0 || addr[0] != '{' {
			continue
		}
		var a ldAddress
		if !a.read(addr) {
			continue
		}
		country, region, locality = textOf(ldName(a.Country)), textOf(ldName(a.Region)), textOf(ldName(a.Locality))
		if country != "" || region != "" || locality != "" {
			return country, region, locality
		}
	}
	return "", "", ""
}

// ldNames reads applicantLocationRequirements (a Country or
// AdministrativeArea, a name, or an array of those) as names joined with
// ", ".
func ldNames(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	items := []json.RawMessage{raw}
	if raw[0] == '[' {
		var ok bool
		if items, ok = ldItems(raw); !ok {
			return ""
		}
	}
	var out []string
	for _, it := range items {
		if s := textOf(ldName(it)); s != "" && !containsString(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, ", ")
}

// ldFirst returns a value, or the first item of an array value (a Place's
// address is sometimes an array of PostalAddress).
func ldFirst(raw json.RawMessage) json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		if items, ok := ldItems(raw); ok && len(items) > 0 {
			return bytes.TrimSpace(items[0])
		}
	}
	return raw
}
