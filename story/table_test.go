package story

import (
	"math/rand/v2"
	"testing"
)

func TestTable(t *testing.T) {
	tb := newTable(4)
	ref := map[uint32]uint32{}
	r := rand.New(rand.NewPCG(1, 1))
	for i := range 20000 {
		k := r.Uint32N(5000) // many repeats, and 0 now and then
		switch i % 3 {
		case 0:
			tb.inc(k)
			ref[nz(k)]++
		case 1:
			v := r.Uint32()
			old := tb.set(k, v)
			if old != ref[nz(k)] {
				t.Fatalf("set(%d) returned %d; want %d", k, old, ref[nz(k)])
			}
			ref[nz(k)] = v
		default:
			tb.add(k, 7)
			ref[nz(k)] += 7
		}
	}
	for k, v := range ref {
		if got := tb.get(k); got != v {
			t.Fatalf("get(%d) = %d; want %d", k, got, v)
		}
	}
	if tb.get(123456789) != 0 {
		t.Error("absent key has a value")
	}
	n := 0
	tb.each(func(k, v uint32) { n++ })
	if n != len(ref) || tb.n != len(ref) {
		t.Errorf("each saw %d keys, n = %d; want %d", n, tb.n, len(ref))
	}
	tb.clear()
	if tb.get(1) != 0 || tb.n != 0 {
		t.Error("clear left values")
	}
}
