// Package ner recognises named entities (persons, organisations, locations
// and other names, the CoNLL-2003 types PER, ORG, LOC and MISC) in
// tokenised English text.
//
// The model is a structured averaged perceptron over hashed features
// (words, affixes, shapes, context, Brown word clusters, gazetteer matches
// and document-level case evidence), decoded with Viterbi over BILOU
// labels, in two passes: the second pass also sees what the first said
// about the same words elsewhere in the document, after Ratinov and Roth
// (2009). It is trained by `crosscheck train ner` and embedded in the
// binary; PROVENANCE.md says from what, and with what scores.
package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"
)

//go:embed model.bin.gz
var embedded []byte

// Load reads the embedded model. Each call returns a new Model; load it once
// and share it, it is safe for concurrent use.
func Load() (*Model, error) {
	m, err := ReadModel(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("load embedded NER model: %w", err)
	}
	return m, nil
}

// LoadFile reads a model from a file written by Model.Save.
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load NER model: %w", err)
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("load NER model %s: %w", path, err)
	}
	return m, nil
}

// Save writes the model to path.
func (m *Model) Save(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("save NER model: %w", err)
	}
	if _, err := m.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("save NER model %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save NER model %s: %w", path, err)
	}
	return nil
}

// Clusters returns a copy of the model's word clusters (word → Brown
// cluster bit string), for retraining with the same clusters.
func (m *Model) Clusters() map[string]string {
	out := make(map[string]string, len(m.clusterPaths))
	for w, p := range m.clusterPaths {
		out[w] = p
	}
	return out
}

// Info describes how the model was trained.
func (m *Model) Info() string { return m.info }

// Stats summarises the model's size.
func (m *Model) Stats() string {
	s := fmt.Sprintf("%d cluster words, %d gazetteer names", len(m.clusters), len(m.gaz.names))
	for i, p := range m.passes {
		if p != nil {
			s += fmt.Sprintf(", pass %d: %d features", i+1, p.index.len())
		}
	}
	return s
}

var _ io.WriterTo = (*Model)(nil)
