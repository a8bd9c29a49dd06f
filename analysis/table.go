package analysis

// hashing and the open-addressing tables behind every word and feature lookup. Words are
// hashed once while the text is scanned, so a lookup is a few array reads, never an
// allocation.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the splitmix64 finaliser: it spreads FNV's low bits so a power-of-two table
// can use them directly.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	if h == 0 {
		h = 1 // 0 marks an empty slot
	}
	return h
}

// hashWord hashes a word the way the scanner does: ASCII lowercased, the typographic
// apostrophe read as '.
func hashWord(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99 {
			c = '\''
			i += 2
		} else if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return mix(h)
}

// pairHash combines two hashes into one for a bigram feature; order matters.
func pairHash(a, b uint64) uint64 {
	return mix(a*0x9e3779b97f4a7c15 ^ (b + 0x632be59bd9b4e019))
}

// tagHash is the feature key of a named non-word feature such as "empath:anger".
func tagHash(tag string) uint64 { return pairHash(hashWord(tag), 0x7461672e) }

// table maps 64-bit keys to int32 values with linear probing; built once, read-only. A
// key and its value share a slot, so a lookup touches one cache line.
type table struct {
	slots []slot
	mask  uint64
}

type slot struct {
	key uint64
	val int32
}

func newTable(n int) table {
	size := 16
	for size < 2*n+1 {
		size <<= 1
	}
	return table{slots: make([]slot, size), mask: uint64(size - 1)}
}

// put sets key to v and reports whether the key was new.
func (t *table) put(key uint64, v int32) bool {
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		switch t.slots[i].key {
		case 0:
			t.slots[i] = slot{key, v}
			return true
		case key:
			t.slots[i].val = v
			return false
		}
	}
}

// get returns the value for key, or -1.
func (t *table) get(key uint64) int32 {
	slots := t.slots
	if len(slots) == 0 {
		return -1
	}
	// the length is a power of two (newTable): masking by it less one is the probe's
	// wrap-around, and lets the compiler drop the bounds check on every probe
	m := uint(len(slots) - 1)
	for i := uint(key); ; i++ {
		s := &slots[i&m]
		if s.key == key {
			return s.val
		}
		if s.key == 0 {
			return -1
		}
	}
}
