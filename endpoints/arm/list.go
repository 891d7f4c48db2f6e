package arm

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// armPageSize is how many items one page of an ARM list carries unless
// the client asks for fewer with $top.
const armPageSize = 100

// armList is ARM's list envelope; nextLink is absent on the last page.
type armList struct {
	Value    []any     `json:"value"`
	NextLink string    `json:"nextLink,omitempty"`
	Count    *armCount `json:"count,omitempty"`
}

// armCount is the total some ARM lists (tenants, subscriptions) add.
type armCount struct {
	Type  string `json:"type"`
	Value int    `json:"value"`
}

// writeARMPage writes the page of items that $skiptoken and $top select,
// with a nextLink to the rest.
func writeARMPage(c echo.Context, items []any, withCount bool) error {
	size := armPageSize
	if top := c.QueryParam("$top"); top != "" {
		n, err := strconv.Atoi(top)
		if err != nil || n < 1 {
			return armFail(idp.ARMInvalidQuery("$top", top))
		}
		size = min(n, armPageSize)
	}
	start := 0
	if tok := c.QueryParam("$skiptoken"); tok != "" {
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 || n > len(items) {
			return armFail(idp.ARMInvalidQuery("$skiptoken", tok))
		}
		start = n
	}
	end := min(start+size, len(items))
	out := armList{Value: append([]any{}, items[start:end]...)}
	if end < len(items) {
		out.NextLink = nextLink(c, end)
	}
	if withCount {
		out.Count = &armCount{Type: "Total", Value: len(items)}
	}
	return web.WriteJSON(c, http.StatusOK, out)
}

// nextLink is the request's own URL with $skiptoken moved on, at the host
// the client called.
func nextLink(c echo.Context, next int) string {
	r := c.Request()
	q := r.URL.Query()
	q.Set("$skiptoken", strconv.Itoa(next))
	return "https://" + r.Host + r.URL.Path + "?" + q.Encode()
}
