package jsonenc

import (
	"bytes"
	"encoding/json"
	"testing"
)

// awkward strings cover every escape json.Marshal makes.
var awkward = []string{
	"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "\b\f\n\r\t\x00\x01\x1f\x7f",
	"é ü 中文 🙂", "line\u2028para\u2029", "bad \xff utf8 \xc3", "trunc \xe2\x80", "\xed\xa0\x80 surrogate",
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range awkward {
		assertSame(t, s)
	}
	for b := range 256 { // every single byte
		assertSame(t, "a"+string([]byte{byte(b)})+"z")
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Fuzz(assertSame)
}

func assertSame(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendString([]byte("prefix"), s); !bytes.Equal(got, append([]byte("prefix"), want...)) {
		t.Fatalf("AppendString(%q) = %s, want prefix%s", s, got, want)
	}
}
