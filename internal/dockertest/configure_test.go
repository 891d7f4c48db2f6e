package dockertest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReaperImageMatchesTestcontainers reads the reaper image from the
// testcontainers-go source that go.mod selects, so that an upgrade cannot
// leave the check looking at an image testcontainers no longer uses.
func TestReaperImageMatchesTestcontainers(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/testcontainers/testcontainers-go").Output()
	if err != nil {
		t.Skipf("module source not available: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "internal", "config", "config.go"))
	if err != nil {
		t.Skipf("module source not available: %v", err)
	}
	if want := `ReaperDefaultImage = "` + reaperImage + `"`; !bytes.Contains(src, []byte(want)) {
		t.Fatalf("testcontainers-go's reaper image is not %s; update reaperImage", reaperImage)
	}
}

func TestPrefixWriterWritesWholeLines(t *testing.T) {
	var out bytes.Buffer
	w := &prefixWriter{w: &out, prefix: "p: "}
	for _, chunk := range []string{"one\ntw", "o\n", "", "three\nfour\n"} {
		if n, err := w.Write([]byte(chunk)); err != nil || n != len(chunk) {
			t.Fatalf("Write(%q) = %d, %v", chunk, n, err)
		}
	}
	if want := "p: one\np: two\np: three\np: four\n"; out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
}

func TestSkipMessageIsOneLine(t *testing.T) {
	err := &NoDockerError{errors.New("dial unix /var/run/docker.sock:\n connect: no such file")}
	msg := SkipMessage(err)
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "connect: no such file") || !strings.Contains(msg, "start Docker") {
		t.Fatalf("SkipMessage = %q", msg)
	}
	if !Absent(fmt.Errorf("wrapped: %w", err)) || Absent(errors.New("build failed")) {
		t.Fatal("Absent must see a wrapped NoDockerError and only that")
	}
}
