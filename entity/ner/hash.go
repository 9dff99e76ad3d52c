package ner

// Features are hashed, never interned as strings: a feature is a 64-bit
// hash of its template and its value, so extracting one costs a few
// multiplications and no allocation, and the model stores only 32 bits of
// each kept feature. A collision between a feature seen at run time and a
// kept one is about one in a hundred million lookups at the model's size,
// far below anything that moves a score.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9E3779B97F4A7C15
)

// hashString is FNV-1a over the bytes of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashMore continues an FNV-1a hash h with a separator byte and then s, for
// hashing phrases token by token.
func hashMore(h uint64, s string) uint64 {
	h ^= 0x1f
	h *= fnvPrime
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// fmix is the MurmurHash3 finaliser: it spreads every input bit over the
// whole output.
func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// feat makes the feature of template tmpl with value hash v.
func feat(tmpl int, v uint64) uint64 { return fmix(v ^ (uint64(tmpl)+1)*golden) }

// pair combines two value hashes into one, order-sensitively.
func pair(a, b uint64) uint64 { return fmix(a*golden + b + 0x632BE59BD9B4E019) }

// small hashes a small integer value (a label, a class) into a value hash.
func small(v int) uint64 { return fmix(uint64(v) + 0x51ED2701) }
