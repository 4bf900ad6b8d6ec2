//go:build !linux

package main

import (
	"errors"
	"os"
)

// createUnnamed reports false: unnamed files are a Linux feature.
func createUnnamed(string, os.FileMode) (*os.File, bool) { return nil, false }

// linkUnnamed is never called where createUnnamed reports false.
func linkUnnamed(*os.File, string) error { return errors.New("unnamed files are not supported") }
