package idp

import "github.com/mockidp/mockidp/clouds"

// Well-known application IDs of Microsoft's first-party resources; they are
// the same in every cloud.
const (
	GraphAppID    = "00000003-0000-0000-c000-000000000000"
	ARMAppID      = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
	KeyVaultAppID = "cfa8b339-82a2-471a-a3c9-0fc0be7a4093"
	StorageAppID  = "e406a681-f3d4-42a8-90b6-c2b029497af1"
)

// graphScopes and graphRoles carry the permission IDs Microsoft Graph uses.
var graphScopes = []Permission{
	{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Value: "User.Read", Description: "Sign in and read user profile"},
	{ID: "a154be20-db9c-4678-8ab7-66f6cc099a59", Value: "User.Read.All", Description: "Read all users' full profiles"},
	{ID: "204e0828-b5ca-4ad8-b9f3-f32a958e7cc4", Value: "User.ReadWrite.All", Description: "Read and write all users' full profiles"},
	{ID: "06da0dbc-49e2-44d2-8312-53f166ab848a", Value: "Directory.Read.All", Description: "Read directory data"},
	{ID: "0e263e50-5827-48a4-b97c-d940288653c7", Value: "Directory.AccessAsUser.All", Description: "Access directory as the signed in user"},
	{ID: "570282fd-fa5c-430d-a7fd-fc8dc98a9dca", Value: "Mail.Read", Description: "Read user mail"},
	{ID: "37f7f235-527c-4136-accd-4a02d197296e", Value: "openid", Description: "Sign users in"},
	{ID: "14dad69e-099b-42c9-810b-d002981feec1", Value: "profile", Description: "View users' basic profile"},
	{ID: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0", Value: "email", Description: "View users' email address"},
	{ID: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", Value: "offline_access", Description: "Maintain access to data you have given it access to"},
}

var graphRoles = []Permission{
	{ID: "df021288-bdef-4463-88db-98f22de89214", Value: "User.Read.All", Description: "Read all users' full profiles"},
	{ID: "741f803b-c850-494e-b5df-cde7c675a1ca", Value: "User.ReadWrite.All", Description: "Read and write all users' full profiles"},
	{ID: "7ab1d382-f21e-4acd-a863-ba3e13f7da61", Value: "Directory.Read.All", Description: "Read directory data"},
	{ID: "810c84a8-4a9e-49e6-bf7d-12d183f40d01", Value: "Mail.Read", Description: "Read mail in all mailboxes"},
	{ID: "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30", Value: "Application.Read.All", Description: "Read all applications"},
}

// FirstPartyApps returns Microsoft Graph, Azure Resource Manager, Key Vault
// and Storage as they appear in every tenant of cloud c. All of them accept
// v1.0 tokens.
func FirstPartyApps(c *clouds.Cloud) []Application {
	graph := "https://" + c.GraphHost
	graphURIs := []string{graph}
	for _, h := range c.GraphAliases {
		graphURIs = append(graphURIs, "https://"+h)
	}
	return []Application{
		{ClientID: GraphAppID, DisplayName: "Microsoft Graph", IdentifierURIs: graphURIs,
			Scopes: graphScopes, AppRoles: graphRoles},
		{ClientID: ARMAppID, DisplayName: "Windows Azure Service Management API",
			IdentifierURIs: append([]string(nil), c.ARMAudiences...),
			Scopes:         []Permission{{ID: "41094075-9dad-400e-a0bd-54e686782033", Value: "user_impersonation", Description: "Access Azure Service Management as organization users"}}},
		{ClientID: KeyVaultAppID, DisplayName: "Azure Key Vault", IdentifierURIs: []string{c.KeyVaultResource},
			Scopes: []Permission{{ID: "f53da476-18e3-4152-8e01-aec403e6edc0", Value: "user_impersonation", Description: "Have full access to the Azure Key Vault service"}}},
		{ClientID: StorageAppID, DisplayName: "Azure Storage", IdentifierURIs: []string{c.StorageResource},
			Scopes: []Permission{{ID: "03e0da56-190b-40ad-a80c-ea378c433f7f", Value: "user_impersonation", Description: "Access Azure Storage"}}},
	}
}
