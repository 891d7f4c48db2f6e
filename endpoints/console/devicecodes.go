package console

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// DeviceCodesData is the page of device codes waiting for a person.
type DeviceCodesData struct {
	Frame
	Codes []DeviceRow
}

// DeviceRow is a pending code with who may approve it.
type DeviceRow struct {
	UserCode, ClientID, AppName, Tenant, TenantName, Scope string
	Issued                                                 time.Time
	ExpiresIn                                              string
	Users                                                  []UserChoice
}

// UserChoice is a user the approve form offers: Value is the UPN.
type UserChoice struct{ Value, Label string }

func (h *Handler) deviceCodes(c echo.Context) error {
	d := DeviceCodesData{Frame: h.frame("devicecodes", "Device codes")}
	names, tenants := h.clientNames(), h.IDP.Seed().Tenants
	for _, dc := range h.IDP.PendingDeviceCodes(maxRows) {
		row := DeviceRow{UserCode: dc.UserCode, ClientID: dc.ClientID, AppName: names[strings.ToLower(dc.ClientID)],
			Tenant: dc.TenantID, Scope: cell(strings.TrimSpace(dc.Scope + " " + dc.Resource)), Issued: dc.Issued,
			ExpiresIn: duration(dc.Expires.Sub(d.Clock))}
		if row.Tenant == "" {
			row.Tenant = dc.TenantAlias
		}
		for _, t := range tenants {
			if t.ID == dc.TenantID {
				row.TenantName = t.DisplayName
			}
		}
		row.Users = approvers(tenants, dc)
		d.Codes = append(d.Codes, row)
	}
	return render(c, http.StatusOK, "devicecodes.html", d)
}

// approvers are the users who may answer a code: the named tenant's, or
// on common/organizations every tenant's of the code's cloud.
func approvers(tenants []idp.Tenant, dc idp.DeviceAuthorization) []UserChoice {
	var out []UserChoice
	for _, t := range tenants {
		if dc.TenantID != "" && t.ID != dc.TenantID || dc.TenantID == "" && cloudOf(t) != dc.Cloud {
			continue
		}
		for _, u := range t.Users {
			if len(out) == maxRows {
				return out
			}
			out = append(out, UserChoice{Value: u.UserPrincipalName, Label: u.UserPrincipalName})
		}
	}
	return out
}
