package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mockidp/mockidp/config"
	"github.com/mockidp/mockidp/idp"
	"go.yaml.in/yaml/v3"
)

// loadSeed picks the seed: a seed file, else the config file's inline seed,
// else the default seed.
func loadSeed(cfg config.Config) (idp.Seed, error) {
	switch {
	case cfg.SeedFile != "":
		data, err := os.ReadFile(cfg.SeedFile)
		if err != nil {
			return idp.Seed{}, err
		}
		if ext := strings.ToLower(filepath.Ext(cfg.SeedFile)); ext == ".yaml" || ext == ".yml" {
			if data, err = yamlToJSON(data); err != nil {
				return idp.Seed{}, fmt.Errorf("%s: %w", cfg.SeedFile, err)
			}
		}
		s, err := idp.ParseSeed(data)
		if err != nil {
			return idp.Seed{}, fmt.Errorf("%s: %w", cfg.SeedFile, err)
		}
		return s, nil
	case cfg.Seed != nil:
		s, err := idp.ParseSeed(cfg.Seed)
		if err != nil {
			return idp.Seed{}, fmt.Errorf("%s: %w", cfg.ConfigFile, err)
		}
		return s, nil
	default:
		return idp.DefaultSeed(), nil
	}
}

func yamlToJSON(data []byte) ([]byte, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}
