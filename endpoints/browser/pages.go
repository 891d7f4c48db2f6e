package browser

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// StylesheetPath is where the sign-in pages' one stylesheet is served.
const StylesheetPath = web.StylesheetPath

//go:embed templates/*.html templates/signin.css
var templateFS embed.FS

var (
	pages = template.Must(template.New("pages").Funcs(template.FuncMap{
		"stylesheet": func() string { return StylesheetPath },
	}).ParseFS(templateFS, "templates/*.html"))
	stylesheet, _ = templateFS.ReadFile("templates/signin.css")
)

// Field is a hidden form field that carries a flow's state from page to
// page, so the pages work without JavaScript and without server state.
type Field struct{ Name, Value string }

// SignInPage is the username and password form.
type SignInPage struct {
	Title, AppName string
	// Action is where the form posts: login, passwd and the Hidden fields.
	Action string
	Hidden []Field
	// Username pre-fills the form (login_hint, or the account picked);
	// Account shows it as chosen rather than as an input to fill.
	Username string
	Account  bool
	// Domain is the domain_hint's domain: the form asks for an account
	// of it.
	Domain string
	// Problem is shown above the form after a failed attempt.
	Problem *Problem
}

// Problem is a failed step's message for the person at the page, with
// the AADSTS line for the developer (as Entra's "more details").
type Problem struct{ Text, Detail string }

// problemOf words err for a page: text(code) for the person, the AADSTS
// code and message for the developer.
func problemOf(err error, text func(code int) string) *Problem {
	var e *idp.Error
	if !errors.As(err, &e) {
		return &Problem{Text: text(0)}
	}
	return &Problem{Text: text(e.AADSTS), Detail: fmt.Sprintf("AADSTS%d: %s", e.AADSTS, e.Message)}
}

// DeviceCodePage is the device-login page's code step, the one step of
// the device flow that is not the shared sign-in or consent page.
type DeviceCodePage struct {
	Title, Action, UserCode string
	Problem                 *Problem
}

// AccountChoice is one signed-in account on the account picker.
type AccountChoice struct{ ID, Name, UPN string }

// PickerPage lists the browser's signed-in accounts; picking one posts
// account={ID}, "Use another account" posts other=1.
type PickerPage struct {
	Title, AppName string
	Action         string
	Hidden         []Field
	Accounts       []AccountChoice
}

// ConsentItem is a permission line on the consent page.
type ConsentItem struct{ Scope, Description, ResourceName string }

// ConsentPage asks the user to accept permissions; its buttons post
// accept=yes or accept=no.
type ConsentPage struct {
	Title, AppName, Username string
	// Heading defaults to the title; Lead is an optional first line;
	// ClientID, when set, names the app beside its display name.
	Heading, Lead, ClientID string
	Unverified              bool
	Items                   []ConsentItem
	// Admin consents for the whole tenant.
	Admin  bool
	Action string
	Hidden []Field
}

// ErrorPage is Entra's "trouble signing you in" page.
type ErrorPage struct {
	Title                             string
	Code                              int
	Message                           string
	TraceID, CorrelationID, Timestamp string
}

// MessagePage is a plain page of text (signed out, consent recorded).
type MessagePage struct {
	Title string
	Lines []string
}

// FormPostPage auto-submits Fields to Action: response_mode=form_post.
type FormPostPage struct {
	Action string
	Fields []Field
}

func renderSignIn(c echo.Context, status int, p SignInPage) error {
	if p.Title == "" {
		p.Title = "Sign in to your account"
	}
	return renderPage(c, status, "signin", p)
}

func renderPicker(c echo.Context, p PickerPage) error {
	if p.Title == "" {
		p.Title = "Sign in to your account"
	}
	return renderPage(c, http.StatusOK, "picker", p)
}

func renderConsent(c echo.Context, p ConsentPage) error {
	if p.Title == "" {
		p.Title = "Permissions requested"
	}
	if p.Heading == "" {
		p.Heading = p.Title
	}
	return renderPage(c, http.StatusOK, "consent", p)
}

func renderDeviceCode(c echo.Context, p DeviceCodePage) error {
	p.Title = "Enter code"
	return renderPage(c, http.StatusOK, "devicecode", p)
}

func renderErrorPage(c echo.Context, status int, p ErrorPage) error {
	if p.Title == "" {
		p.Title = "Sign in to your account"
	}
	return renderPage(c, status, "error", p)
}

func renderMessage(c echo.Context, status int, p MessagePage) error {
	return renderPage(c, status, "message", p)
}

func renderFormPost(c echo.Context, p FormPostPage) error {
	return renderPage(c, http.StatusOK, "formpost", p)
}

// renderPage executes a template into a buffer first, so a template
// failure becomes an error answer rather than half a page.
func renderPage(c echo.Context, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store, no-cache")
	h.Set("Pragma", "no-cache")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	return c.HTMLBlob(status, buf.Bytes())
}

// Stylesheet serves the pages' stylesheet.
func Stylesheet(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "max-age=3600")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", stylesheet)
}
