package mockidptest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/mockidptest"
)

// In a test, call mockidptest.NewServer(t); Start is the same without t.
func ExampleStart() {
	srv, err := mockidptest.Start()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	res, err := srv.Client().PostForm(srv.AuthorityURL(idp.DefaultTenantID)+"/oauth2/v2.0/token", url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret},
		"scope":         {"https://graph.microsoft.com/.default"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	var token struct {
		TokenType string `json:"token_type"`
	}
	_ = json.NewDecoder(res.Body).Decode(&token)
	fmt.Println(res.Status, token.TokenType)
	// Output: 200 OK Bearer
}

// Transport serves the real login hosts in process: no socket, no CA,
// and Entra's own issuer.
func ExampleServer_Transport() {
	srv, err := mockidptest.Start()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	client := &http.Client{Transport: srv.Transport()}
	res, err := client.Get("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	var doc struct {
		Issuer string `json:"issuer"`
	}
	_ = json.NewDecoder(res.Body).Decode(&doc)
	fmt.Println(doc.Issuer)
	// Output: https://login.microsoftonline.com/3a6e1f52-8c4d-4b7e-9a21-5f0c2d8e4b19/v2.0
}

// WithClock pins mockidp's clock, so token times are known in advance
// (iat is five minutes early, as on Entra).
func ExampleWithClock() {
	srv, err := mockidptest.Start(mockidptest.WithClock(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	client := &http.Client{Transport: srv.Transport()}
	res, err := client.PostForm("https://login.microsoftonline.com/"+idp.DefaultTenantID+"/oauth2/v2.0/token", url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {idp.DefaultDaemonClientID},
		"client_secret": {idp.DefaultDaemonSecret},
		"scope":         {"https://graph.microsoft.com/.default"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	var token struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(res.Body).Decode(&token)
	var claims struct{ Iat, Exp int64 }
	_ = idp.DecodeUnverifiedJWT(token.AccessToken, nil, &claims)
	fmt.Println(time.Unix(claims.Iat, 0).UTC(), time.Duration(claims.Exp-claims.Iat)*time.Second > 0)
	srv.Clock.Advance(time.Hour)
	fmt.Println(srv.Clock.Now().UTC())
	// Output:
	// 2030-01-02 02:59:05 +0000 UTC true
	// 2030-01-02 04:04:05 +0000 UTC
}
