package ner

// addRows adds the whole rows vals[off:off+numLabels], for each off in
// offs, to row in order. Every row must lie within vals.
//
// On amd64 it is written in assembly: SSE keeps the seventeen sums in five
// registers through all the rows, where Go code loads and stores every sum
// for every row, and the loads and stores were what the emission scores
// spent their time on.
func addRows(row *[numLabels]float32, vals []float32, offs []uint32) {
	if len(offs) == 0 {
		return
	}
	addRowsSSE(row, &vals[0], &offs[0], len(offs))
}

//go:noescape
func addRowsSSE(row *[numLabels]float32, vals *float32, offs *uint32, n int)
