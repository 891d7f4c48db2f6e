package config

import (
	"time"

	"github.com/mockidp/mockidp/clouds"
)

// Config is everything the mockidp binary can be told.
type Config struct {
	// Listen is the HTTPS listener of the public cloud. It cannot be
	// disabled: the public cloud is what every client talks to first.
	Listen string
	// CloudListen maps a national cloud ("usgov", "china", "germany") to
	// its HTTPS listener. A value "" disables that cloud's listener.
	CloudListen map[string]string
	// ProxyListen is the HTTP CONNECT proxy; "" disables it.
	ProxyListen string
	// IMDSListen is the plain-HTTP managed-identity listener; "" disables it.
	IMDSListen string
	// PublicURL optionally overrides the externally visible base URL
	// (https://host[:port], no trailing slash). "" means "derive it from
	// each request", see STYLE.md point 15.
	PublicURL string
	// DataDir holds the CA, signing keys and written files.
	DataDir string
	// CACert and CAKey are optional user-supplied CA PEM files; both or neither.
	CACert, CAKey string
	// ArcKeyDir is where the Azure Arc managed-identity challenge writes
	// its key files; "" means <DataDir>/azcmagent-tokens.
	ArcKeyDir string
	// WriteCA is an optional path to write the CA certificate PEM to at startup.
	WriteCA string
	// SeedFile is an optional seed file (JSON or YAML) that replaces the
	// built-in default seed.
	SeedFile string
	// Seed is the config file's inline `seed:` section re-encoded as JSON,
	// nil if absent. Package idp parses it; config only checks it is a mapping.
	Seed []byte
	// Scenarios is the config file's inline `scenarios:` section re-encoded
	// as JSON, nil if absent.
	Scenarios []byte
	// LogFormat is "text" or "json".
	LogFormat string
	// LogLevel is "debug", "info", "warn" or "error".
	LogLevel string
	// Signer is the RSA signer mode: "auto" (the fastest this CPU runs) or
	// "go" (always crypto/rsa).
	Signer string
	// ConfigFile is the file that was loaded, "" if none.
	ConfigFile string
	// ControlToken admits non-loopback clients to the control API that
	// send it as a bearer token; "" admits loopback clients only.
	ControlToken string
	// ControlAllowRemote admits every client to the control API without a
	// token ("true"; parsed into AllowRemote).
	ControlAllowRemote string
	// ShutdownTimeout is how long in-flight requests may finish after
	// SIGTERM ("10s"; parsed into Shutdown).
	ShutdownTimeout string
	// MaxConnections bounds the open connections of each listener
	// (parsed into ConnLimit).
	MaxConnections string

	// Parsed forms of the settings above, filled by Load.
	AllowRemote bool
	Shutdown    time.Duration
	ConnLimit   int
}

// cloudNames are the national clouds that get a listener of their own. The
// public cloud is not among them: it is Config.Listen.
var cloudNames = nationalCloudNames()

func nationalCloudNames() []string {
	var names []string
	for _, c := range clouds.All()[1:] {
		names = append(names, c.Name)
	}
	return names
}

// Built-in defaults. Ports are next to each other so one `-p 8443-8446`
// publishes every cloud from a container.
// The binary binds loopback only: a developer's laptop should not offer
// test secrets to the café's network. The image sets every interface.
var defaultListen = loopback(clouds.Public.Port)

const (
	defaultProxyListen    = "127.0.0.1:8080"
	defaultIMDSListen     = "127.0.0.1:8081"
	defaultLogFormat      = "text"
	defaultLogLevel       = "info"
	defaultShutdown       = "10s"
	defaultMaxConnections = "1024"
	fallbackDataDir       = ".mockidp"
	defaultSigner         = "auto"
)

// defaultCloudListen is a national cloud's listener on its catalogue port.
func defaultCloudListen(name string) string {
	c, _ := clouds.ByName(name)
	return loopback(c.Port)
}

func loopback(port string) string { return "127.0.0.1:" + port }
