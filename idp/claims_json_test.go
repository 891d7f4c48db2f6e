package idp

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// awkwardStrings: empty (omitempty), plain, and a few that need escapes;
// internal/jsonenc's tests cover every escape of one string.
var awkwardStrings = []string{"", "plain", `q"b\`, "<&>", "\n\t\x01", "é 🙂", "\u2028", "\xff", "https://sts.windows.net/x/"}

func TestAccessClaimsJSONMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		c := randomClaims(r, i)
		assertClaimsJSON(t, &c)
	}
}

func TestJWTHeaderMatchesEncodingJSON(t *testing.T) {
	for _, kid := range append(awkwardStrings, "nOo3ZDrODXEK1jKWhXslHR_KXEg") {
		for _, version := range []int{1, 2} {
			h := jwtHeader{Typ: "JWT", Alg: "RS256", Kid: kid}
			if version != 2 {
				h.X5t = kid
			}
			want, _ := json.Marshal(h)
			if got := appendJWTHeader(nil, kid, version); !bytes.Equal(got, want) {
				t.Errorf("kid %q v%d:\n got %s\nwant %s", kid, version, got, want)
			}
		}
	}
}

func FuzzAccessClaimsJSON(f *testing.F) {
	for _, s := range awkwardStrings {
		f.Add(s, s, int64(1700000000), uint8(3))
	}
	f.Fuzz(func(t *testing.T, a, b string, n int64, lists uint8) {
		c := AccessClaims{Aud: a, Iss: b, Iat: n, Nbf: -n, Exp: n + 1, Scp: a + b, Sub: b, Name: a, Ver: "2.0"}
		if lists&1 != 0 {
			c.Roles = []string{a, b}
		}
		if lists&2 != 0 {
			c.XmsCC = []string{b}
		}
		if lists&4 != 0 {
			c.Amr = []string{}
		}
		assertClaimsJSON(t, &c)
	})
}

func assertClaimsJSON(t *testing.T, c *AccessClaims) {
	t.Helper()
	want, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.appendJSON(nil); !bytes.Equal(got, want) {
		t.Fatalf("claims JSON differs:\n got %s\nwant %s", got, want)
	}
}

// randomClaims fills every field, string fields from awkwardStrings or
// empty (to exercise omitempty), lists nil, empty or filled.
func randomClaims(r *rand.Rand, i int) AccessClaims {
	var c AccessClaims
	v := reflect.ValueOf(&c).Elem()
	for f := range v.NumField() {
		field := v.Field(f)
		switch field.Kind() {
		case reflect.String:
			field.SetString(awkwardStrings[r.IntN(len(awkwardStrings))])
		case reflect.Int64:
			field.SetInt(r.Int64() - r.Int64())
		case reflect.Slice:
			switch r.IntN(3) {
			case 1:
				field.Set(reflect.ValueOf([]string{}))
			case 2:
				field.Set(reflect.ValueOf([]string{awkwardStrings[i%len(awkwardStrings)], awkwardStrings[r.IntN(len(awkwardStrings))]}))
			}
		}
	}
	return c
}
