//go:build !linux

package storage

// dropMapped does nothing off Linux (where mapFile's data may be memory
// of the process's own, which must not be dropped).
func dropMapped([]byte) {}
