package console

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/control"
)

// maxRows bounds every list a page shows, whatever the stores hold; the
// page says how many more there are.
const maxRows = 200

// maxCell bounds one cell: a client can send a path or scope of 4 KB
// (the journal's own bound).
const maxCell = 160

// noFilter keeps every journal record.
var noFilter control.Filter

// RequestsData is the request log page.
type RequestsData struct {
	Frame
	Query     RequestQuery
	Endpoints []string
	Log       RequestLog
}

// RequestQuery is the page's filter form, as the query string carries it.
type RequestQuery struct {
	Client, User, Endpoint, Grant string
	Failed                        bool
}

// RequestLog is the table: the newest rows first, at most maxRows.
type RequestLog struct {
	Rows         []RequestRow
	Total, Shown int
	Problem      string
}

// RequestRow is one journaled request, clipped for the page.
type RequestRow struct {
	controlapi.RequestRecord
	ClientName string
	// ClientShort is the client ID cut to its first group when the name
	// says who it is (the page shows the whole ID on hover).
	ClientShort string
	Latency     string
	Failed      bool
}

func (h *Handler) requests(c echo.Context) error {
	q := RequestQuery{Client: c.QueryParam("client"), User: c.QueryParam("user"), Endpoint: c.QueryParam("endpoint"),
		Grant: c.QueryParam("grant_type"), Failed: c.QueryParam("failed") == "1"}
	return render(c, http.StatusOK, "requests.html", RequestsData{Frame: h.frame("requests", "Requests"), Query: q,
		Endpoints: controlapi.Endpoints, Log: h.requestLog(c, q.Failed)})
}

// requestRows is the table's body alone, which the page fetches again
// every few seconds while "Live" is on.
func (h *Handler) requestRows(c echo.Context) error {
	return render(c, http.StatusOK, "requestrows.html", h.requestLog(c, c.QueryParam("failed") == "1"))
}

// requestLog selects with the control API's own filter (client, user,
// endpoint, grant_type), then failures only when asked.
func (h *Handler) requestLog(c echo.Context, failedOnly bool) RequestLog {
	f, err := control.ParseFilter(c)
	if err != nil {
		detail := err.Error()
		if fe, ok := control.Failure(err); ok {
			detail = fe.Detail
		}
		return RequestLog{Problem: detail}
	}
	all := h.Journal.RequestsWhere(f)
	names := h.clientNames()
	var log RequestLog
	for _, r := range slices.Backward(all) {
		failed := r.Status >= 400 || r.AADSTS != 0
		if failedOnly && !failed {
			continue
		}
		log.Total++
		if len(log.Rows) < maxRows {
			log.Rows = append(log.Rows, requestRow(r, names, failed))
		}
	}
	log.Shown = len(log.Rows)
	return log
}

func requestRow(r controlapi.RequestRecord, names map[string]string, failed bool) RequestRow {
	r.Path, r.Scope, r.User, r.Scenario = cell(r.Path), cell(r.Scope), cell(r.User), cell(r.Scenario)
	row := RequestRow{RequestRecord: r, Failed: failed, Latency: fmt.Sprintf("%.1f ms", r.LatencyMS)}
	if r.ClientID != "" {
		row.ClientName = names[strings.ToLower(r.ClientID)]
		row.ClientID, row.ClientShort = cell(r.ClientID), cell(r.ClientID)
		if first, _, ok := strings.Cut(r.ClientID, "-"); ok && row.ClientName != "" {
			row.ClientShort = first + "…"
		}
	}
	return row
}

// cell clips what a client sent to what a table cell can show.
func cell(s string) string {
	if len(s) <= maxCell {
		return s
	}
	cut := maxCell
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// clientNames maps every client ID the directory knows to its name.
func (h *Handler) clientNames() map[string]string {
	names := map[string]string{}
	for _, t := range h.IDP.Seed().Tenants {
		for id, n := range h.resourceNames(t) {
			names[id] = n
		}
		for _, mi := range t.ManagedIdentities {
			names[strings.ToLower(mi.ClientID)] = mi.Name + " (managed identity)"
		}
	}
	return names
}
