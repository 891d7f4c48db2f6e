// Package config turns the mockidp command line, MOCKIDP_* environment
// variables and an optional YAML or JSON file into one [Config].
//
// Precedence is flags > environment > config file > built-in defaults, the
// order amazon-ec2-metadata-mock uses, so a container image can bake a file
// in while a test still overrides one listener with an env var or flag. The
// per-cloud map cloud_listen is merged key by key: "--cloud-listen china="
// turns off the China listener and leaves the other clouds as they were.
//
// Every source goes through the same steps:
//
//	flags ─┐
//	env   ─┼─▶ layer (value + where it came from) ─▶ merge ─▶ validate ─▶ Config
//	file  ─┤
//	default┘
//
// Each value remembers where it came from ("flag --listen", "env
// MOCKIDP_LISTEN", "config.yaml:12 (key listen)", "default"), so a problem
// is reported at the place the user has to edit. Like dex's
// cmd/dex/config.go, Load does not stop at the first problem: it returns
// every problem it found in one [*Errors].
//
// [Load] is pure apart from reading the config file, checking that the
// CA and seed files exist, and asking [os.UserCacheDir] for the default
// data folder; the environment comes in as a lookup function so tests
// never touch the process environment.
//
// An environment variable that is set to the empty string counts as set,
// which is why Load takes an [os.LookupEnv]-shaped function rather than
// the getenv of STYLE.md point 12: MOCKIDP_PROXY_LISTEN= must be able to
// turn the proxy off, and getenv cannot tell "" from unset.
package config
