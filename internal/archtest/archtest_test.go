package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/mockidp/mockidp"

// maxMethods is the most methods a type may have, promoted methods of
// types it embeds from its own package included: a type past it is doing
// the work of several.
const maxMethods = 40

// pkg is one non-test package of the module.
type pkg struct {
	dir   string // relative to the module root, slash-separated
	files []*ast.File
}

// loadPackages parses every non-test Go file of the module, by folder.
func loadPackages(t *testing.T) []pkg {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not at %s: %v", root, err)
	}
	byDir := map[string]*pkg{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		if byDir[rel] == nil {
			byDir[rel] = &pkg{dir: rel}
		}
		byDir[rel].files = append(byDir[rel].files, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []pkg
	for _, p := range byDir {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	if len(out) < 20 {
		t.Fatalf("found only %d packages under %s", len(out), root)
	}
	return out
}

// methodCounts counts each type's methods: its own and those promoted
// from types of the same package it embeds (transitively).
func methodCounts(p pkg) map[string]int {
	declared := map[string]int{}
	embeds := map[string][]string{}
	for _, f := range p.files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && len(d.Recv.List) == 1 {
					declared[receiverType(d.Recv.List[0].Type)]++
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok {
						embeds[ts.Name.Name] = embeddedTypes(ts.Type)
					}
				}
			}
		}
	}
	counts := map[string]int{}
	for name := range embeds {
		counts[name] = withPromoted(name, declared, embeds, map[string]bool{})
	}
	for name, n := range declared {
		if _, ok := counts[name]; !ok {
			counts[name] = n
		}
	}
	return counts
}

func withPromoted(name string, declared map[string]int, embeds map[string][]string, seen map[string]bool) int {
	if seen[name] {
		return 0
	}
	seen[name] = true
	n := declared[name]
	for _, e := range embeds[name] {
		n += withPromoted(e, declared, embeds, seen)
	}
	return n
}

// receiverType is T of a receiver T, *T, T[P] or *T[P].
func receiverType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// embeddedTypes lists the same-package types a struct embeds.
func embeddedTypes(e ast.Expr) []string {
	st, ok := e.(*ast.StructType)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			if name := receiverType(f.Type); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

func TestNoTypeHasTooManyMethods(t *testing.T) {
	for _, p := range loadPackages(t) {
		for name, n := range methodCounts(p) {
			if n > maxMethods {
				t.Errorf("%s: type %s has %d methods, more than %d; split it into cohesive types", p.dir, name, n, maxMethods)
			}
		}
	}
}

// The method counter sees methods, promoted ones included; without this
// the test above could pass by counting nothing.
func TestMethodCountsSeeMethods(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", `package x
type base struct{}
func (base) a() {}
func (*base) b() {}
type T[P any] struct{ *base; n int }
func (T[P]) c() {}
func (*T[P]) d() {}`, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := methodCounts(pkg{files: []*ast.File{f}})
	if got["T"] != 4 || got["base"] != 2 {
		t.Errorf("counts %v, want T 4 and base 2", got)
	}
}

// shared are the packages under endpoints/ that every area may use: the
// composition root and route table, the plumbing, Entra's error body and
// what ARM and Graph share about continuous access evaluation.
var shared = map[string]bool{"endpoints": true, "endpoints/web": true, "endpoints/aad": true, "endpoints/cae": true}

// family joins packages that serve one area: the web console is the
// control API's pages over the same journal and state.
var family = map[string]string{"endpoints/console": "endpoints/control"}

// Each area package under endpoints/ holds one area's handlers: it imports
// no other area package, so it cannot serve (or reach into the state of)
// another area; only the route table, which imports them all, mounts
// them side by side.
func TestAreaPackagesHoldOneArea(t *testing.T) {
	areas := map[string]bool{}
	for _, p := range loadPackages(t) {
		if strings.HasPrefix(p.dir, "endpoints/") && !shared[p.dir] {
			areas[p.dir] = true
		}
	}
	if len(areas) < 5 {
		t.Fatalf("found only the areas %v", areas)
	}
	for _, p := range loadPackages(t) {
		if !areas[p.dir] {
			continue
		}
		for _, f := range p.files {
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if other := strings.TrimPrefix(path, module+"/"); areas[other] && other != p.dir && family[p.dir] != other {
					t.Errorf("%s imports %s: an area package serves one area; move what both need to endpoints/web or below", p.dir, other)
				}
			}
		}
	}
}
