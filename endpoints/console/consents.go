package console

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

// ConsentsData is the page of consent grants and user sessions.
type ConsentsData struct {
	Frame
	Grants   []GrantRow
	Sessions []SessionRow
	More     int
}

// GrantRow is one delegated consent grant; Revoke is the body of the
// revoke-consent operation that removes it.
type GrantRow struct {
	TenantName, AppName, ClientID, Resource, Scopes, UserLabel string
	Revoke                                                     map[string]string
}

// SessionRow is a user whose sessions can be revoked.
type SessionRow struct {
	TenantName string
	User       idp.User
	Revoke     map[string]string
}

func (h *Handler) consents(c echo.Context) error {
	d := ConsentsData{Frame: h.frame("consents", "Consents & sessions")}
	clients := h.clientNames()
	for _, t := range h.IDP.Seed().Tenants {
		names := h.resourceNames(t)
		add := func(clientID string, grants []idp.ConsentGrant) {
			for _, g := range grants {
				if len(d.Grants) == maxRows {
					d.More++
					continue
				}
				d.Grants = append(d.Grants, grantRow(t, clientID, clients, names, g))
			}
		}
		for _, a := range t.Applications {
			add(a.ClientID, a.ConsentGrants)
		}
		for _, sp := range t.ServicePrincipals {
			add(sp.AppID, sp.ConsentGrants)
		}
		for _, u := range t.Users {
			if len(d.Sessions) < maxRows {
				d.Sessions = append(d.Sessions, SessionRow{TenantName: t.DisplayName, User: u,
					Revoke: map[string]string{"tenant": t.ID, "user": u.ObjectID}})
			}
		}
	}
	return render(c, http.StatusOK, "consents.html", d)
}

func grantRow(t idp.Tenant, clientID string, clients, resources map[string]string, g idp.ConsentGrant) GrantRow {
	row := GrantRow{TenantName: t.DisplayName, AppName: clients[strings.ToLower(clientID)], ClientID: clientID,
		Resource: nameOf(resources, g.Resource), Scopes: cell(strings.Join(g.Scopes, " ")), UserLabel: "every user (admin consent)",
		Revoke: map[string]string{"tenant": t.ID, "client_id": clientID, "user": g.User}}
	if g.User != "" {
		row.UserLabel = g.User
		for _, u := range t.Users {
			if strings.EqualFold(u.ObjectID, g.User) || strings.EqualFold(u.UserPrincipalName, g.User) {
				row.UserLabel = u.DisplayName + " (" + u.UserPrincipalName + ")"
			}
		}
	}
	return row
}
