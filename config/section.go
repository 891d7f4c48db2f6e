package config

import (
	"encoding/json"
	"fmt"
	"math"

	"go.yaml.in/yaml/v3"
)

// section re-encodes an inline seed: or scenarios: section as JSON, so the
// packages that own those shapes parse one format whether the data came
// from this file, a seed file or the admin API. YAML null means absent.
func (p *fileParser) section(k, v *yaml.Node, key string, wantMapping bool) []byte {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if wantMapping && v.Kind != yaml.MappingNode {
		p.errs.addf(p.atKey(k, key), "want a mapping, got %s", kindName(v))
		return nil
	}
	// Decode resolves anchors, aliases and << merges, and refuses alias
	// bombs and self-referencing anchors, none of which a hand-written
	// walk would get right.
	keepTimestampText(v)
	var raw any
	if err := v.Decode(&raw); err != nil {
		p.errs.add(p.atKey(k, key), err)
		return nil
	}
	val, err := jsonable(raw)
	if err != nil {
		p.errs.add(p.atKey(k, key), err)
		return nil
	}
	out, err := json.Marshal(val)
	if err != nil {
		p.errs.add(p.atKey(k, key), err)
		return nil
	}
	return out
}

// keepTimestampText makes an unquoted 2024-01-02 decode as the string the
// user wrote instead of a time.Time that JSON would print as
// "2024-01-02T00:00:00Z"; the seed's owner decides what a date means. It
// walks Content only, never Alias, so anchors cannot loop it.
func keepTimestampText(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Style&yaml.TaggedStyle == 0 && n.ShortTag() == "!!timestamp" {
		n.Tag = "!!str"
	}
	for _, c := range n.Content {
		keepTimestampText(c)
	}
}

// jsonable converts what yaml.v3 decodes into something encoding/json
// accepts: YAML allows non-string mapping keys (1: x, true: y) and .nan or
// .inf, JSON does not.
func jsonable(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			j, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			v[k] = j
		}
		return v, nil
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			ks := fmt.Sprint(k)
			if _, dup := m[ks]; dup {
				return nil, fmt.Errorf("key %q appears twice once written as a JSON string", ks)
			}
			j, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			m[ks] = j
		}
		return m, nil
	case []any:
		for i, e := range v {
			j, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			v[i] = j
		}
		return v, nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%v cannot be written as JSON", v)
		}
	}
	return v, nil
}
