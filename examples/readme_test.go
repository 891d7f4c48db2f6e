// Package examples holds README's Go programs and tests, each a file CI
// compiles and runs; this test keeps README's copies equal to them.
package examples_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// quoteRE matches README's quoted files: a marker naming the file, then
// the fenced block that must equal it.
var quoteRE = regexp.MustCompile("(?s)<!-- quote (\\S+) -->\n```go\n(.*?)```\n<!-- /quote -->")

// TestREADMEQuotesTheExamples checks that every example file README shows
// is shown exactly, and that every example program and test is shown.
func TestREADMEQuotesTheExamples(t *testing.T) {
	quoted := map[string]bool{}
	for _, m := range quoteRE.FindAllStringSubmatch(readme(t), -1) {
		name, text := m[1], m[2]
		quoted[name] = true
		file, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("README quotes %s: %v", name, err)
			continue
		}
		if string(file) != text {
			t.Errorf("README's copy of %s differs from the file; paste the file into README again", name)
		}
	}
	shown, err := filepath.Glob("*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range shown {
		base := filepath.Base(name)
		if base != "main.go" && base != "example_test.go" {
			continue // helpers that make the examples run here, such as main_test.go
		}
		if !quoted["examples/"+filepath.ToSlash(name)] {
			t.Errorf("README does not quote examples/%s", filepath.ToSlash(name))
		}
	}
	if len(quoted) == 0 {
		t.Fatal("README quotes no example")
	}
}

// TestREADMEFirstToken runs README's first curl and its decoding with
// curl and jq, against mockidp on a free port and its CA in a file.
func TestREADMEFirstToken(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s: %v", tool, err)
		}
	}
	_, block, ok := strings.Cut(readme(t), "<!-- first-token -->\n```sh\n")
	block, _, ok2 := strings.Cut(block, "```\n<!-- /first-token -->")
	if !ok || !ok2 {
		t.Fatal("README has no first-token block")
	}
	srv := mockidptest.NewServer(t)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := srv.CA.WritePEM(caFile); err != nil {
		t.Fatal(err)
	}
	script := strings.NewReplacer("https://localhost:8443", strings.Replace(srv.URL(), "127.0.0.1", "localhost", 1),
		"~/.cache/mockidp/ca.pem", caFile).Replace(block)
	if script == block {
		t.Fatal("the first-token block no longer uses https://localhost:8443 and ~/.cache/mockidp/ca.pem")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", script).Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var claims map[string]any
	if err := json.Unmarshal(out, &claims); err != nil {
		t.Fatalf("the decoded claims are not JSON: %v\n%s", err, out)
	}
	if claims["appid"] != idp.DefaultDaemonClientID || claims["tid"] != idp.DefaultTenantID ||
		claims["aud"] != "https://graph.microsoft.com" {
		t.Fatalf("claims = %v", claims)
	}
}
