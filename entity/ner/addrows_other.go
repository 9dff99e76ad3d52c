//go:build !amd64

package ner

// addRows adds the whole rows vals[off:off+numLabels], for each off in
// offs, to row in order. On amd64 it is written in assembly.
func addRows(row *[numLabels]float32, vals []float32, offs []uint32) {
	addRowsGo(row, vals, offs)
}
