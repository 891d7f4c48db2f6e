package browser

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// The device-login page: enter the code, sign in, consent, done. Each
// step is a POST of the page to itself carrying the user code; the state
// lives in idp's device-code store (the consent step also carries the
// ticket idp.BeginDeviceSignIn issued). Only the code step is the device
// flow's own page; sign-in, consent and the result are the shared pages
// of the authorize flow (pages.go).

// Hidden fields of the device-login forms.
const (
	deviceStep       = "step"
	deviceUserCode   = "otc"
	deviceTicket     = "ticket"
	deviceStepSignIn = "signin"
	deviceStepDecide = "consent"
)

// DeviceLoginPaths are the page's paths: /devicelogin for every cloud, and
// each cloud's own.
func DeviceLoginPaths() []string {
	paths := []string{"/devicelogin"}
	for _, c := range clouds.All() {
		if c.DeviceLoginPath != "" && c.DeviceLoginPath != paths[0] {
			paths = append(paths, c.DeviceLoginPath)
		}
	}
	return paths
}

// DeviceLogin is the device-login page, on each of DeviceLoginPaths.
func (h *Handler) DeviceLogin(c echo.Context) error {
	r := c.Request()
	if r.Method == http.MethodGet {
		return renderDeviceCode(c, DeviceCodePage{Action: r.URL.Path, UserCode: idp.NormalizeUserCode(c.QueryParam(deviceUserCode))})
	}
	r.Body = http.MaxBytesReader(c.Response(), r.Body, web.MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		return deviceCodeError(c, "", idp.ErrMalformedRequest.New())
	}
	code := idp.NormalizeUserCode(r.PostForm.Get(deviceUserCode))
	cloud := web.Site(c).Cloud.Name
	switch r.PostForm.Get(deviceStep) {
	case deviceStepSignIn:
		return h.deviceSignIn(c, cloud, code)
	case deviceStepDecide:
		return h.deviceDecide(c, cloud, code)
	default:
		d, err := h.IDP.Devices.LookupUserCode(cloud, code)
		if err != nil {
			return deviceCodeError(c, code, err)
		}
		return h.showDeviceSignIn(c, d.ClientID, code, "", nil)
	}
}

// showDeviceSignIn is the shared sign-in page, posting back to the
// device-login page with the code.
func (h *Handler) showDeviceSignIn(c echo.Context, clientID, code, username string, problem *Problem) error {
	return renderSignIn(c, http.StatusOK, SignInPage{AppName: h.deviceAppName(c, clientID), Action: c.Request().URL.Path,
		Hidden: []Field{{deviceStep, deviceStepSignIn}, {deviceUserCode, code}}, Username: username, Problem: problem})
}

// deviceAppName names the app a code belongs to, for the sign-in page.
func (h *Handler) deviceAppName(c echo.Context, clientID string) string {
	if t, ok := h.IDP.Directory.TenantWithApp(web.Site(c).Cloud.Name, clientID); ok {
		if app, ok := t.App(clientID); ok && app.DisplayName != "" {
			return app.DisplayName
		}
	}
	return clientID
}

// deviceSignIn checks the password and shows what the app asks for.
func (h *Handler) deviceSignIn(c echo.Context, cloud, code string) error {
	f := c.Request().PostForm
	username := f.Get("login")
	consent, ticket, err := h.IDP.Devices.BeginDeviceSignIn(cloud, code, username, f.Get("passwd"))
	if signInError(idp.CodeOf(err)) {
		web.Note(c).AADSTS = idp.CodeOf(err)
		d, lookErr := h.IDP.Devices.LookupUserCode(cloud, code)
		if lookErr != nil {
			return deviceCodeError(c, code, lookErr)
		}
		return h.showDeviceSignIn(c, d.ClientID, code, username, problemOf(err, signInProblem))
	}
	if err != nil {
		return deviceCodeError(c, code, err)
	}
	app := nameOr(consent.App.DisplayName, consent.App.ClientID)
	tenant := nameOr(consent.Tenant.DisplayName, consent.Tenant.DefaultDomain())
	return renderConsent(c, ConsentPage{Title: "Are you trying to sign in to " + app + "?", AppName: app,
		ClientID: consent.App.ClientID, Username: consent.User.UserPrincipalName, Items: consentItems(consent.Items),
		Lead:   "Only continue if you downloaded the app from a store or website that you trust. In " + tenant + " it asks to:",
		Action: c.Request().URL.Path,
		Hidden: []Field{{deviceStep, deviceStepDecide}, {deviceUserCode, code}, {deviceTicket, ticket}}})
}

// deviceDecide records Accept or Cancel.
func (h *Handler) deviceDecide(c echo.Context, cloud, code string) error {
	f := c.Request().PostForm
	approve := f.Get("accept") == "yes"
	consent, err := h.IDP.Devices.FinishDeviceSignIn(cloud, code, f.Get(deviceTicket), approve)
	if err != nil {
		return deviceCodeError(c, code, err)
	}
	app, upn := nameOr(consent.App.DisplayName, consent.App.ClientID), consent.User.UserPrincipalName
	if !approve {
		return renderMessage(c, http.StatusOK, MessagePage{Title: "Sign-in declined",
			Lines: []string{"You declined to sign in to " + app + " on your device. You may now close this window."}})
	}
	return renderMessage(c, http.StatusOK, MessagePage{Title: "You're signed in",
		Lines: []string{"You have signed in to the " + app + " application on your device as " + upn + ". You may now close this window."}})
}

// deviceCodeError starts over at the code step with a message.
func deviceCodeError(c echo.Context, code string, err error) error {
	var e *idp.Error
	if !errors.As(err, &e) {
		return err
	}
	web.Note(c).AADSTS = e.AADSTS
	return renderDeviceCode(c, DeviceCodePage{Action: c.Request().URL.Path, UserCode: code,
		Problem: problemOf(err, deviceCodeProblem)})
}

func nameOr(name, fallback string) string {
	if name != "" {
		return name
	}
	return fallback
}

// signInError: errors about the account or password, shown on the
// sign-in step rather than sending the user back to the code.
func signInError(code int) bool { return code == 50126 || code == 50034 || code == 50057 }

// deviceCodeProblem words a code-step error for the person at the page.
func deviceCodeProblem(code int) string {
	switch code {
	case 90119:
		return "Enter the code displayed on your app or device."
	case 70018:
		return "That code didn't work. Check the code and try again."
	case 70019:
		return "That code has expired. Go back to your app or device and get a new code."
	case 90120:
		return "That code has already been used. Go back to your app or device and get a new code."
	}
	return "Something went wrong. Go back to your app or device and try again."
}
