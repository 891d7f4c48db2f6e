package idp

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// errNotJWT is a token that is not three base64url segments of JSON.
var errNotJWT = errors.New("not a compact JWT")

// DecodeUnverifiedJWT decodes a compact JWT's header and payload into
// header and claims (either may be nil) without checking the signature.
// It is for code that only reads a token (the journal, the scenario
// adapter); accepting a token is ValidateAccessToken's job.
func DecodeUnverifiedJWT(token string, header, claims any) error {
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 3 {
		return errNotJWT
	}
	for i, v := range []any{header, claims} {
		if v == nil {
			continue
		}
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			return errNotJWT
		}
		if err := json.Unmarshal(raw, v); err != nil {
			return err
		}
	}
	return nil
}
