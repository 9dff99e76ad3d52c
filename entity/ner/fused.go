package ner

import "math/bits"

// fused is a loaded model's two weight tables merged into one, for
// tagging. Tagging is bound by memory, not arithmetic: each of a token's
// ~40 features is a random read in tables of tens of megabytes, and with
// two separate tables every feature costs a probe and a row in each pass.
// Both passes share every pass-one feature (pass two only appends its own),
// so one probe here finds both rows, and pass one adds pass two's share of
// the emission scores as it goes. Rows are stored sparse: a row has four
// non-zero weights of seventeen on average, and a zero adds nothing.
//
// Scores stay bit-identical to the float32 tables: the weights are the
// same float32 values, added to a token's score in the same order, and
// skipping a zero weight changes no sum (a sum that starts at +0 is never
// -0, and x+0 == x for every other x).
type fused struct {
	slots []fusedSlot
	mask  uint32
	// vals holds each entry's non-zero weights in label order, pass one's
	// then pass two's.
	vals []float32
}

// fusedSlot is one open-addressing slot: key, label masks and the offset
// of the weights together, so that a probe reads one cache line.
type fusedSlot struct {
	key    uint32 // 0 marks an empty slot; key 0 is stored as 1, as in table
	off    uint32 // first weight in vals
	m1, m2 uint32 // labels with a non-zero weight in pass one and two
}

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
	// The weights of one entry are contiguous, so build the masks first,
	// then lay the weights out.
	for p, w := range passes {
		if w == nil {
			continue
		}
		for i, k := range w.index.keys {
			if k == 0 {
				continue // table stores key 0 as 1, so 0 is only empty
			}
			s := f.slot(k)
			s.key = k
			r := int(w.index.rows[i])
			var m uint32
			for l, v := range w.rows[r*numLabels : (r+1)*numLabels] {
				if v != 0 {
					m |= 1 << l
				}
			}
			if p == 0 {
				s.m1 = m
			} else {
				s.m2 = m
			}
		}
	}
	total := 0
	for i := range f.slots {
		s := &f.slots[i]
		if s.key == 0 {
			continue
		}
		if bits.OnesCount32(s.m1) > denseFrom {
			s.m1 = dense
		}
		if bits.OnesCount32(s.m2) > denseFrom {
			s.m2 = dense
		}
		s.off = uint32(total)
		total += width(s.m1) + width(s.m2)
	}
	f.vals = make([]float32, total+1) // +1: lookup touches vals[off] of an empty last entry
	for i := range f.slots {
		s := &f.slots[i]
		if s.key == 0 {
			continue
		}
		at := int(s.off)
		for p, m := range [2]uint32{s.m1, s.m2} {
			if m == 0 {
				continue
			}
			w := passes[p]
			r, _ := w.index.get(s.key)
			row := w.rows[int(r)*numLabels : (int(r)+1)*numLabels]
			if m == dense {
				at += copy(f.vals[at:], row)
				continue
			}
			for ; m != 0; m &= m - 1 {
				f.vals[at] = row[bits.TrailingZeros32(m)]
				at++
			}
		}
	}
	return f
}

// Rows with more than denseFrom non-zero weights are stored whole and
// added without a loop over their mask: the frequent features have most
// labels non-zero, and they are most of the lookups.
const (
	denseFrom = 8
	dense     = 1 << 31 // mask value of a row stored whole
)

// width returns how many weights a row with mask m stores.
func width(m uint32) int {
	if m == dense {
		return numLabels
	}
	return bits.OnesCount32(m)
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

// get returns the slot of feature key k, or a zero slot (no weights) when
// neither pass has it.
func (f *fused) get(k uint32) fusedSlot {
	if k == 0 {
		k = 1
	}
	for i := k & f.mask; ; i = (i + 1) & f.mask {
		s := f.slots[i]
		if s.key == k || s.key == 0 {
			return s
		}
	}
}

// add adds the weights of mask m, stored from vals[off], to row, and
// returns the offset after them.
func (f *fused) add(row []float32, m uint32, off uint32) uint32 {
	if m == dense {
		r := (*[numLabels]float32)(row)
		v := (*[numLabels]float32)(f.vals[off:])
		r[0] += v[0]
		r[1] += v[1]
		r[2] += v[2]
		r[3] += v[3]
		r[4] += v[4]
		r[5] += v[5]
		r[6] += v[6]
		r[7] += v[7]
		r[8] += v[8]
		r[9] += v[9]
		r[10] += v[10]
		r[11] += v[11]
		r[12] += v[12]
		r[13] += v[13]
		r[14] += v[14]
		r[15] += v[15]
		r[16] += v[16]
		return off + uint32(numLabels)
	}
	row = row[:numLabels]
	for ; m != 0; m &= m - 1 {
		row[bits.TrailingZeros32(m)] += f.vals[off]
		off++
	}
	return off
}

// lookup appends the slots of feats to dst, then touches their weights;
// the caller keeps the returned sum of those so that the reads stay.
// Doing all of a sentence's probes in one tight loop, apart from the
// summing, lets the processor overlap their cache misses: interleaved with
// the sums' unpredictable loops, each miss was waited for in turn.
func (f *fused) lookup(feats []uint64, dst []fusedSlot) ([]fusedSlot, float32) {
	for _, ft := range feats {
		dst = append(dst, f.get(key(ft)))
	}
	var sink float32
	vals := f.vals
	for _, s := range dst {
		sink += vals[s.off]
	}
	return dst, sink
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

// sumPass adds to row the weights of pass p (0 or 1) of every slot in
// slots, in order: runs of whole rows through addRows, sparse rows one by
// one between them. Slots without weights in the pass add nothing and do
// not break a run. offs is scratch space for the runs.
func (f *fused) sumPass(row *[numLabels]float32, slots []fusedSlot, p int, offs []uint32) []uint32 {
	offs = offs[:0]
	for _, s := range slots {
		m, off := s.m1, s.off
		if p == 1 {
			m, off = s.m2, off+uint32(width(s.m1))
		}
		switch {
		case m == 0:
		case m == dense:
			offs = append(offs, off)
		default:
			addRows(row, f.vals, offs)
			offs = offs[:0]
			f.add(row[:], m, off)
		}
	}
	addRows(row, f.vals, offs)
	return offs
}
