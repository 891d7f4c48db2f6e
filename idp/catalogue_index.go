package idp

// catalogue indexes every Def by AADSTS number, so a scenario that names
// only a code gets Entra's error, status and wording. Entries register
// themselves through def; where several share a number (one code, several
// situations), the first declared is the one Lookup returns.
var catalogue = map[int]Def{}

// defined lists every Def in declaration order; tests compare it with
// the catalogue's source.
var defined []Def

// def declares a catalogue entry and indexes it. Every Def of the
// catalogue is made here: an entry cannot be left out of the index.
func def(aadsts int, code string, status int, format, suberror string) Def {
	d := Def{AADSTS: aadsts, Code: code, Status: status, Format: format, Suberror: suberror}
	if _, ok := catalogue[aadsts]; !ok {
		catalogue[aadsts] = d
	}
	defined = append(defined, d)
	return d
}

// Lookup finds the catalogue entry of an AADSTS number.
func Lookup(aadsts int) (Def, bool) {
	d, ok := catalogue[aadsts]
	return d, ok
}
