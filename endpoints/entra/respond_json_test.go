package entra

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestAppTokenV2AppendJSONMatchesEncodingJSON(t *testing.T) {
	for _, tc := range []appTokenV2{
		{},
		{TokenType: "Bearer", ExpiresIn: 3599, ExtExpiresIn: 3599, AccessToken: "eyJ0eXAi.eyJhdWQi.c2ln"},
		{TokenType: "<&>\"\\\u2028\xff", ExpiresIn: -1, ExtExpiresIn: 1 << 62, AccessToken: "\n\t\x00"},
	} {
		want, err := json.Marshal(tc)
		if err != nil {
			t.Fatal(err)
		}
		if got := tc.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("AppendJSON = %s, want %s", got, want)
		}
	}
}
