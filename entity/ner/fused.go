package ner

// fused is a loaded model's two weight tables merged into one, for
// tagging. Tagging is bound by memory: each of a token's ~40 features is
// a random read in tables of megabytes, and with two separate tables every
// feature cost a probe and a row in each pass. Both passes share every
// pass-one feature (pass two only appends its own), so one probe here
// finds both rows, and pass one adds pass two's share of the emission
// scores as it goes.
//
// Rows are stored whole, a pass's row of one feature next to the other
// pass's, and added by addRows. Storing only the non-zero weights (four of
// seventeen on average) took a third of the memory but was slower once
// whole rows were added with SSE.
//
// Scores stay bit-identical to the float32 tables: the weights are the
// same float32 values, added to a token's score in the same order.
type fused struct {
	slots []fusedSlot
	mask  uint32
	// vals holds the rows, numLabels weights each.
	vals []float32
}

// fusedSlot is one open-addressing slot: the key and where its rows are,
// together, so that a probe reads one cache line.
type fusedSlot struct {
	key uint32 // 0 marks an empty slot; key 0 is stored as 1, as in table
	// row[p] is the offset in vals of pass p's row, or noRow.
	row [2]uint32
}

const noRow = ^uint32(0)

// newFused merges the passes' tables. The result matches weights.index
// lookups exactly: a key is found with the row its pass's table holds.
func newFused(passes [2]*weights) *fused {
	n := 0
	for _, w := range passes {
		if w != nil {
			n += w.index.len()
		}
	}
	size := 16
	for size < 2*n {
		size *= 2
	}
	f := &fused{slots: make([]fusedSlot, size), mask: uint32(size - 1)}
	// First the slots, with each pass's row number in its table...
	for p, w := range passes {
		if w == nil {
			continue
		}
		for i, k := range w.index.keys {
			if k == 0 {
				continue // table stores key 0 as 1, so 0 is only empty
			}
			s := f.slot(k)
			if s.key == 0 {
				s.key, s.row = k, [2]uint32{noRow, noRow}
			}
			s.row[p] = uint32(w.index.rows[i])
		}
	}
	// ...then the rows, a key's two side by side, so that both passes'
	// weights of a feature come in adjacent cache lines.
	f.vals = make([]float32, 0, max(n, 1)*numLabels)
	for i := range f.slots {
		s := &f.slots[i]
		for p, r := range s.row {
			if s.key == 0 || r == noRow {
				continue
			}
			s.row[p] = uint32(len(f.vals))
			f.vals = append(f.vals, passes[p].rows[int(r)*numLabels:(int(r)+1)*numLabels]...)
		}
	}
	if len(f.vals) == 0 {
		f.vals = f.vals[:numLabels] // lookup touches vals[0]
	}
	return f
}

// slot returns the slot holding key k (already non-zero), or the empty
// slot where it would go.
func (f *fused) slot(k uint32) *fusedSlot {
	for i := k & f.mask; ; i = (i + 1) & f.mask {
		if s := &f.slots[i]; s.key == 0 || s.key == k {
			return s
		}
	}
}

// absent is the slot of a key no pass has.
var absent = fusedSlot{row: [2]uint32{noRow, noRow}}

// get returns the slot of feature key k, or absent.
func (f *fused) get(k uint32) fusedSlot {
	if k == 0 {
		k = 1
	}
	for i := k & f.mask; ; i = (i + 1) & f.mask {
		s := f.slots[i]
		if s.key == k {
			return s
		}
		if s.key == 0 {
			return absent
		}
	}
}

// lookup appends the slots of feats to dst, then touches their pass-one
// rows; the caller keeps the returned sum of those so that the reads stay.
// Doing all of a sentence's probes in one tight loop, apart from the
// summing, lets the processor overlap their cache misses: interleaved with
// the sums, each miss was waited for in turn.
func (f *fused) lookup(feats []uint64, dst []fusedSlot) ([]fusedSlot, float32) {
	for _, ft := range feats {
		dst = append(dst, f.get(key(ft)))
	}
	var sink float32
	vals := f.vals
	for _, s := range dst {
		sink += vals[min(s.row[0], s.row[1], uint32(len(vals)-1))]
	}
	return dst, sink
}

// sumPass adds to row pass p's rows of every slot in slots, in order.
// offs is scratch space for their offsets.
func (f *fused) sumPass(row *[numLabels]float32, slots []fusedSlot, p int, offs []uint32) []uint32 {
	offs = offs[:0]
	for _, s := range slots {
		if s.row[p] != noRow {
			offs = append(offs, s.row[p])
		}
	}
	addRows(row, f.vals, offs)
	return offs
}

// addRowsGo is addRows in Go: the reference the assembly is tested
// against, and addRows itself where there is no assembly.
func addRowsGo(row *[numLabels]float32, vals []float32, offs []uint32) {
	for _, off := range offs {
		v := (*[numLabels]float32)(vals[off:])
		for l := range row {
			row[l] += v[l]
		}
	}
}
