package idp

// The default seed's managed identities and computes, documented in
// README.md. They live in the public cloud's default tenant only.
const (
	// The computes live in the default subscription and resource group
	// of azure_seed_default.go, so their ARM IDs resolve there.
	DefaultLocation = "westus2"

	// DefaultIdentityName is the user-assigned identity attached to every
	// default compute but the Arc machine and the Cloud Shell.
	DefaultIdentityName        = "mockidp-identity"
	DefaultIdentityClientID    = "a1b3c5d7-e9f1-4a3b-8c5d-7e9f1a3b5c7d"
	DefaultIdentityPrincipalID = "b2c4d6e8-f0a2-4b4c-9d6e-8f0a2b4c6d8e"

	// DefaultVMName is the VM the IMDS listener answers for; it has a
	// system-assigned identity and DefaultIdentityName.
	DefaultVMName                = "mockidp-vm"
	DefaultVMIdentityClientID    = "c3e5a7b9-d1f3-4c5e-8f7a-9b1d3f5a7c9e"
	DefaultVMIdentityPrincipalID = "d4f6b8c0-e2a4-4d6f-9a8b-0c2e4a6b8d0f"

	DefaultAppServiceName    = "mockidp-app"
	DefaultArcName           = "mockidp-arc"
	DefaultCloudShellName    = "mockidp-shell"
	DefaultServiceFabricName = "mockidp-sf"
	DefaultAzureMLName       = "mockidp-ml"

	// IssuerSelf in a federated credential names mockidp's own
	// service-account token issuer.
	IssuerSelf = "mockidp"
	// DefaultWorkloadSubject is the Kubernetes service account the default
	// identity and daemon app trust (namespace default, account workload).
	DefaultWorkloadSubject = "system:serviceaccount:default:workload"
	// DefaultDaemonWorkloadSubject is the service account the default
	// daemon app trusts.
	DefaultDaemonWorkloadSubject = "system:serviceaccount:default:daemon"
)

// withDefaultComputes adds the default identity and one compute of each
// kind to a tenant. Every identity holds Tasks.Read.All on the Tasks API
// and User.Read.All on Graph, so MI tokens carry roles.
func withDefaultComputes(t Tenant, graph string) Tenant {
	roles := []RoleAssignment{
		{Resource: DefaultAPIURI, Roles: []string{"Tasks.Read.All"}},
		{Resource: graph, Roles: []string{"User.Read.All"}},
	}
	system := func(clientID, principalID string) *ManagedIdentity {
		return &ManagedIdentity{ClientID: clientID, PrincipalID: principalID, AppRoleAssignments: roles}
	}
	t.ManagedIdentities = append(t.ManagedIdentities, ManagedIdentity{
		Name: DefaultIdentityName, ClientID: DefaultIdentityClientID, PrincipalID: DefaultIdentityPrincipalID,
		AppRoleAssignments:   roles,
		FederatedCredentials: []FederatedCredential{{Name: "kubernetes", Issuer: IssuerSelf, Subject: DefaultWorkloadSubject}},
	})
	for i := range t.Applications {
		if t.Applications[i].ClientID == DefaultDaemonClientID {
			t.Applications[i].FederatedCredentials = []FederatedCredential{
				{Name: "kubernetes", Issuer: IssuerSelf, Subject: DefaultDaemonWorkloadSubject}}
		}
	}
	uami := []string{DefaultIdentityName}
	t.Computes = append(t.Computes,
		Compute{Name: DefaultVMName, Kind: ComputeVM, UserAssigned: uami,
			SystemAssigned: system(DefaultVMIdentityClientID, DefaultVMIdentityPrincipalID)},
		Compute{Name: DefaultAppServiceName, Kind: ComputeAppService, UserAssigned: uami, SystemAssigned: system("", "")},
		Compute{Name: DefaultAzureMLName, Kind: ComputeAzureML, UserAssigned: uami, SystemAssigned: system("", "")},
		Compute{Name: DefaultArcName, Kind: ComputeArc, SystemAssigned: system("", "")},
		Compute{Name: DefaultServiceFabricName, Kind: ComputeServiceFabric, SystemAssigned: system("", "")},
		Compute{Name: DefaultCloudShellName, Kind: ComputeCloudShell, User: DefaultUserID},
	)
	for i := range t.Computes {
		fillSystemIdentityIDs(t.ID, &t.Computes[i])
	}
	return t
}

// fillSystemIdentityIDs writes into the seed the IDs a system-assigned
// identity would otherwise get on load (derived from the compute's ARM ID),
// so the seed can give them Azure roles and the README can name them.
func fillSystemIdentityIDs(tenantID string, c *Compute) {
	mi := c.SystemAssigned
	if mi == nil {
		return
	}
	rid := computeResourceID(DefaultSubscriptionID, DefaultResourceGroup, computeProviders[c.Kind], c.Name)
	if mi.ClientID == "" {
		mi.ClientID = DerivedGUID(tenantID, rid, "client")
	}
	if mi.PrincipalID == "" {
		mi.PrincipalID = DerivedGUID(tenantID, rid, "principal")
	}
}

// defaultIdentityRoles gives every managed identity of the default
// tenant (the user-assigned one and each compute's system-assigned one)
// Contributor on the default resource group, so `az login --identity` on
// any default compute lists the default subscription.
func defaultIdentityRoles(t Tenant) []AzureRoleAssignment {
	var out []AzureRoleAssignment
	add := func(principal string) {
		out = append(out, AzureRoleAssignment{PrincipalID: principal, PrincipalType: PrincipalServicePrincipal,
			Role: RoleContributor, ResourceGroup: DefaultResourceGroup})
	}
	for _, mi := range t.ManagedIdentities {
		add(mi.PrincipalID)
	}
	for _, c := range t.Computes {
		if c.SystemAssigned != nil {
			add(c.SystemAssigned.PrincipalID)
		}
	}
	return out
}
