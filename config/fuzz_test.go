package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadFile feeds arbitrary bytes as a config file. Load must never
// panic, must fail only with *Errors, and on success must return a
// Config that satisfies its own checks.
func FuzzLoadFile(f *testing.F) {
	for _, seed := range []string{
		"",
		"listen: ':9443'\ncloud_listen: {china: ''}\nlog: {format: json}\n",
		`{"listen": ":1", "seed": {"a": [1, 2.5, null, true]}, "scenarios": [{"x": ".nan"}]}`,
		"seed: &a {b: *a}\n",
		"seed:\n  x: &x [1]\n  y: *x\n  <<: {z: 1}\n",
		"scenarios: [.inf, !!binary aGk=, !!timestamp 2024-01-02, {1: a, '1': b}]\n",
		"- a\n- b\n",
		"listen: a: b\n",
		"a: 1\n---\nb: 2\n",
		"? [a]\n: b\n",
		"cloud_listen: {? [x] : y}\n",
		"seed: {? [a] : b}\n",
	} {
		f.Add([]byte(seed))
	}
	path := filepath.Join(f.TempDir(), "config.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load([]string{"--config", path}, envOf(nil))
		if err != nil {
			var errs *Errors
			if !errors.As(err, &errs) || len(errs.Problems) == 0 {
				t.Fatalf("err = %v (%T), want a non-empty *Errors", err, err)
			}
			return
		}
		if c.Listen == "" || c.ConfigFile != path {
			t.Fatalf("Load succeeded with %+v", c)
		}
	})
}
