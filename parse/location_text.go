package parse

import (
	"strings"
)

// RemoteScopeIn reads where a remote job's applicants may live from a
// description that says so plainly: "This role is remote within the US",
// "fully remote in Canada", "remote from anywhere in Europe", "candidates
// must be based in the United Kingdom", "open to applicants located in
// the EU", "you can work from anywhere in the world", "US-based candidates
// only". The scope is a country code, a region group or
// jobstats.RemoteWorldwide, as for Location. It reports false when the
// description says nothing of the kind, or names two different scopes
// (the statement is then not unambiguous).
func RemoteScopeIn(description string) (string, bool) {
	if description == "" {
		return "", false
	}
	lower := strings.ToLower(description)
	found := ""
	for _, cue := range remoteScopeCues {
		for i := 0; ; {
			j := strings.Index(lower[i:], cue)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(cue)
			if at > 0 && isWordByte(lower[at-1]) {
				continue
			}
			scope := remoteScopeAfter(description, i)
			if scope == "" {
				continue
			}
			if found != "" && found != scope {
				return "", false
			}
			found = scope
		}
	}
	// "US-based candidates only", "EU residents only".
	for _, tail := range []string{"-based candidates only", " based candidates only", "-based applicants only", " residents only", "-based only"} {
		for i := 0; ; {
			j := strings.Index(lower[i:], tail)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(tail)
			start := strings.LastIndexAny(lower[:at], ".,;:!?()\n") + 1
			if at-start > 40 {
				start = at - 40
			}
			words := strings.Fields(description[start:at])
			if len(words) > 3 {
				words = words[len(words)-3:]
			}
			p := Location(strings.Join(words, " "))
			scope := p.Country
			if len(p.Countries) != 1 {
				scope = ""
			}
			if scope == "" {
				continue
			}
			if found != "" && found != scope {
				return "", false
			}
			found = scope
		}
	}
	return found, found != ""
}

// remoteScopeCues start a statement whose next words name the scope.
var remoteScopeCues = []string{
	"remote within ", "remote in ", "remotely in ", "remotely within ", "remote from ", "remote across ",
	"remote-first within ", "remote anywhere in ", "remote from anywhere in ", "work from anywhere in ",
	"work remotely from anywhere in ", "work remotely from ", "anywhere within ",
	"must be based in ", "must be located in ", "must reside in ", "must live in ", "must be living in ",
	"must be residing in ", "must currently reside in ", "should be based in ", "should be located in ",
	"need to be based in ", "need to be located in ", "needs to be based in ", "needs to be located in ",
	"open to candidates in ", "open to candidates based in ", "open to candidates located in ",
	"open to applicants in ", "open to applicants based in ", "open to applicants located in ",
	"open to anyone in ", "open to anyone based in ",
	"candidates based in ", "applicants based in ", "candidates located in ", "applicants located in ",
	"only hire in ", "only hiring in ", "can only hire in ", "eligible to work in ",
}

// remoteScopeAfter reads the place named right after i: up to the end of
// the clause, at most five words ("the US.", "Europe (CET ± 2h)", "the
// United States or Canada,"). It returns "" unless the clause names an
// area and nothing else that could be a place.
func remoteScopeAfter(s string, i int) string {
	end := len(s)
	if end > i+60 {
		end = i + 60
	}
	clause := s[i:end]
	if k := strings.IndexAny(clause, ".,;:!?()\n"); k >= 0 {
		clause = clause[:k]
	}
	words := strings.Fields(clause)
	if len(words) > 5 {
		words = words[:5]
	}
	// Cut at words that end the place: "in the US and have", "in Europe
	// with", "in the EU who".
	for k, w := range words {
		switch strings.ToLower(w) {
		case "with", "who", "that", "to", "for", "and", "but", "while", "as", "if", "where", "is", "are", "at", "on":
			if strings.ToLower(w) == "and" && k+1 < len(words) {
				// "the US and Canada" names both.
				if p := Location(words[k+1]); len(p.Countries) > 0 || p.RemoteScope != "" {
					continue
				}
			}
			words = words[:k]
		}
		if len(words) <= k {
			break
		}
	}
	if len(words) == 0 {
		return ""
	}
	text := strings.Join(words, " ")
	p := RemoteLocation(text)
	return p.RemoteScope
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
