package controlapi_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/seed"
)

// doc is the part of openapi.json the checks read.
type doc struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]schema `json:"schemas"`
	} `json:"components"`
	Aliases map[string]string `json:"x-aliases"`
}

type schema struct {
	Properties map[string]schema `json:"properties"`
	AllOf      []schema          `json:"allOf"`
	Enum       []string          `json:"enum"`
	Codes      []string          `json:"x-codes"`
	Ref        string            `json:"$ref"`
}

func openAPI(t *testing.T) doc {
	t.Helper()
	var d doc
	if err := json.Unmarshal(controlapi.OpenAPI, &d); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return d
}

// jsonFields are the JSON names of a struct's fields, embedded structs
// flattened as encoding/json does.
func jsonFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "":
			out = append(out, jsonFields(f.Type)...)
		case name != "":
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// props are a schema's property names, allOf parts and references
// resolved.
func props(d doc, s schema) []string {
	if name, ok := strings.CutPrefix(s.Ref, "#/components/schemas/"); ok {
		s = d.Components.Schemas[name]
	}
	var out []string
	for k := range s.Properties {
		out = append(out, k)
	}
	for _, a := range s.AllOf {
		out = append(out, props(d, a)...)
	}
	slices.Sort(out)
	return out
}

// Every schema of openapi.json has exactly the fields of the Go type the
// server encodes and decodes.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	d := openAPI(t)
	types := map[string]any{
		"Error": controlapi.Error{}, "Params": controlapi.Params{}, "Match": controlapi.Match{},
		"Action": controlapi.Action{}, "ErrorAction": controlapi.ErrorAction{}, "Scenario": controlapi.Scenario{}, "Entry": controlapi.Entry{},
		"Operation": controlapi.Operation{}, "Result": controlapi.Result{}, "Status": controlapi.Status{},
		"IMDSFault": controlapi.IMDSFault{}, "DeviceDecision": controlapi.DeviceDecision{},
		"ServiceAccountRequest": controlapi.ServiceAccountRequest{}, "ServiceAccountToken": controlapi.ServiceAccountToken{},
		"RequestRecord": controlapi.RequestRecord{}, "TokenRecord": controlapi.TokenRecord{},
		"ClockChange": controlapi.ClockChange{}, "Clock": controlapi.Clock{}, "Changed": controlapi.Changed{},
		"Removed": controlapi.Removed{}, "Seed": seed.Seed{}, "ServicePrincipal": controlapi.ServicePrincipal{},
	}
	for name, v := range types {
		s, ok := d.Components.Schemas[name]
		if !ok {
			t.Errorf("openapi.json has no schema %s", name)
			continue
		}
		if got, want := props(d, s), jsonFields(reflect.TypeOf(v)); !slices.Equal(got, want) {
			t.Errorf("schema %s has %v, the Go type %v", name, got, want)
		}
	}
}

// Names the code knows are the names openapi.json lists.
func TestOpenAPINamesMatchCode(t *testing.T) {
	d := openAPI(t)
	sorted := func(l []string) []string { return slices.Sorted(slices.Values(l)) }
	if got := d.Components.Schemas["Error"].Properties["error"].Codes; !slices.Equal(sorted(got), sorted(controlapi.ErrorCodes)) {
		t.Errorf("error codes: openapi %v, code %v", got, controlapi.ErrorCodes)
	}
	if !reflect.DeepEqual(d.Aliases, controlapi.Aliases) {
		t.Errorf("x-aliases %v, code %v", d.Aliases, controlapi.Aliases)
	}
	action := d.Components.Schemas["Action"].Properties
	if got := action["token"].Enum; !slices.Equal(got, controlapi.TokenFaults) {
		t.Errorf("action.token enum %v", got)
	}
	if got := action["body"].Enum; !slices.Equal(got, []string{controlapi.BodyMalformed, controlapi.BodyTruncated}) {
		t.Errorf("action.body enum %v", got)
	}
	for _, p := range []string{"/_mockidp/requests", "/_mockidp/tokens"} {
		var op struct {
			Parameters []struct {
				Name   string `json:"name"`
				Schema schema `json:"schema"`
			} `json:"parameters"`
		}
		if err := json.Unmarshal(d.Paths[p]["get"], &op); err != nil {
			t.Fatal(err)
		}
		for _, prm := range op.Parameters {
			if prm.Name == "endpoint" && !slices.Equal(prm.Schema.Enum, controlapi.Endpoints) {
				t.Errorf("%s endpoint enum %v, code %v", p, prm.Schema.Enum, controlapi.Endpoints)
			}
		}
	}
}

// Every path constant of the package is a documented path (or the prefix
// of documented paths).
func TestOpenAPICoversPaths(t *testing.T) {
	d := openAPI(t)
	f, err := parser.ParseFile(token.NewFileSet(), "paths.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, name := range vs.Names {
			consts[name.Name] = constValue(t, vs.Values[i], consts)
		}
		return false
	})
	for name, v := range consts {
		covered := false
		for p := range d.Paths {
			if p == v || strings.HasPrefix(p, v+"/") {
				covered = true
			}
		}
		if !covered {
			t.Errorf("%s (%s) is in no path of openapi.json", name, v)
		}
	}
}

// constValue evaluates a string constant made of literals, earlier
// constants and +.
func constValue(t *testing.T, e ast.Expr, consts map[string]string) string {
	switch e := e.(type) {
	case *ast.BasicLit:
		s, err := strconv.Unquote(e.Value)
		if err != nil {
			t.Fatal(err)
		}
		return s
	case *ast.Ident:
		return consts[e.Name]
	case *ast.BinaryExpr:
		return constValue(t, e.X, consts) + constValue(t, e.Y, consts)
	}
	t.Fatalf("paths.go: unexpected expression %T", e)
	return ""
}
