// Package config holds the configuration of jobstats: plain data (Config,
// Source), the built-in defaults (Default), and a strict YAML loader (Load,
// Parse) that validates at load time, so that a bad cron spec or a typo in
// a key fails when the file is read, not at 3 a.m.
//
// A configuration file overlays Default: settings it leaves out keep their
// defaults, and a sources list replaces the default sources. Every problem
// in a file is reported at once, each as an *Error that names the file,
// line and setting ("jobstats.yaml:12: sources[2].schedule: ...") and
// matches ErrInvalid. jobstats.example.yaml in the repository documents
// every key.
//
// Sources have a kind; KindKeys says which keys each kind requires and
// takes, and a key of another kind is an error. Schedules are validated
// with robfig/cron's standard parser (five fields, or descriptors such as
// "@every 6h" and "@daily"), durations are written "30s", "5m" or "30d",
// and request budgets "2/min" (see ParseRate); the html kind's CSS
// selectors are compiled by CompileCSS (cascadia, the engine the crawler
// runs them with) and Workday addresses read by ParseWorkdayURL. The report section (Report)
// holds the defaults of the report commands' filters; its countries are
// ISO codes, region groups, remote:SCOPE or unknown, checked at load time.
package config
