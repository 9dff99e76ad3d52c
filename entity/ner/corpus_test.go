package ner

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadColumns(t *testing.T) {
	in := `-DOCSTART- -X- -X- O

Rain NN B-NP O
hit VBD B-VP O
Lagos NNP B-NP B-LOC
. . O O

Ada NNP B-NP B-PER
Obi NNP I-NP I-PER
-DOCSTART- -X- -X- O

UN NNP B-NP B-ORG
`
	docs, err := ReadColumns(strings.NewReader(in), ColumnOptions{Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	if n := len(docs[0].Sentences); n != 2 {
		t.Fatalf("document 1: %d sentences, want 2", n)
	}
	s := docs[0].Sentences[0]
	if strings.Join(s.Words, " ") != "Rain hit Lagos ." || strings.Join(s.Tags, " ") != "O O B-LOC O" {
		t.Errorf("sentence 1 = %v %v", s.Words, s.Tags)
	}
	if docs[1].Tokens() != 1 || docs[1].Sentences[0].Tags[0] != "B-ORG" {
		t.Errorf("document 2 = %+v", docs[1])
	}
}

func TestReadColumnsWikiANN(t *testing.T) {
	in := "en:Lake\tB-LOC\nen:Chad\tI-LOC\n\nen:Kofi\tB-PER\n"
	docs, err := ReadColumns(strings.NewReader(in), ColumnOptions{Name: "w", TokenPrefix: "en:", SentencePerDocument: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Sentences[0].Words[1] != "Chad" || docs[1].Sentences[0].Words[0] != "Kofi" {
		t.Errorf("got %+v", docs)
	}
}

func TestReadColumnsErrors(t *testing.T) {
	for _, in := range []string{
		"lonely\n",
		"word B_PER\n",
		"word X-\n",
	} {
		if _, err := ReadColumns(strings.NewReader(in), ColumnOptions{Name: "bad"}); err == nil {
			t.Errorf("ReadColumns(%q): want an error", in)
		} else if !strings.Contains(err.Error(), "line 1") {
			t.Errorf("ReadColumns(%q): error %q does not name the line", in, err)
		}
	}
}

func FuzzReadColumns(f *testing.F) {
	f.Add([]byte("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n"))
	f.Add([]byte("en:Lake\tB-LOC\n\n"))
	f.Add([]byte("a b c\n\n\nd I-MISC\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := ReadColumns(bytes.NewReader(data), ColumnOptions{Name: "fuzz"})
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				if len(s.Words) != len(s.Tags) || len(s.Words) == 0 {
					t.Fatalf("bad sentence %+v", s)
				}
				for _, sp := range SpansFromTags(s.Tags) {
					if sp.Start < 0 || sp.End > len(s.Words) || sp.Start >= sp.End {
						t.Fatalf("bad span %+v", sp)
					}
				}
			}
		}
	})
}
