package config

import (
	"os"
	"path/filepath"
	"strings"
)

// setting is one value together with where it came from.
type setting struct {
	value string
	where string
}

// layer is what one source (defaults, file, environment or flags) said.
// A key that is absent means "this source did not say"; a present key
// with value "" means "set to empty", which disables an optional listener.
type layer struct {
	values          map[string]setting // by field key, plus "config" for the file name
	clouds          map[string]setting // by cloud name
	seed, scenarios []byte             // only a config file has these
}

func newLayer() layer {
	return layer{values: map[string]setting{}, clouds: map[string]setting{}}
}

// origins maps a key ("listen", "cloud_listen.china") to where its final
// value came from.
type origins map[string]string

// of falls back to the key itself so a check never prints an empty location.
func (o origins) of(key string) string {
	if w, ok := o[key]; ok {
		return w
	}
	return key
}

const whereDefault = "default"

func defaultLayer() layer {
	l := newLayer()
	for k, v := range map[string]string{
		"listen":               defaultListen,
		"proxy_listen":         defaultProxyListen,
		"imds_listen":          defaultIMDSListen,
		"data_dir":             defaultDataDir(),
		"log.format":           defaultLogFormat,
		"log.level":            defaultLogLevel,
		"shutdown_timeout":     defaultShutdown,
		"max_connections":      defaultMaxConnections,
		"control_allow_remote": "false",
		"signer":               defaultSigner,
	} {
		l.values[k] = setting{v, whereDefault}
	}
	for _, name := range cloudNames {
		l.clouds[name] = setting{defaultCloudListen(name), whereDefault}
	}
	return l
}

// defaultDataDir is the per-user cache folder, so CA and keys survive
// restarts (clients keep trusting the same CA) without littering the
// working folder; ".mockidp" is for users without a home, as in distroless
// containers.
func defaultDataDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return fallbackDataDir
	}
	return filepath.Join(dir, "mockidp")
}

// merge applies layers from lowest to highest precedence.
func merge(layers ...layer) (Config, origins) {
	c := Config{CloudListen: map[string]string{}}
	at := origins{}
	for _, l := range layers {
		for _, f := range fields {
			if s, ok := l.values[f.key]; ok {
				*f.dst(&c) = s.value
				at[f.key] = s.where
			}
		}
		for name, s := range l.clouds {
			c.CloudListen[name] = s.value
			at[keyCloudListen+"."+name] = s.where
		}
		if l.seed != nil {
			c.Seed = l.seed
		}
		if l.scenarios != nil {
			c.Scenarios = l.scenarios
		}
	}
	return c, at
}

// parseCloudList reads "usgov=:8444,china=" into clouds. Empty items are
// skipped so a trailing comma is harmless; names are checked later, with
// the rest of validation.
func parseCloudList(s, where string, clouds map[string]setting, errs *Errors) {
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, addr, ok := strings.Cut(item, "=")
		if !ok {
			errs.addf(where, "%q: want cloud=address, for example china=:8445 or china= to disable", item)
			continue
		}
		clouds[strings.TrimSpace(name)] = setting{strings.TrimSpace(addr), where}
	}
}
