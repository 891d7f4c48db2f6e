package app

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Set at link time by release builds, e.g.
// -ldflags "-X github.com/mockidp/mockidp/app.version=v1.2.3 -X github.com/mockidp/mockidp/app.commit=abc123".
var version, commit string

// BuildInfo says which mockidp runs: what `mockidp version` prints.
type BuildInfo struct {
	Version string // the module version, or "devel" for a source build
	Commit  string // the VCS revision, "-dirty" when built from a modified tree
	Go      string // the Go toolchain that built it
	Signer  string // the implementation that signs tokens
}

// Build reports this binary's BuildInfo: link-time values first, then what
// the Go toolchain recorded (module version, VCS stamp).
func Build() BuildInfo {
	b := BuildInfo{Version: version, Commit: commit, Go: runtime.Version(), Signer: signerName()}
	if info, ok := debug.ReadBuildInfo(); ok {
		if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.Version = info.Main.Version
		}
		if b.Commit == "" {
			b.Commit = vcsCommit(info.Settings)
		}
	}
	if b.Version == "" {
		b.Version = "devel"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	return b
}

func vcsCommit(settings []debug.BuildSetting) string {
	var rev, dirty string
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return rev + dirty
}

// signerName is the token signer in use. Tokens are RS256 with crypto/rsa.
func signerName() string { return "crypto/rsa (RS256)" }

// Write prints b as `mockidp version` does, one fact per line.
func (b BuildInfo) Write(w io.Writer) {
	fmt.Fprintf(w, "mockidp %s\n  commit  %s\n  go      %s\n  signer  %s\n", b.Version, b.Commit, b.Go, b.Signer)
}
