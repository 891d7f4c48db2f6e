package managedidentity

import (
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// maxArcKeys bounds outstanding challenges; the oldest is dropped beyond.
const maxArcKeys = 256

// arcTokenRequest runs the Arc agent's challenge: a request without
// Authorization gets 401 and WWW-Authenticate: Basic realm=<key file>,
// a file only a privileged local user can read; the client repeats the
// request with Authorization: Basic <file contents>. Each key is good once.
func (h *Handler) arcTokenRequest(c echo.Context) error {
	if h.Options.ArcKeyDir == "" {
		return errIMDSPath
	}
	q := c.QueryParams()
	if q.Get("api-version") == "" {
		return errIMDSMissing("api-version")
	}
	auth := c.Request().Header.Get("Authorization")
	if auth == "" {
		return h.arcChallenge(c)
	}
	key, ok := strings.CutPrefix(auth, "Basic ")
	if !ok || !h.arc.redeem(strings.TrimSpace(key)) {
		return imdsErr(http.StatusUnauthorized, "invalid_request", "The Authorization header does not hold a valid key; request a new challenge")
	}
	if q.Get("resource") == "" {
		return errIMDSMissing("resource")
	}
	sel := idp.IdentitySelector{ClientID: q.Get("client_id"), ObjectID: q.Get("object_id"),
		ResourceID: web.FirstNonEmpty(q.Get("msi_res_id"), q.Get("mi_res_id"))}
	body, err := h.imdsMint(c, idp.ComputeArc, sel, q.Get("resource"))
	if err != nil {
		return err
	}
	// msal-go only trusts a user-assigned token whose selector is echoed.
	body.ObjectID, body.MSIResID = q.Get("object_id"), sel.ResourceID
	return web.WriteJSON(c, http.StatusOK, body)
}

func (h *Handler) arcChallenge(c echo.Context) error {
	raw := make([]byte, 32)
	if _, err := io.ReadFull(h.IDP.Rand(), raw); err != nil {
		return err
	}
	key := hex.EncodeToString(raw)
	if err := os.MkdirAll(h.Options.ArcKeyDir, 0o700); err != nil {
		return fmt.Errorf("arc key folder: %w", err)
	}
	path := filepath.Join(h.Options.ArcKeyDir, idp.NewGUID(h.IDP.Rand())+".key")
	if err := os.WriteFile(path, []byte(key), 0o600); err != nil {
		return fmt.Errorf("arc key file: %w", err)
	}
	h.arc.add(key, path)
	c.Response().Header().Set("WWW-Authenticate", "Basic realm="+path)
	return imdsErr(http.StatusUnauthorized, "unauthorized_client",
		"Read the key file named in the WWW-Authenticate realm and send it as Authorization: Basic <key>")
}

func (a *arcKeys) add(key, path string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.keys == nil {
		a.keys = map[string]string{}
	}
	if len(a.keys) >= maxArcKeys {
		for k, p := range a.keys {
			delete(a.keys, k)
			_ = os.Remove(p)
			break
		}
	}
	a.keys[key] = path
}

// redeem consumes a key and removes its file; false if it is unknown.
func (a *arcKeys) redeem(key string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for k, path := range a.keys {
		if subtle.ConstantTimeCompare([]byte(k), []byte(key)) == 1 {
			delete(a.keys, k)
			_ = os.Remove(path)
			return true
		}
	}
	return false
}
