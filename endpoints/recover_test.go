package endpoints

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
)

// A handler that panics answers with Entra's server error, not a dropped
// connection.
func TestPanicBecomesServerError(t *testing.T) {
	ts := newTestServer(t, clouds.Public, nil)
	ts.srv.stack.Echo().GET("/_test/panic", func(echo.Context) error { panic("bug") })
	resp := ts.get(t, "/_test/panic")
	var body entraErrorJSON
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusInternalServerError || body.Error != "server_error" || body.Codes[0] != 90036 {
		t.Fatalf("got %d %+v", resp.StatusCode, body)
	}
}
