package attrib

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// TestJointScoreMatchesReference checks the lane-wise summing of
// joint.score against adding the weights one by one, on the embedded
// model's table: features it holds (so that most probes hit), random
// ones, and tokens with more features than a lane can sum at once.
func TestJointScoreMatchesReference(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	j := &m.joint
	raw, err := os.ReadFile("testdata/envoy-like.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := document.New(string(raw), document.Meta{})
	text.Segment(doc)
	var known []uint64
	for _, u := range newLayout(doc).units {
		for _, fs := range m.unitFeatures(nil, doc.Text, u.toks, u.quote, u.sent) {
			known = append(known, fs...)
		}
	}
	if len(known) == 0 {
		t.Fatal("no features in testdata/envoy-like.txt")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 7, 40, 255, 256, 257, 600} {
		feats := make([][]uint64, 5)
		for i := range feats {
			for range n {
				if rng.IntN(8) == 0 {
					feats[i] = append(feats[i], rng.Uint64())
				} else {
					feats[i] = append(feats[i], known[rng.IntN(len(known))])
				}
			}
		}
		e1, e2 := j.score(feats, nil, nil)
		for i, fs := range feats {
			var a1, a2 [nTags]int32
			for _, h := range fs {
				c := checkOf(h)
				for k := h & j.mask; j.slots[k].check() != 0; k = (k + 1) & j.mask {
					if j.slots[k].check() == c {
						var b [16]byte
						binary.LittleEndian.PutUint64(b[:8], j.slots[k].lo)
						binary.LittleEndian.PutUint64(b[8:], j.slots[k].hi)
						for x := range nTags {
							a1[x] += int32(int8(b[2+x]))
							a2[x] += int32(int8(b[2+nTags+x]))
						}
						break
					}
				}
			}
			for x := range nTags {
				if w1, w2 := float32(a1[x])*j.scale1, float32(a2[x])*j.scale2; e1[i*nTags+x] != w1 || e2[i*nTags+x] != w2 {
					t.Fatalf("%d features, token %d, tag %d: got %v, %v, want %v, %v", n, i, x, e1[i*nTags+x], e2[i*nTags+x], w1, w2)
				}
			}
		}
	}
}
