package report

import (
	"time"

	"github.com/jobstats/jobstats/stats"
)

// The names below are how every format of the report says things, so
// that the web pages (package web) say them the same way.

// LevelName returns a seniority level for display: "Senior", and
// "Unknown" for an empty level.
func LevelName(level string) string { return levelName(level) }

// EmploymentName names a normalized employment type in prose:
// "full-time", "contract", ...; "not stated" for any other value.
func EmploymentName(t string) string { return employmentName(t) }

// ReasonLabel names why openings were left out of pay figures, in prose:
// "no salary", "implausible amount", ...
func ReasonLabel(reason stats.Exclusion) string { return reasonLabels[string(reason)] }

// UpdatedAgo says how long before now the data was last updated:
// "Updated today", "Updated 3 days ago".
func UpdatedAgo(now, last time.Time) string { return updatedAgo(now, last) }
