package config

import (
	"errors"
	"flag"
	"strings"
)

// Load builds a Config with precedence flags > MOCKIDP_* environment >
// config file > built-in defaults. args excludes the program name;
// lookupEnv has the shape of [os.LookupEnv]. The config file is named by
// --config or MOCKIDP_CONFIG.
//
// -h or --help returns [flag.ErrHelp] so main can print [Usage]. Any other
// failure is an [*Errors] listing every problem found, each with its
// location; the Config is then the zero value.
func Load(args []string, lookupEnv func(string) (string, bool)) (Config, error) {
	var errs Errors
	flags, err := flagLayer(args, &errs)
	if errors.Is(err, flag.ErrHelp) {
		return Config{}, flag.ErrHelp
	}
	env := envLayer(lookupEnv, &errs)

	file := newLayer()
	path := configFile(flags, env)
	if path.value != "" {
		file = fileLayer(path.value, path.where, &errs)
	}

	c, at := merge(defaultLayer(), file, env, flags)
	c.ConfigFile = path.value
	for _, check := range checks {
		check(&c, at, &errs)
	}
	if err := errs.orNil(); err != nil {
		return Config{}, err
	}
	c.normalize()
	return c, nil
}

// configFile picks the file to load; it cannot come from the file itself.
func configFile(flags, env layer) setting {
	if s, ok := flags.values[flagConfig]; ok {
		return s
	}
	return env.values[flagConfig]
}

// normalize rewrites valid values into the one spelling later code expects.
func (c *Config) normalize() {
	// Trimmed so callers can append "/{tenant}/..." without a double slash.
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
}
