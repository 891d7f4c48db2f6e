package entra

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/endpoints/web"
	"github.com/mockidp/mockidp/idp"
)

// deviceCodeV2 is the v2 devicecode answer: numbers as JSON numbers, no
// verification_uri_complete, fields in Entra's order.
type deviceCodeV2 struct {
	UserCode        string `json:"user_code"`
	DeviceCode      string `json:"device_code"`
	VerificationURI string `json:"verification_uri"`
	ExpiresIn       int64  `json:"expires_in"`
	Interval        int64  `json:"interval"`
	Message         string `json:"message"`
}

// deviceCodeV1 is the v1 answer: verification_url, and numbers as strings.
type deviceCodeV1 struct {
	UserCode        string `json:"user_code"`
	DeviceCode      string `json:"device_code"`
	VerificationURL string `json:"verification_url"`
	ExpiresIn       string `json:"expires_in"`
	Interval        string `json:"interval"`
	Message         string `json:"message"`
}

// deviceMessage is Entra's English prompt; clients print it as it is.
const deviceMessage = "To sign in, use a web browser to open the page %s and enter the code %s to authenticate."

// DeviceCode is /{tenant}/oauth2/v2.0/devicecode (scope) and, with v1,
// /{tenant}/oauth2/devicecode (resource). msal-go finds the v2 URL by
// replacing "token" with "devicecode" in the token endpoint.
func (h *Handler) DeviceCode(v1 bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		form, err := web.ParseForm(c.Request())
		if err != nil {
			return err
		}
		ref, err := h.resolveTenant(c)
		if err != nil {
			return err
		}
		req, err := deviceRequest(c, form, ref, v1)
		if err != nil {
			return err
		}
		web.Note(c).Client = req.Client.ClientID
		d, err := h.IDP.Devices.StartDeviceAuthorization(req)
		if err != nil {
			return err
		}
		return writeDeviceCode(c, req.Site, d, v1)
	}
}

// deviceRequest checks the form's required parameters in Entra's order:
// client_id, then scope (v2) or resource (v1).
func deviceRequest(c echo.Context, form url.Values, ref idp.TenantRef, v1 bool) (idp.DeviceRequest, error) {
	st := web.Site(c)
	treq := &tokenRequest{site: st, tenant: ref, form: form, v1: v1}
	req := idp.DeviceRequest{Site: st, Tenant: ref, Client: clientCredential(c.Request(), form, treq),
		Scope: form.Get("scope"), Resource: form.Get("resource"), V1: v1}
	switch {
	case req.Client.ClientID == "":
		return req, idp.ErrMissingParameter.New("client_id")
	case !v1 && req.Resource != "":
		return req, idp.ErrResourceParamV2.New()
	case !v1 && req.Scope == "":
		return req, idp.ErrMissingParameter.New("scope")
	case v1 && req.Resource == "":
		return req, idp.ErrMissingParameter.New("resource")
	}
	return req, nil
}

func writeDeviceCode(c echo.Context, st idp.Site, d idp.DeviceAuthorization, v1 bool) error {
	uri := st.URL(st.Cloud.DeviceLoginPath)
	msg := fmt.Sprintf(deviceMessage, uri, d.UserCode)
	expires := int64(d.Expires.Sub(d.Issued).Seconds())
	interval := int64(d.Interval.Seconds())
	if !v1 {
		return web.WriteJSON(c, http.StatusOK, deviceCodeV2{UserCode: d.UserCode, DeviceCode: d.DeviceCode,
			VerificationURI: uri, ExpiresIn: expires, Interval: interval, Message: msg})
	}
	return web.WriteJSON(c, http.StatusOK, deviceCodeV1{UserCode: d.UserCode, DeviceCode: d.DeviceCode,
		VerificationURL: uri, ExpiresIn: strconv.FormatInt(expires, 10),
		Interval: strconv.FormatInt(interval, 10), Message: msg})
}
