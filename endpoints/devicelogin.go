package endpoints

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// The device-login page: enter the code, sign in, consent, done. Each
// step is a POST of the page to itself carrying the user code; the state
// lives in idp's device-code store (the consent step also carries the
// ticket idp.BeginDeviceSignIn issued). The page only translates.

//go:embed templates/device*.html templates/device.css
var deviceFiles embed.FS

var devicePages = func() map[string]*template.Template {
	pages := map[string]*template.Template{}
	for _, name := range []string{"code", "signin", "consent", "done"} {
		pages[name] = template.Must(template.ParseFS(deviceFiles,
			"templates/device_layout.html", "templates/device_"+name+".html"))
	}
	return pages
}()

var deviceCSS = func() template.CSS {
	b, err := deviceFiles.ReadFile("templates/device.css")
	if err != nil {
		panic(err)
	}
	return template.CSS(b) // our own embedded file
}()

// oidcWording is how the consent page names the OpenID Connect scopes.
var oidcWording = map[string]string{"openid": "Sign you in", "profile": "View your basic profile",
	"email": "View your email address", "offline_access": "Maintain access to data you have given it access to"}

// pageError is a message for the person at the page, with the AADSTS
// detail for the developer.
type pageError struct{ Text, Detail string }

// devicePage is everything a device-login template may show.
type devicePage struct {
	Title, Action, UserCode, Username, Ticket string
	CSS                                       template.CSS
	Error                                     *pageError
	Consent                                   idp.DeviceConsent
	AppName, TenantName, ResourceName         string
	OIDC                                      []string
	Approved                                  bool
}

// deviceLoginPaths are the page's paths: /devicelogin for every cloud, and
// each cloud's own.
func deviceLoginPaths() []string {
	paths := []string{"/devicelogin"}
	for _, c := range clouds.All() {
		if c.DeviceLoginPath != "" && c.DeviceLoginPath != paths[0] {
			paths = append(paths, c.DeviceLoginPath)
		}
	}
	return paths
}

// deviceLoginRoutes mounts the page on its paths.
func (s *Server) deviceLoginRoutes(e *echo.Echo) {
	for _, p := range deviceLoginPaths() {
		e.GET(p, s.deviceLogin, pageHeaders)
		e.POST(p, s.deviceLogin, pageHeaders)
	}
}

// pageHeaders keep the page out of caches and frames.
func pageHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "no-store, no-cache")
		h.Set("Pragma", "no-cache")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
		return next(c)
	}
}

func (s *Server) deviceLogin(c echo.Context) error {
	r := c.Request()
	page := &devicePage{Title: "Enter code", Action: r.URL.Path, CSS: deviceCSS}
	if r.Method == http.MethodGet {
		page.UserCode = idp.NormalizeUserCode(c.QueryParam("otc"))
		return renderDevicePage(c, "code", page)
	}
	r.Body = http.MaxBytesReader(c.Response(), r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		page.Error = &pageError{Text: "The request could not be read. Please try again."}
		return renderDevicePage(c, "code", page)
	}
	page.UserCode = idp.NormalizeUserCode(r.PostForm.Get("otc"))
	cloud := site(c).Cloud.Name
	switch r.PostForm.Get("step") {
	case "signin":
		return s.deviceSignIn(c, cloud, page)
	case "consent":
		return s.deviceDecide(c, cloud, page)
	default:
		if _, err := s.idp.LookupUserCode(cloud, page.UserCode); err != nil {
			return s.deviceCodeError(c, page, err)
		}
		page.Title = "Sign in to your account"
		return renderDevicePage(c, "signin", page)
	}
}

// deviceSignIn checks the password and shows what the app asks for.
func (s *Server) deviceSignIn(c echo.Context, cloud string, page *devicePage) error {
	page.Username = c.Request().PostForm.Get("username")
	consent, ticket, err := s.idp.BeginDeviceSignIn(cloud, page.UserCode, page.Username, c.Request().PostForm.Get("password"))
	var e *idp.Error
	if errors.As(err, &e) && signInError(e.AADSTS) {
		page.Title = "Sign in to your account"
		page.Error = describePageError(e)
		return renderDevicePage(c, "signin", page)
	}
	if err != nil {
		return s.deviceCodeError(c, page, err)
	}
	page.Title, page.Ticket = "Permissions requested", ticket
	fillConsent(page, consent)
	return renderDevicePage(c, "consent", page)
}

// deviceDecide records Continue or Cancel.
func (s *Server) deviceDecide(c echo.Context, cloud string, page *devicePage) error {
	f := c.Request().PostForm
	approve := f.Get("decision") == "approve"
	consent, err := s.idp.FinishDeviceSignIn(cloud, page.UserCode, f.Get("ticket"), approve)
	if err != nil {
		return s.deviceCodeError(c, page, err)
	}
	page.Title, page.Approved = "Signed in", approve
	if !approve {
		page.Title = "Sign-in declined"
	}
	fillConsent(page, consent)
	return renderDevicePage(c, "done", page)
}

// deviceCodeError starts over at the code step with a message.
func (s *Server) deviceCodeError(c echo.Context, page *devicePage, err error) error {
	var e *idp.Error
	if !errors.As(err, &e) {
		return err
	}
	page.Title, page.Error = "Enter code", describePageError(e)
	return renderDevicePage(c, "code", page)
}

func fillConsent(page *devicePage, c idp.DeviceConsent) {
	page.Consent = c
	page.AppName = nameOr(c.App.DisplayName, c.App.ClientID)
	page.TenantName = nameOr(c.Tenant.DisplayName, c.Tenant.DefaultDomain())
	page.ResourceName = nameOr(c.Resource.DisplayName, c.ResourceID)
	for _, o := range c.OIDC {
		page.OIDC = append(page.OIDC, oidcWording[o])
	}
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

// describePageError words an idp error for a person, keeping the AADSTS
// line for the developer.
func describePageError(e *idp.Error) *pageError {
	text := map[int]string{
		90119: "Enter the code displayed on your app or device.",
		70018: "That code didn't work. Check the code and try again.",
		70019: "That code has expired. Go back to your app or device and get a new code.",
		90120: "That code has already been used. Go back to your app or device and get a new code.",
		50126: "Your account or password is incorrect.",
		50034: "We couldn't find an account with that username.",
		50057: "Your account has been disabled. Contact your administrator.",
	}[e.AADSTS]
	if text == "" {
		text = "Something went wrong. Go back to your app or device and try again."
	}
	return &pageError{Text: text, Detail: fmt.Sprintf("AADSTS%d: %s", e.AADSTS, e.Message)}
}

func renderDevicePage(c echo.Context, name string, page *devicePage) error {
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(http.StatusOK)
	return devicePages[name].ExecuteTemplate(c.Response(), "layout", page)
}
