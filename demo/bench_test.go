package demo_test

import (
	"testing"

	"github.com/jobstats/jobstats/demo"
)

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		demo.New(demo.Options{})
	}
}

func BenchmarkJobPage(b *testing.B) {
	bd := demo.New(demo.Options{})
	jobs := bd.Jobs()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		rec := get(b, bd, "/job/"+jobs[i%len(jobs)].ID)
		b.SetBytes(int64(rec.Body.Len()))
		i++
	}
}

func BenchmarkIndexPage(b *testing.B) {
	bd := demo.New(demo.Options{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		get(b, bd, "/jobs?page="+string(rune('1'+i%9)))
		i++
	}
}
