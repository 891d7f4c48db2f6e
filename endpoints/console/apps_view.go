package console

import (
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"strings"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
)

// AppCard is an application as the applications page shows it.
type AppCard struct {
	idp.Application
	Flags     []string
	Secrets   []CredentialRow
	Certs     []CredentialRow
	Redirects []Redirect
	Requested []PermRow
	Roles     []PermRow
	Consents  []PermRow
}

// CredentialRow is a secret or certificate: Value is the secret itself
// or the certificate's thumbprint and subject.
type CredentialRow struct {
	ID, Value, Detail string
	Expires           time.Time
	Expired           bool
}

// Redirect is a redirect URI and its platform.
type Redirect struct{ Platform, URI string }

// PermRow is a set of permissions on one resource, the resource named.
type PermRow struct {
	Resource, ResourceID string
	Scopes, Roles        []string
	User                 string
}

func appCard(a idp.Application, names map[string]string, now time.Time) AppCard {
	card := AppCard{Application: a, Requested: []PermRow{}}
	for _, f := range []struct {
		on   bool
		name string
	}{{a.PublicClient, "public client"}, {a.Disabled, "disabled"}, {a.MultiTenant(), "multi-tenant"},
		{a.ImplicitIDToken, "implicit ID tokens"}, {a.ImplicitAccessToken, "implicit access tokens"}} {
		if f.on {
			card.Flags = append(card.Flags, f.name)
		}
	}
	for _, s := range a.Secrets {
		card.Secrets = append(card.Secrets, CredentialRow{ID: s.ID, Value: s.Value, Expires: s.Expires, Expired: expired(s.Expires, now)})
	}
	for _, ct := range a.Certificates {
		card.Certs = append(card.Certs, certificateRow(ct, now))
	}
	for _, u := range a.RedirectURIs {
		card.Redirects = append(card.Redirects, Redirect{"web / public client", u})
	}
	for _, u := range a.SPARedirectURIs {
		card.Redirects = append(card.Redirects, Redirect{"single-page app", u})
	}
	for _, rp := range a.RequiredPermissions {
		card.Requested = append(card.Requested, PermRow{Resource: nameOf(names, rp.Resource), ResourceID: rp.Resource, Scopes: rp.Scopes, Roles: rp.Roles})
	}
	card.Roles = roleRows(a.AppRoleAssignments, names)
	for _, g := range a.ConsentGrants {
		card.Consents = append(card.Consents, PermRow{Resource: nameOf(names, g.Resource), ResourceID: g.Resource, Scopes: g.Scopes, User: g.User})
	}
	return card
}

func roleRows(list []idp.RoleAssignment, names map[string]string) []PermRow {
	var out []PermRow
	for _, r := range list {
		out = append(out, PermRow{Resource: nameOf(names, r.Resource), ResourceID: r.Resource, Roles: r.Roles})
	}
	return out
}

func expired(t, now time.Time) bool { return !t.IsZero() && !now.Before(t) }

// certificateRow shows a certificate by its SHA-1 thumbprint (x5t, as the
// portal does) and subject; an unreadable PEM says so.
func certificateRow(ct idp.Certificate, now time.Time) CredentialRow {
	row := CredentialRow{ID: ct.ID, Expires: ct.Expires, Value: "(not a readable PEM certificate)"}
	if b, _ := pem.Decode([]byte(ct.PEM)); b != nil {
		if cert, err := x509.ParseCertificate(b.Bytes); err == nil {
			sum := sha1.Sum(cert.Raw)
			row.Value = strings.ToUpper(hex.EncodeToString(sum[:]))
			row.Detail = cert.Subject.String()
			if row.Expires.IsZero() {
				row.Expires = cert.NotAfter
			}
		}
	}
	row.Expired = expired(row.Expires, now)
	return row
}

// resourceNames maps what permissions name a resource by (client ID or
// identifier URI) to a display name: the tenant's apps and the cloud's
// Microsoft resources and clients.
func (h *Handler) resourceNames(t idp.Tenant) map[string]string {
	names := map[string]string{}
	add := func(apps []idp.Application) {
		for _, a := range apps {
			names[strings.ToLower(a.ClientID)] = a.DisplayName
			for _, u := range a.IdentifierURIs {
				names[strings.ToLower(strings.TrimSuffix(u, "/"))] = a.DisplayName
			}
		}
	}
	c, ok := clouds.ByName(cloudOf(t))
	if !ok {
		c = clouds.Public
	}
	add(idp.FirstPartyApps(c))
	add(idp.FirstPartyClients())
	add(t.Applications)
	return names
}

// nameOf is the display name of a resource, or the ID itself.
func nameOf(names map[string]string, id string) string {
	if n, ok := names[strings.ToLower(strings.TrimSuffix(id, "/"))]; ok && n != "" {
		return n
	}
	return id
}
