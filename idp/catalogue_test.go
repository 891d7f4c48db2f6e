package idp

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every Def in the package's source is made by def, so the index holds
// every entry: count def calls in the source and compare, and refuse Def
// literals that would bypass it.
func TestCatalogueIndexesEveryDef(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				return n.Name.Name != "def" // def itself builds the one literal
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "def" {
					calls++
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "Def" && len(n.Elts) > 0 {
					t.Errorf("%s: a Def literal bypasses the index; declare it with def", fset.Position(n.Pos()))
				}
			}
			return true
		})
	}
	if calls == 0 || calls != len(defined) {
		t.Errorf("%d def calls in the source, %d entries registered", calls, len(defined))
	}
	for _, d := range defined {
		got, ok := Lookup(d.AADSTS)
		if !ok || got.AADSTS != d.AADSTS {
			t.Errorf("AADSTS%d is not in the index", d.AADSTS)
		}
		if d.AADSTS <= 0 || d.Code == "" || d.Format == "" || d.Status < 400 || d.Status > 599 {
			t.Errorf("incomplete entry %+v", d)
		}
	}
}

// Well-known codes from every area resolve to Entra's error and wording.
func TestLookupWellKnownCodes(t *testing.T) {
	tests := []struct {
		aadsts   int
		code     string
		status   int
		text     string
		suberror string
	}{
		{900144, "invalid_request", 400, "must contain the following parameter", ""},
		{90002, "invalid_tenant", 400, "not found", ""},
		{700016, "unauthorized_client", 400, "was not found in the directory", ""},
		{7000215, "invalid_client", 401, "Invalid client secret provided", ""},
		{7000222, "invalid_client", 401, "are expired", ""},
		{700027, "invalid_client", 401, "", ""},
		{700211, "", 0, "", ""},
		{70021, "", 0, "", ""},
		{700024, "", 0, "", ""},
		{50126, "invalid_grant", 400, "", ""},
		{50057, "", 0, "disabled", ""},
		{50076, "interaction_required", 400, "", ""},
		{53003, "", 0, "Conditional Access", ""},
		{65001, "invalid_grant", 400, "consent", "consent_required"},
		{50173, "invalid_grant", 400, "", "bad_token"},
		{700082, "invalid_grant", 400, "", ""},
		{70016, "authorization_pending", 400, "", ""},
		{70008, "invalid_grant", 400, "", ""},
		{54005, "invalid_grant", 400, "", ""},
		{500011, "invalid_resource", 400, "was not found in the tenant", ""},
		{50013, "invalid_grant", 400, "", ""},
		{90055, "temporarily_unavailable", 429, "", ""},
		{90033, "temporarily_unavailable", 503, "", ""},
		{90036, "server_error", 500, "", ""},
	}
	for _, tc := range tests {
		d, ok := Lookup(tc.aadsts)
		if !ok {
			t.Errorf("AADSTS%d: not in the index", tc.aadsts)
			continue
		}
		if (tc.code != "" && d.Code != tc.code) || (tc.status != 0 && d.Status != tc.status) ||
			!strings.Contains(d.Format, tc.text) || (tc.suberror != "" && d.Suberror != tc.suberror) {
			t.Errorf("AADSTS%d: got %+v", tc.aadsts, d)
		}
	}
	if _, ok := Lookup(12345678); ok {
		t.Error("an unknown code was found")
	}
}

func TestErrorIsComparesCodeAndNumber(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		target *Error
		want   bool
	}{
		{"same entry", ErrCodeInvalid.New(), ErrCodeInvalid.New(), true},
		{"same entry, other text", ErrMissingParameter.New("scope"), ErrMissingParameter.New(), true},
		{"wrapped", fmt.Errorf("redeem: %w", ErrCodeInvalid.New()), ErrCodeInvalid.New(), true},
		{"same number, other code", ErrMalformedRequest.New(), ErrCodeInvalid.New(), false},
		{"other number, same code", ErrBadPassword.New(), ErrCodeInvalid.New(), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := errors.Is(tc.err, tc.target); got != tc.want {
				t.Errorf("errors.Is = %v, want %v", got, tc.want)
			}
		})
	}
}
