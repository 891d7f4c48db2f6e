package browser

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// NeedAdminPage is Entra's "Need admin approval": a user without an
// admin role was asked to consent for the whole tenant. One form signs
// in another (admin) account, the other returns to the app with
// AADSTS90094.
type NeedAdminPage struct {
	Title, AppName, ClientID, Username string
	LoginAction, ConsentAction         string
	Account                            string
	Hidden                             []Field
	Code                               int
	Message                            string
}

func (h *Handler) showNeedAdmin(c echo.Context, f *authFlow, in *idp.TenantSignIn, app *idp.AppView) error {
	e := idp.ErrAdminApprovalNeeded.New()
	web.Note(c).AADSTS = e.AADSTS
	return renderPage(c, http.StatusOK, "adminapproval", NeedAdminPage{AppName: app.DisplayName, ClientID: app.ClientID,
		Username: in.User.UserPrincipalName, LoginAction: f.action(PageLogin), ConsentAction: f.action(PageConsent),
		Account: in.User.ObjectID, Hidden: f.hidden(), Code: e.AADSTS, Message: e.Message})
}

// consentApp is the app of the flow as the signed-in user's tenant sees
// it: known there, or a multi-tenant app that consent will bring in. A
// single-tenant app of another tenant refuses the user (AADSTS50020).
func (h *Handler) consentApp(f *authFlow, in *idp.TenantSignIn) (*idp.AppView, error) {
	app, err := in.Tenant.ConsentableApp(f.req.ClientID, in.User)
	if idp.CodeOf(err) == idp.ErrUserNotInAppTenant.AADSTS {
		return nil, h.redirectError(f, err, "")
	}
	if err != nil {
		return nil, h.pageError(err)
	}
	return app, nil
}

// refuseForeignUser answers a sign-in on a tenant's own endpoint by a
// user of another tenant as Entra does: the account is checked at home
// and then refused with AADSTS50020 (the error sent back to the app). It
// returns nil when the username is not such an account: the sign-in goes
// on as usual.
func (h *Handler) refuseForeignUser(f *authFlow, username, password string) error {
	t := f.ref.Tenant
	if t == nil {
		return nil
	}
	if _, member := t.User(username); member {
		return nil
	}
	home, err := h.IDP.Directory.TenantOfUser(f.site, username)
	if err != nil || home.ID == t.ID {
		return nil
	}
	u, err := h.IDP.Directory.AuthenticateUser(home, username, password)
	if err != nil {
		return nil // the usual "account or password is incorrect"
	}
	return h.redirectError(f, idp.ErrUserNotInAppTenant.New(u.UserPrincipalName, home.STSIssuer(), t.Name(),
		f.app.ClientID, f.app.DisplayName), "")
}
