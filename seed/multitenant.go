package seed

// Sign-in audiences of an application registration (signInAudience).
const (
	AudienceMyOrg           = "AzureADMyOrg"
	AudienceMultipleOrgs    = "AzureADMultipleOrgs"
	AudienceOrgsAndPersonal = "AzureADandPersonalMicrosoftAccount"
)

// ServicePrincipal is a multi-tenant application's presence in a tenant
// other than its home: created by consent there, it holds what that
// tenant granted. Deleting it makes the app unknown to the tenant again.
type ServicePrincipal struct {
	// AppID is the client ID of an application registered (with a
	// multi-tenant sign-in audience) in another tenant of the same cloud.
	AppID string `json:"app_id"`
	// ObjectID is the service principal's object ID, the oid of the app's
	// tokens in this tenant; derived if empty.
	ObjectID string `json:"id,omitempty"`
	// Disabled is the service principal's accountEnabled=false
	// (AADSTS7000112 in this tenant only).
	Disabled           bool             `json:"disabled,omitempty"`
	AppRoleAssignments []RoleAssignment `json:"app_role_assignments,omitempty"`
	ConsentGrants      []ConsentGrant   `json:"consent_grants,omitempty"`
}

// MultiTenant reports whether users and apps of other organizations may
// use the app once their tenant consents.
func (a *Application) MultiTenant() bool {
	return a.SignInAudience == AudienceMultipleOrgs || a.SignInAudience == AudienceOrgsAndPersonal
}

// PersonalAccounts reports whether personal Microsoft accounts may sign
// in (the /consumers endpoint).
func (a *Application) PersonalAccounts() bool { return a.SignInAudience == AudienceOrgsAndPersonal }
