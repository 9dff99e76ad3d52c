//go:build !amd64

package ner

// bestFromClosers sets best[j] and arg[j], for each opener j, to the best
// score from[k] + trans[k][j] over the closers k, in order, and the first
// k that reaches it. On amd64 it is written in assembly.
func bestFromClosers(from *[len(closers)]float32, trans *[len(closers)][12]float32, best *[12]float32, arg *[12]int32) {
	bestFromClosersGo(from, trans, best, arg)
}
