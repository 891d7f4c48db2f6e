package entra

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// userTokenV2 is the v2 delegated answer, fields in Entra's order.
type userTokenV2 struct {
	TokenType    string `json:"token_type"`
	Scope        string `json:"scope"`
	ExpiresIn    int64  `json:"expires_in"`
	ExtExpiresIn int64  `json:"ext_expires_in"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
	ClientInfo   string `json:"client_info,omitempty"`
}

// userTokenV1 is the v1 delegated answer: numbers as strings, plus
// expires_on, not_before and resource.
type userTokenV1 struct {
	TokenType    string `json:"token_type"`
	Scope        string `json:"scope"`
	ExpiresIn    string `json:"expires_in"`
	ExtExpiresIn string `json:"ext_expires_in"`
	ExpiresOn    string `json:"expires_on"`
	NotBefore    string `json:"not_before"`
	Resource     string `json:"resource"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
	ClientInfo   string `json:"client_info,omitempty"`
}

// writeUserTokens renders a delegated token answer for the endpoint
// version the client used; every user-flow grant ends here.
func (h *Handler) writeUserTokens(c echo.Context, v1 bool, t *idp.UserTokens) error {
	in := t.Access.ExpiresIn()
	h.recordToken(c, t.Access.Token)
	if !v1 {
		return web.WriteJSON(c, http.StatusOK, userTokenV2{TokenType: idp.TokenTypeBearer, Scope: t.Scope,
			ExpiresIn: in, ExtExpiresIn: in, AccessToken: t.Access.Token, RefreshToken: t.RefreshToken,
			IDToken: t.IDToken, ClientInfo: t.ClientInfo})
	}
	sin := strconv.FormatInt(in, 10)
	return web.WriteJSON(c, http.StatusOK, userTokenV1{TokenType: idp.TokenTypeBearer, Scope: t.Scope,
		ExpiresIn: sin, ExtExpiresIn: sin, ExpiresOn: strconv.FormatInt(t.Access.ExpiresOn.Unix(), 10),
		NotBefore: strconv.FormatInt(t.Access.NotBefore.Unix(), 10), Resource: t.Resource,
		AccessToken: t.Access.Token, RefreshToken: t.RefreshToken, IDToken: t.IDToken, ClientInfo: t.ClientInfo})
}
