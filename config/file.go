package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// fileLayer reads and parses the config file at path; where says who named
// it ("flag --config"), for when it cannot be read.
func fileLayer(path, where string, errs *Errors) layer {
	data, err := os.ReadFile(path)
	if err != nil {
		errs.add(where, err)
		return newLayer()
	}
	return parseFile(path, data, errs)
}

// fileParser walks a yaml.Node rather than decoding into a struct so that
// every problem carries the line of the key the user has to fix, and so
// unknown keys, which yaml.v3 would only report one at a time, are all
// reported.
type fileParser struct {
	name string // as the user gave it, for locations
	dir  string // relative paths in the file are relative to this
	errs *Errors
	l    layer
}

// parseFile parses a YAML or JSON config file (JSON is YAML).
func parseFile(name string, data []byte, errs *Errors) layer {
	p := &fileParser{name: name, dir: filepath.Dir(name), errs: errs, l: newLayer()}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) { // an empty file is a file that says nothing
			errs.add(yamlWhere(name, err))
		}
		return p.l
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		errs.addf(name, "want one YAML document, found more")
	}
	p.top(&doc)
	return p.l
}

// yamlLine finds the line yaml.v3 puts in the text of a syntax error.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlWhere moves the line of a yaml.v3 syntax error into the location,
// so it reads "config.yaml:3: ..." like every other file problem. yaml.v3
// leaves the line out for errors on line 1, and then so do we.
func yamlWhere(name string, err error) (string, error) {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		return name + ":" + m[1], errors.New(m[2])
	}
	return name, err
}

func (p *fileParser) at(n *yaml.Node) string { return fmt.Sprintf("%s:%d", p.name, n.Line) }

func (p *fileParser) atKey(n *yaml.Node, key string) string {
	return fmt.Sprintf("%s:%d (key %s)", p.name, n.Line, key)
}

func (p *fileParser) top(doc *yaml.Node) {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	root = deref(root)
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return // a file holding only comments or "~"
	}
	if root.Kind != yaml.MappingNode {
		p.errs.addf(p.at(root), "want a mapping of settings at the top, got %s", kindName(root))
		return
	}
	p.mapping(root, "", func(key string, k, v *yaml.Node) {
		switch key {
		case keyCloudListen:
			p.clouds(k, v)
		case "log":
			p.log(k, v)
		case "seed":
			p.l.seed = p.section(k, v, key, true)
		case "scenarios":
			p.l.scenarios = p.section(k, v, key, false)
		default:
			if strings.Contains(key, ".") { // "log.format" only exists under log:
				p.errs.addf(p.at(k), "unknown key %q", key)
				return
			}
			p.str(key, k, v)
		}
	})
}

// mapping calls each for every key of n, after rejecting keys that are not
// strings or repeat. prefix qualifies keys in messages ("log.").
func (p *fileParser) mapping(n *yaml.Node, prefix string, each func(key string, k, v *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			p.errs.addf(p.at(k), "want a string key, got %s", kindName(k))
			continue
		}
		key := prefix + k.Value
		if line, dup := seen[key]; dup {
			p.errs.addf(p.at(k), "duplicate key %q (first on line %d)", key, line)
			continue
		}
		seen[key] = k.Line
		each(key, k, v)
	}
}

// str reads a plain string setting. YAML null ("key:" or "key: ~") reads as
// "", so an empty value disables an optional listener as in flags and env.
func (p *fileParser) str(key string, k, v *yaml.Node) {
	f, ok := fieldByKey(key)
	if !ok {
		p.errs.addf(p.at(k), "unknown key %q", key)
		return
	}
	s, ok := p.scalar(key, k, v)
	if !ok {
		return
	}
	if f.path && s != "" && !filepath.IsAbs(s) {
		s = filepath.Join(p.dir, s)
	}
	p.l.values[key] = setting{s, p.atKey(k, key)}
}

func (p *fileParser) scalar(key string, k, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		p.errs.addf(p.atKey(k, key), "want a string, got %s", kindName(v))
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return v.Value, true
}

func (p *fileParser) clouds(k, v *yaml.Node) {
	if v.Kind != yaml.MappingNode {
		p.errs.addf(p.atKey(k, keyCloudListen), "want a mapping of cloud to address, got %s", kindName(v))
		return
	}
	p.mapping(v, keyCloudListen+".", func(key string, ck, cv *yaml.Node) {
		if s, ok := p.scalar(key, ck, cv); ok {
			p.l.clouds[ck.Value] = setting{s, p.atKey(ck, key)}
		}
	})
}

func (p *fileParser) log(k, v *yaml.Node) {
	if v.Kind != yaml.MappingNode {
		p.errs.addf(p.atKey(k, "log"), "want a mapping with format and level, got %s", kindName(v))
		return
	}
	p.mapping(v, "log.", func(key string, lk, lv *yaml.Node) { p.str(key, lk, lv) })
}

// deref follows an alias (*name) to its anchored node.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	default:
		return "an unexpected node"
	}
}
