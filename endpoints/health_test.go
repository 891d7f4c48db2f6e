package endpoints

import (
	"encoding/json"
	"testing"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/signer"
)

// The health answer names the signer that runs, and follows a forced mode.
func TestHealthNamesSigner(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	defer signer.SetMode(signer.ModeAuto)
	for _, mode := range []string{signer.ModeGo, signer.ModeAuto} {
		if err := signer.SetMode(mode); err != nil {
			t.Fatal(err)
		}
		var body map[string]string
		if err := json.NewDecoder(ts.get(t, "/_mockidp/health").Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		if body["status"] != "ok" || body["signer"] != signer.Name() {
			t.Fatalf("mode %s: health = %v, want signer %q", mode, body, signer.Name())
		}
		if mode == signer.ModeGo && body["signer"] != signer.NameCryptoRSA {
			t.Fatalf("forced mode reports %q", body["signer"])
		}
	}
}
