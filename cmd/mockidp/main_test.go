package main

import (
	"runtime"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version", "-version"} {
		t.Run(arg, func(t *testing.T) {
			var out strings.Builder
			if code := run([]string{arg}, &out); code != 0 {
				t.Fatalf("exit %d", code)
			}
			for _, want := range []string{"mockidp ", "commit ", "go      " + runtime.Version(), "signer "} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("%s output lacks %q:\n%s", arg, want, out.String())
				}
			}
		})
	}
}

func TestHelpNamesEveryCommand(t *testing.T) {
	var out strings.Builder
	if code := run([]string{"--help"}, &out); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"mockidp healthcheck", "mockidp version", "--version", "Ctrl-C"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help lacks %q:\n%s", want, out.String())
		}
	}
}
