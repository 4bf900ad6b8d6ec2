// Package jobstats holds the domain types and rules of jobstats: a job
// Listing as stored, its Salary, the pay Period, the Seniority and Degree
// vocabularies, the Run record of one crawl, and the money arithmetic
// (annualization and currency conversion) that every statistic rests on.
//
// It imports nothing but the standard library. Subpackages wrap one
// technology each (scraper: colly; storage: bbolt), parse turns listing text
// into facts, stats aggregates, report renders, and cmd/jobstats wires them.
package jobstats
