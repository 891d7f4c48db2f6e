package dockertest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const twoStages = `FROM golang:1.26 AS build
# a comment that says go build and mkdir -p /nowhere
RUN go build -trimpath -ldflags="-s -w" \
      -o /out/app ./cmd/app \
 && mkdir -p /out/data /out/cache
FROM scratch
COPY --from=build /out/app /app
COPY --from=build --chown=1:1 /out/data /data
USER 1:1
ENTRYPOINT ["/app"]
`

func TestParseRecipe(t *testing.T) {
	r, err := parseRecipe(twoStages)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"-trimpath", "-ldflags=-s -w", "./cmd/app"}; !slices.Equal(r.goBuild, want) {
		t.Errorf("goBuild = %q, want %q", r.goBuild, want)
	}
	if r.binary != "/out/app" {
		t.Errorf("binary = %q", r.binary)
	}
	if want := []string{"/out/data", "/out/cache"}; !slices.Equal(r.dirs, want) {
		t.Errorf("dirs = %q, want %q", r.dirs, want)
	}
	want := "FROM scratch\nCOPY out/app /app\nCOPY --chown=1:1 out/data /data\nUSER 1:1\nENTRYPOINT [\"/app\"]\n"
	if r.final != want {
		t.Errorf("final =\n%s\nwant\n%s", r.final, want)
	}
}

func TestParseRecipeRefusesWhatItCannotStage(t *testing.T) {
	for _, tc := range []struct{ name, dockerfile, wantErr string }{
		{"one stage", "FROM scratch\nCOPY a /a\n", "build stage"},
		{"final stage needs a registry", strings.Replace(twoStages, "FROM scratch", "FROM alpine", 1), "FROM scratch"},
		{"no go build", "FROM golang AS build\nRUN true\nFROM scratch\n", "go build"},
		{"no -o", "FROM golang AS build\nRUN go build ./cmd/app\nFROM scratch\n", "-o"},
		{"copies an unknown file", twoStages + "COPY --from=build /etc/passwd /etc/passwd\n", "/etc/passwd"},
		{"shell variables", "FROM golang AS build\nRUN go build -o $OUT ./cmd/app\nFROM scratch\n", "shell syntax"},
		{"unbalanced quote", "FROM golang AS build\nRUN go build -ldflags=\"-s -o /out/app .\nFROM scratch\n", "quote"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseRecipe(tc.dockerfile)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.wantErr)
			}
		})
	}
}

// TestRepositoryDockerfileRecipe keeps the real Dockerfile readable by the
// test build: a change there that the host build cannot follow fails here,
// not as a skipped or differently built test image.
func TestRepositoryDockerfileRecipe(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := parseRecipe(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(r.goBuild, mainPackage) {
		t.Errorf("the Dockerfile's go build %q does not build %s", r.goBuild, mainPackage)
	}
	for _, want := range []string{"USER ", "VOLUME /data", "ENTRYPOINT ", "MOCKIDP_DATA_DIR=/data"} {
		if !strings.Contains(r.final, want) {
			t.Errorf("final stage lacks %q:\n%s", want, r.final)
		}
	}
}
