package ner

import "fmt"

// Average returns a model whose weights are the mean of the given models'
// weights, feature by feature (a feature missing from a model counts as
// zero there). Training the same data in different shuffled orders and
// averaging smooths out what each order happened to overfit, at no cost
// when tagging. The models must share their clusters and gazetteers; the
// first one's are kept.
func Average(models ...*Model) (*Model, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("average: no models")
	}
	first := models[0]
	out := &Model{clusters: first.clusters, clusterPaths: first.clusterPaths, gaz: first.gaz, info: first.info}
	for p := range first.passes {
		var ws []*weights
		for i, m := range models {
			if (m.passes[p] == nil) != (first.passes[p] == nil) {
				return nil, fmt.Errorf("average: model %d has a different number of passes", i+1)
			}
			if m.passes[p] != nil {
				ws = append(ws, m.passes[p])
			}
		}
		if len(ws) > 0 {
			out.passes[p] = averageWeights(ws)
		}
	}
	out.fused = newFused(out.passes)
	return out, nil
}

func averageWeights(ws []*weights) *weights {
	k := float32(len(ws))
	out := &weights{}
	index := map[uint32]int32{}
	for _, w := range ws {
		for a := range w.trans {
			for b := range w.trans[a] {
				out.trans[a][b] += w.trans[a][b] / k
			}
			out.start[a] += w.start[a] / k
			out.end[a] += w.end[a] / k
		}
		for i, key := range w.index.keys {
			if key == 0 {
				continue
			}
			r, ok := index[key]
			if !ok {
				r = int32(len(out.rows) / numLabels)
				index[key] = r
				out.rows = append(out.rows, make([]float32, numLabels)...)
			}
			src := w.rows[int(w.index.rows[i])*numLabels : (int(w.index.rows[i])+1)*numLabels]
			dst := out.rows[int(r)*numLabels : (int(r)+1)*numLabels]
			for l := range dst {
				dst[l] += src[l] / k
			}
		}
	}
	out.index = newTable(len(index))
	for key, r := range index {
		out.index.put(key, r)
	}
	return out
}
