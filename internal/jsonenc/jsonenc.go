// Package jsonenc writes JSON by appending, byte for byte as encoding/json
// writes it, for the few fixed shapes every token request encodes (claims
// and the token answer), where reflection was a measurable part of the
// cost of issuing a token.
package jsonenc

import "unicode/utf8"

// AppendString appends s as a JSON string with encoding/json's escapes
// (HTML-safe, U+2028/2029 escaped, invalid UTF-8 as U+FFFD), so hand-built
// JSON stays byte-identical to json.Marshal's.
func AppendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safeSet[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// safeSet marks the ASCII bytes json.Marshal writes as themselves:
// printable, not a quote or backslash, and not one of the HTML-sensitive
// <, > and &. A table, as encoding/json has: tokens are kilobytes long.
var safeSet = func() (t [utf8.RuneSelf]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()
