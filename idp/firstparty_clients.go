package idp

import "strings"

// Microsoft's first-party client applications: they exist in every tenant
// without being registered, and their access to Microsoft's resources is
// pre-authorized, so users are never asked to consent. A seed application
// with the same client ID replaces the built-in one.

// FirstPartyClients returns the first-party clients mockidp knows in every
// tenant of every cloud: the Azure CLI, a public client pre-authorized for
// Azure Resource Manager, Microsoft Graph, Key Vault and Storage (what
// `az login`, `az account get-access-token` and the az commands ask for).
func FirstPartyClients() []Application {
	return []Application{{
		ClientID: AzureCLIClientID, DisplayName: "Microsoft Azure CLI", PublicClient: true,
		RedirectURIs: []string{"http://localhost"},
		ConsentGrants: []ConsentGrant{
			{Resource: ARMAppID, Scopes: []string{"user_impersonation"}},
			{Resource: GraphAppID, Scopes: []string{"User.Read", "Directory.AccessAsUser.All"}},
			{Resource: KeyVaultAppID, Scopes: []string{"user_impersonation"}},
			{Resource: StorageAppID, Scopes: []string{"user_impersonation"}},
		},
	}}
}

// addFirstPartyClients adds the built-in clients the seed does not
// define itself.
func (tv *TenantView) addFirstPartyClients() {
	for _, app := range FirstPartyClients() {
		if _, defined := tv.apps[strings.ToLower(app.ClientID)]; defined {
			continue
		}
		_ = tv.addApp(&app) // fixed, valid definitions
		fp := tv.apps[strings.ToLower(app.ClientID)]
		fp.HomeTenantID, fp.home = "", nil // Microsoft's, in every tenant
	}
}
