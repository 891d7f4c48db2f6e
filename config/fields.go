package config

import "strings"

// field describes one string setting once, so the flag, the environment
// variable and the file key cannot drift apart.
type field struct {
	key   string // config file key; "log.format" is key format under log
	usage string
	path  bool // a relative path in the config file is relative to the file
	dst   func(*Config) *string
}

// flagName is key with dashes: "proxy_listen" → "proxy-listen", "log.format" → "log-format".
func (f field) flagName() string { return strings.NewReplacer("_", "-", ".", "-").Replace(f.key) }

// envName is "MOCKIDP_" + key in capitals: "log.format" → "MOCKIDP_LOG_FORMAT".
func (f field) envName() string {
	return "MOCKIDP_" + strings.ToUpper(strings.ReplaceAll(f.key, ".", "_"))
}

// fields lists every plain string setting; cloud_listen, seed and
// scenarios have shapes of their own and are handled beside it.
var fields = []field{
	{"listen", "HTTPS `address` of the public cloud", false, func(c *Config) *string { return &c.Listen }},
	{"proxy_listen", "HTTP CONNECT proxy `address`; empty disables", false, func(c *Config) *string { return &c.ProxyListen }},
	{"imds_listen", "plain-HTTP managed-identity `address`; empty disables", false, func(c *Config) *string { return &c.IMDSListen }},
	{"public_url", "externally visible base `URL` (https://host[:port])", false, func(c *Config) *string { return &c.PublicURL }},
	{"data_dir", "`folder` for the CA, signing keys and written files", true, func(c *Config) *string { return &c.DataDir }},
	{"ca_cert", "CA certificate PEM `file` (with --ca-key)", true, func(c *Config) *string { return &c.CACert }},
	{"ca_key", "CA private key PEM `file` (with --ca-cert)", true, func(c *Config) *string { return &c.CAKey }},
	{"write_ca", "write the CA certificate PEM to this `file` at startup", true, func(c *Config) *string { return &c.WriteCA }},
	{"arc_key_dir", "`folder` where the Azure Arc challenge writes key files (default <data_dir>/azcmagent-tokens)", true, func(c *Config) *string { return &c.ArcKeyDir }},
	{"seed_file", "seed `file` (JSON or YAML) replacing the built-in seed", true, func(c *Config) *string { return &c.SeedFile }},
	{"control_token", "bearer `token` that admits non-loopback clients to the control API", false, func(c *Config) *string { return &c.ControlToken }},
	{"control_allow_remote", "`true` admits every client to the control API without a token (isolated networks only)", false, func(c *Config) *string { return &c.ControlAllowRemote }},
	{"shutdown_timeout", "`duration` in-flight requests may take to finish after SIGTERM", false, func(c *Config) *string { return &c.ShutdownTimeout }},
	{"max_connections", "open connections `per listener`; more wait in the kernel's backlog", false, func(c *Config) *string { return &c.MaxConnections }},
	{"log.format", "log `format`: text or json", false, func(c *Config) *string { return &c.LogFormat }},
	{"signer", "RSA signer `mode`: auto (AVX-512 IFMA where the CPU has it) or go (always crypto/rsa)", false, func(c *Config) *string { return &c.Signer }},
	{"log.level", "log `level`: debug, info, warn or error", false, func(c *Config) *string { return &c.LogLevel }},
}

// Keys, flags and env names of the settings that are not in fields.
const (
	keyCloudListen = "cloud_listen"
	flagCloud      = "cloud-listen"
	envCloud       = "MOCKIDP_CLOUD_LISTEN"
	flagConfig     = "config"
	envConfig      = "MOCKIDP_CONFIG"
)

func fieldByKey(key string) (field, bool) {
	for _, f := range fields {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}
