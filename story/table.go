package story

// table is an open-addressing hash table from non-zero uint32 keys to
// uint32 values, with linear probing. The grouping index looks up document
// frequencies and LSH buckets several hundred times per article; Go's map
// was the largest cost there, and this table, made for exactly these keys
// (already well-mixed hashes), is about three times faster and uses 8
// bytes per slot. Written by hand because no library offers a uint32
// table this plain; it supports only what the index needs (no delete).
type table struct {
	keys []uint32
	vals []uint32
	n    int
}

func newTable(size int) *table {
	s := 16
	for s < size*2 {
		s *= 2
	}
	return &table{keys: make([]uint32, s), vals: make([]uint32, s)}
}

// slot returns where k is, or where it would go.
func (t *table) slot(k uint32) int {
	mask := len(t.keys) - 1
	// The keys are hashes, but their low bits hold the term kind: mix
	// before masking.
	i := int((k*0x9E3779B1)>>7) & mask
	for t.keys[i] != 0 && t.keys[i] != k {
		i = (i + 1) & mask
	}
	return i
}

// get returns the value of k, 0 when absent.
func (t *table) get(k uint32) uint32 {
	return t.vals[t.slot(nz(k))]
}

// set stores v under k and returns the previous value.
func (t *table) set(k, v uint32) uint32 {
	k = nz(k)
	i := t.slot(k)
	if t.keys[i] == 0 {
		if (t.n+1)*4 > len(t.keys)*3 {
			t.grow()
			i = t.slot(k)
		}
		t.keys[i] = k
		t.n++
	}
	old := t.vals[i]
	t.vals[i] = v
	return old
}

// inc adds one to the value of k.
func (t *table) inc(k uint32) { t.add(k, 1) }

// add adds d to the value of k.
func (t *table) add(k, d uint32) {
	k = nz(k)
	i := t.slot(k)
	if t.keys[i] == 0 {
		if (t.n+1)*4 > len(t.keys)*3 {
			t.grow()
			i = t.slot(k)
		}
		t.keys[i] = k
		t.n++
	}
	t.vals[i] += d
}

// nz maps the key 0, which marks empty slots, to another: a term hash of 0
// is as unlikely as any other, and sharing a slot with one other key only
// merges two terms' counts.
func nz(k uint32) uint32 {
	if k == 0 {
		return 0x80000000
	}
	return k
}

func (t *table) grow() {
	old := *t
	t.keys = make([]uint32, 2*len(old.keys))
	t.vals = make([]uint32, 2*len(old.vals))
	for i, k := range old.keys {
		if k != 0 {
			j := t.slot(k)
			t.keys[j], t.vals[j] = k, old.vals[i]
		}
	}
}

// clear empties the table, keeping its size.
func (t *table) clear() {
	clear(t.keys)
	clear(t.vals)
	t.n = 0
}

// each calls fn for every key and value.
func (t *table) each(fn func(k, v uint32)) {
	for i, k := range t.keys {
		if k != 0 {
			fn(k, t.vals[i])
		}
	}
}

// bytes is the table's memory.
func (t *table) bytes() int { return 8 * len(t.keys) }
