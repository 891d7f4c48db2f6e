package signer

import "testing"

// FuzzSignMatchesCryptoRSA: any message, any fixture key, both paths give
// the same bytes.
func FuzzSignMatchesCryptoRSA(f *testing.F) {
	keys := fixtureKeys(f)
	f.Add([]byte("eyJhbGciOiJSUzI1NiJ9.e30"), uint8(0))
	f.Add([]byte{}, uint8(3))
	f.Add(make([]byte, 1000), uint8(4))
	f.Fuzz(func(t *testing.T, msg []byte, ki uint8) {
		k := keys[int(ki)%len(keys)]
		got, err := SignSHA256(k, msg)
		if err != nil {
			t.Fatal(err)
		}
		if want := wantSig(t, k, msg); string(got) != string(want) {
			t.Fatalf("signer %s differs from crypto/rsa", Name())
		}
	})
}
