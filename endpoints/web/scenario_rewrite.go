package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/fixtures"
	"github.com/mockidp/mockidp/scenarios"
)

// bufferWriter holds a handler's answer so a scenario can change it.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) WriteHeader(s int) {
	if b.status == 0 {
		b.status = s
	}
}
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// rewrite runs the handler into a buffer, then sends the answer changed:
// cut in half, or with its access token re-signed after a fault.
func (s *Stack) rewrite(c echo.Context, next echo.HandlerFunc, a scenarios.Action) error {
	res := c.Response()
	orig := res.Writer
	buf := &bufferWriter{header: orig.Header()}
	res.Writer = buf
	err := next(c)
	if err != nil {
		c.Error(err) // written into the buffer, like any answer
	}
	res.Writer = orig
	body := buf.body.Bytes()
	switch {
	case a.Body == scenarios.BodyTruncated:
		body = body[:len(body)/2]
	case buf.status == http.StatusOK:
		if faulted, ferr := s.faultToken(body, a.Token); ferr == nil {
			body = faulted
		} else {
			s.cfg.Log.Warn("scenario token fault not applied", "fault", a.Token, "err", ferr)
		}
	}
	orig.Header().Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
	orig.WriteHeader(buf.status)
	_, werr := orig.Write(body)
	return werr
}

// faultToken replaces the access_token of a JSON token answer by a copy
// with the fault applied and signed again.
func (s *Stack) faultToken(body []byte, fault string) ([]byte, error) {
	var answer struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &answer); err != nil || answer.AccessToken == "" {
		return nil, errors.New("answer has no access_token")
	}
	var header struct {
		Kid string `json:"kid"`
	}
	var claims idp.AccessClaims
	if err := idp.DecodeUnverifiedJWT(answer.AccessToken, &header, &claims); err != nil {
		return nil, err
	}
	cloud := cloudOfToken(header.Kid, s.cfg.IDP.Keys())
	key, _ := s.cfg.IDP.Keys().Signer(cloud)
	s.applyFault(&claims, fault)
	if fault == scenarios.TokenUnknownKid {
		key = unpublishedKey(s.cfg.IDP.Keys(), cloud)
	}
	if key == nil {
		return nil, errors.New("no key to sign with")
	}
	tok, err := idp.SignJWT(key, claims.TokenVersion(), &claims)
	if err != nil {
		return nil, err
	}
	return bytes.Replace(body, []byte(answer.AccessToken), []byte(tok), 1), nil
}

func (s *Stack) applyFault(c *idp.AccessClaims, fault string) {
	now := s.cfg.IDP.Clock().Now()
	life := time.Duration(c.Exp-c.Iat) * time.Second
	switch fault {
	case scenarios.TokenExpired:
		exp := now.Add(-10 * time.Minute)
		c.Exp, c.Iat, c.Nbf = exp.Unix(), exp.Add(-life).Unix(), exp.Add(-life).Unix()
	case scenarios.TokenNotYetValid:
		nbf := now.Add(time.Hour)
		c.Iat, c.Nbf, c.Exp = nbf.Unix(), nbf.Unix(), nbf.Add(life).Unix()
	case scenarios.TokenWrongAudience:
		c.Aud = "https://wrong-audience.mockidp.invalid"
	case scenarios.TokenWrongIssuer:
		c.Iss = "https://issuer.mockidp.invalid/" + c.Tid + "/"
	case scenarios.TokenMissingScope:
		var kept []string
		for _, sc := range strings.Fields(c.Scp) {
			if idp.OIDCScopes[strings.ToLower(sc)] {
				kept = append(kept, sc)
			}
		}
		c.Scp, c.Roles = strings.Join(kept, " "), nil
	}
}

// cloudOfToken finds the cloud whose published key is kid.
func cloudOfToken(kid string, keys *idp.Keyring) string {
	for _, c := range clouds.All() {
		for _, k := range keys.Published(c.Name) {
			if k.ID == kid {
				return c.Name
			}
		}
	}
	return clouds.Public.Name
}

// unpublishedKey is a fixture key that the cloud's JWKS does not list: the
// "rotated" fixture, or another cloud's key when rotated is in use.
func unpublishedKey(keys *idp.Keyring, cloud string) *idp.SigningKey {
	published := map[string]bool{}
	for _, k := range keys.Published(cloud) {
		published[k.ID] = true
	}
	for _, name := range []string{"rotated", "germany", "china", "usgov", "public"} {
		k, err := idp.ParseSigningKeyPEM(fixtures.SigningPEM(name))
		if err == nil && !published[k.ID] {
			return k
		}
	}
	return nil
}
