package control

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/controlapi"
)

// spec is the part of openapi.json the checks read.
type spec struct {
	Paths      map[string]map[string]operationSpec `json:"paths"`
	Components struct {
		Schemas struct {
			Error struct {
				Properties struct {
					Error struct {
						Codes []string `json:"x-codes"`
					} `json:"error"`
				} `json:"properties"`
			} `json:"Error"`
		} `json:"schemas"`
	} `json:"components"`
}

type operationSpec struct {
	Responses   map[string]json.RawMessage `json:"responses"`
	OAuthErrors bool                       `json:"x-oauth-errors"`
}

func loadSpec(t *testing.T) spec {
	t.Helper()
	var s spec
	if err := json.Unmarshal(controlapi.OpenAPI, &s); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return s
}

// route finds the documented path a request path falls under: the
// same segments, a {parameter} matching any one.
func (s spec) route(path string) (string, bool) {
	for tmpl := range s.Paths {
		if segmentsMatch(strings.Split(tmpl, "/"), strings.Split(path, "/")) {
			return tmpl, true
		}
	}
	return "", false
}

func segmentsMatch(tmpl, path []string) bool {
	if len(tmpl) != len(path) {
		return false
	}
	for i := range tmpl {
		if !strings.HasPrefix(tmpl[i], "{") && tmpl[i] != path[i] {
			return false
		}
	}
	return true
}

// checkAnswers holds every error answer to openapi.json: the path and
// method are documented with that status (or the answer is the
// documented 404 or 405 for what is not), and the body is exactly
// {"error": code, "detail": text} with a documented code.
func checkAnswers(t *testing.T, answers []answer) {
	s := loadSpec(t)
	codes := s.Components.Schemas.Error.Properties.Error.Codes
	for _, a := range answers {
		var body map[string]any
		if err := json.Unmarshal(a.body, &body); err != nil {
			t.Errorf("%s %s: %d answer is not JSON: %s", a.method, a.path, a.status, a.body)
			continue
		}
		code, _ := body["error"].(string)
		detail, _ := body["detail"].(string)
		if len(body) != 2 || code == "" || detail == "" {
			t.Errorf("%s %s: %d answer is not {error, detail}: %s", a.method, a.path, a.status, a.body)
			continue
		}
		tmpl, ok := s.route(a.path)
		op, documented := s.Paths[tmpl][strings.ToLower(a.method)]
		switch {
		case !ok:
			if a.status != 404 || code != controlapi.ErrNotFound {
				t.Errorf("%s %s: undocumented path answered %d %s, want 404 not_found", a.method, a.path, a.status, code)
			}
		case !documented:
			if a.status != 405 || code != controlapi.ErrMethodNotAllowed {
				t.Errorf("%s %s: undocumented method answered %d %s, want 405 method_not_allowed", a.method, a.path, a.status, code)
			}
		case guardAnswer(a.status, code):
		default:
			if _, ok := op.Responses[strconv.Itoa(a.status)]; !ok {
				t.Errorf("%s %s (%s): status %d is not documented: %s", a.method, a.path, tmpl, a.status, a.body)
			}
			if !slices.Contains(codes, code) && !op.OAuthErrors {
				t.Errorf("%s %s: code %q is not in openapi.json's x-codes", a.method, a.path, code)
			}
		}
	}
}

// guardAnswer is a refusal of the guard in front of every control route,
// which openapi.json documents once (components.responses Forbidden and
// UnsupportedMediaType).
func guardAnswer(status int, code string) bool {
	return status == 403 && (code == controlapi.ErrForbidden || code == controlapi.ErrCrossOrigin) ||
		status == 415 && code == controlapi.ErrUnsupportedMediaType
}
