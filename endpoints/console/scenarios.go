package console

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/scenarios"
)

// ScenariosData is the scenarios page: what is active, and the presets
// that add scenarios or change the directory.
type ScenariosData struct {
	Frame
	Active []ScenarioRow
	More   int
	// Faults add scenarios; Changes change the directory.
	Faults, Changes []PresetRow
}

// ScenarioRow is an active scenario in words.
type ScenarioRow struct {
	controlapi.Status
	Matches, Does, Limit string
}

// PresetRow is an operation with an input per parameter.
type PresetRow struct {
	controlapi.Operation
	Inputs []ParamInput
}

// ParamInput is one parameter's input: Kind is text, number or bool.
type ParamInput struct{ Name, Kind, Hint string }

func (h *Handler) scenarios(c echo.Context) error {
	d := ScenariosData{Frame: h.frame("scenarios", "Scenarios")}
	active := h.Scenarios.List()
	for i, st := range active {
		if i == maxRows {
			d.More = len(active) - maxRows
			break
		}
		d.Active = append(d.Active, scenarioRow(st))
	}
	for _, op := range scenarios.Presets() {
		row := PresetRow{Operation: op}
		for _, p := range op.Params {
			row.Inputs = append(row.Inputs, paramInput(p))
		}
		if op.State {
			d.Changes = append(d.Changes, row)
		} else {
			d.Faults = append(d.Faults, row)
		}
	}
	return render(c, http.StatusOK, "scenarios.html", d)
}

func paramInput(name string) ParamInput {
	switch name {
	case "times", "status", "retry_after":
		return ParamInput{Name: name, Kind: "number", Hint: name}
	case "delay", "skew":
		return ParamInput{Name: name, Kind: "text", Hint: name + " (e.g. 2s, -10m)"}
	case "overlap":
		return ParamInput{Name: name, Kind: "bool", Hint: "keep old keys published"}
	}
	return ParamInput{Name: name, Kind: "text", Hint: name}
}

func scenarioRow(st controlapi.Status) ScenarioRow {
	m := st.Match
	var match []string
	for _, f := range []struct{ k, v string }{{"cloud", m.Cloud}, {"tenant", m.Tenant}, {"client", m.ClientID},
		{"user", m.User}, {"identity", m.Identity}, {"endpoint", m.Endpoint}, {"grant", m.GrantType},
		{"scope", m.Scope}, {"path", m.Path}} {
		if f.v != "" {
			match = append(match, f.k+" "+cell(f.v))
		}
	}
	row := ScenarioRow{Status: st, Matches: strings.Join(match, " · "), Does: actionWords(st.Action), Limit: "until removed"}
	if row.Matches == "" {
		row.Matches = "every request"
	}
	if st.Times > 0 {
		row.Limit = fmt.Sprintf("%d more time(s)", st.Times)
	}
	return row
}

// actionWords says what a scenario's action does.
func actionWords(a controlapi.Action) string {
	var out []string
	switch {
	case a.Error != nil:
		out = append(out, fmt.Sprintf("fails with AADSTS%d %s", a.Error.AADSTS, a.Error.Code))
	case a.Status != 0:
		s := fmt.Sprintf("answers HTTP %d", a.Status)
		if a.RetryAfter > 0 {
			s += fmt.Sprintf(" (Retry-After %ds)", a.RetryAfter)
		}
		out = append(out, s)
	case a.Drop:
		out = append(out, "drops the connection")
	case a.Body != "":
		out = append(out, "sends a "+a.Body+" body")
	case a.Token != "":
		out = append(out, "issues a token that is "+a.Token)
	}
	if a.Delay > 0 {
		out = append(out, "waits "+time.Duration(a.Delay).String())
	}
	return strings.Join(out, ", then ")
}
