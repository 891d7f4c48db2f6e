package idp

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// cloneSeed deep-copies a seed, so a loaded directory never shares slices
// with its caller.
func cloneSeed(s Seed) Seed { return s.Clone() }

// ParseSeed decodes a JSON seed, rejecting unknown fields so typos show.
func ParseSeed(data []byte) (Seed, error) {
	var s Seed
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Seed{}, fmt.Errorf("seed: %w", err)
	}
	return s, nil
}
