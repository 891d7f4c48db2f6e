package endpoints

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// README's layout table names every package of the tree, and
// ARCHITECTURE.md every package under endpoints/, so neither drifts from
// the code.
func TestLayoutDocumentsMatchTheTree(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, layout, _ := strings.Cut(string(readme), "\n## Layout\n")
	arch, err := os.ReadFile("../ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range packageDirs(t, "..") {
		if !strings.Contains(layout, "`"+dir+"`") {
			t.Errorf("README.md's layout table does not name %s", dir)
		}
		if strings.HasPrefix(dir, "endpoints/") && !strings.Contains(string(arch), "`"+dir+"`") {
			t.Errorf("ARCHITECTURE.md does not name %s", dir)
		}
	}
}

// packageDirs are the directories under root holding non-test Go files.
func packageDirs(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			rel, _ := filepath.Rel(root, filepath.Dir(path))
			seen[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for d := range seen {
		dirs = append(dirs, d)
	}
	return dirs
}
