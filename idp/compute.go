package idp

import (
	"errors"
	"fmt"
	"strings"
)

// Compute kinds: which managed-identity endpoint serves a compute.
const (
	ComputeVM            = "vm"
	ComputeAppService    = "app_service"
	ComputeArc           = "arc"
	ComputeCloudShell    = "cloud_shell"
	ComputeServiceFabric = "service_fabric"
	ComputeAzureML       = "azure_ml"
)

// computeProviders is the ARM resource type path of each kind, for
// derived resource IDs.
var computeProviders = map[string]string{
	ComputeVM:            "Microsoft.Compute/virtualMachines/%s",
	ComputeAppService:    "Microsoft.Web/sites/%s",
	ComputeArc:           "Microsoft.HybridCompute/machines/%s",
	ComputeCloudShell:    "Microsoft.Portal/consoles/%s",
	ComputeServiceFabric: "Microsoft.ServiceFabric/managedClusters/%[1]s/applications/%[1]s",
	ComputeAzureML:       "Microsoft.MachineLearningServices/workspaces/%[1]s/computes/%[1]s",
}

// computeResourceID is the ARM ID of a compute of the given provider
// format (one of computeProviders).
func computeResourceID(sub, group, format, name string) string {
	return fmt.Sprintf("/subscriptions/%s/resourcegroups/%s/providers/", sub, group) + fmt.Sprintf(format, name)
}

// Why a compute cannot answer for an identity. Each managed-identity
// endpoint renders them in its own shape.
var (
	// ErrIdentityNotFound: the compute has no identity, or none that
	// matches the selector.
	ErrIdentityNotFound = errors.New("identity not found")
	// ErrIdentityAmbiguous: no selector, no system-assigned identity and
	// several user-assigned ones.
	ErrIdentityAmbiguous = errors.New("multiple user-assigned identities and none selected")
)

// ComputeView is a compute with its identities resolved. A managed
// identity is an *AppView whose Identity is set, so roles, federated
// credentials and token minting work as for an app.
type ComputeView struct {
	*Compute
	Tenant *TenantView
	// System is the system-assigned identity, nil when disabled.
	System *AppView
	// Attached are the user-assigned identities, in seed order.
	Attached []*AppView
}

// IdentitySelector names one identity of a compute; all empty selects the
// default identity.
type IdentitySelector struct {
	ClientID   string
	ObjectID   string
	ResourceID string
}

// Empty reports whether no identity is named.
func (s IdentitySelector) Empty() bool {
	return s.ClientID == "" && s.ObjectID == "" && s.ResourceID == ""
}

// SelectIdentity picks the identity a token request names, as IMDS does:
// by client ID, object ID or resource ID among the compute's identities;
// with no selector the system-assigned identity, else the only
// user-assigned one.
func (cv *ComputeView) SelectIdentity(sel IdentitySelector) (*AppView, error) {
	if sel.Empty() {
		switch {
		case cv.System != nil:
			return cv.System, nil
		case len(cv.Attached) == 1:
			return cv.Attached[0], nil
		case len(cv.Attached) > 1:
			return nil, ErrIdentityAmbiguous
		}
		return nil, ErrIdentityNotFound
	}
	all := cv.Attached
	if cv.System != nil {
		all = append([]*AppView{cv.System}, cv.Attached...)
	}
	for _, id := range all {
		mi := id.Identity
		if eqFoldNonEmpty(sel.ClientID, mi.ClientID) || eqFoldNonEmpty(sel.ObjectID, mi.PrincipalID) ||
			eqFoldNonEmpty(resourceKey(sel.ResourceID), resourceKey(mi.ResourceID)) {
			return id, nil
		}
	}
	return nil, ErrIdentityNotFound
}

func eqFoldNonEmpty(a, b string) bool { return a != "" && strings.EqualFold(a, b) }

// Computes lists the tenant's computes in seed order.
func (tv *TenantView) Computes() []*ComputeView { return tv.computeList }

// ManagedIdentity finds a user-assigned identity by client ID; it can
// authenticate with a federated credential like an app.
func (tv *TenantView) ManagedIdentity(clientID string) (*AppView, bool) {
	a, ok := tv.identities[strings.ToLower(clientID)]
	if !ok || !strings.EqualFold(a.ClientID, clientID) {
		return nil, false
	}
	return a, true
}

// addComputes indexes the tenant's user-assigned identities and computes.
func (tv *TenantView) addComputes() []error {
	tv.identities = map[string]*AppView{}
	var errs []error
	for i := range tv.ManagedIdentities {
		mi := &tv.ManagedIdentities[i]
		if mi.Name == "" {
			errs = append(errs, fmt.Errorf("managed identity %d: name is required", i))
			continue
		}
		rid := fmt.Sprintf("/subscriptions/%s/resourcegroups/%s/providers/Microsoft.ManagedIdentity/userAssignedIdentities/%s",
			tv.defaultSubscription(), DefaultResourceGroup, mi.Name)
		av, err := tv.identityView(mi, rid)
		if err != nil {
			errs = append(errs, fmt.Errorf("managed identity %d (%s): %w", i, mi.Name, err))
			continue
		}
		for _, k := range []string{mi.Name, mi.ClientID, mi.PrincipalID, resourceKey(mi.ResourceID)} {
			tv.identities[strings.ToLower(k)] = av
		}
	}
	seen := map[string]bool{}
	for i := range tv.Tenant.Computes {
		c := &tv.Tenant.Computes[i]
		if seen[strings.ToLower(c.Name)] {
			errs = append(errs, fmt.Errorf("compute %d: name %q appears twice", i, c.Name))
			continue
		}
		seen[strings.ToLower(c.Name)] = true
		cv, err := tv.computeView(c)
		if err != nil {
			errs = append(errs, fmt.Errorf("compute %d (%s): %w", i, c.Name, err))
			continue
		}
		tv.computeList = append(tv.computeList, cv)
	}
	return errs
}

func (tv *TenantView) computeView(c *Compute) (*ComputeView, error) {
	format, ok := computeProviders[c.Kind]
	switch {
	case c.Name == "":
		return nil, errors.New("name is required")
	case !ok:
		return nil, fmt.Errorf("kind %q is not one of vm, app_service, arc, cloud_shell, service_fabric, azure_ml", c.Kind)
	}
	if c.SubscriptionID == "" {
		c.SubscriptionID = tv.defaultSubscription()
	}
	if c.ResourceGroup == "" {
		c.ResourceGroup = DefaultResourceGroup
	}
	if c.Location == "" {
		c.Location = DefaultLocation
	}
	if c.ResourceID == "" {
		c.ResourceID = computeResourceID(c.SubscriptionID, c.ResourceGroup, format, c.Name)
	}
	if c.VMID == "" {
		c.VMID = DerivedGUID(tv.ID, c.Name, "vmid")
	}
	cv := &ComputeView{Compute: c, Tenant: tv}
	if c.SystemAssigned != nil {
		sys := c.SystemAssigned
		if sys.Name == "" {
			sys.Name = c.Name
		}
		av, err := tv.identityView(sys, c.ResourceID)
		if err != nil {
			return nil, fmt.Errorf("system_assigned: %w", err)
		}
		cv.System = av
	}
	for _, ref := range c.UserAssigned {
		av, ok := tv.identities[strings.ToLower(resourceKey(ref))]
		if !ok {
			av, ok = tv.identities[strings.ToLower(ref)]
		}
		if !ok {
			return nil, fmt.Errorf("user_assigned %q names no managed identity of the tenant", ref)
		}
		cv.Attached = append(cv.Attached, av)
	}
	if c.User != "" {
		if _, ok := tv.User(c.User); !ok {
			return nil, fmt.Errorf("user %q is not a user of the tenant", c.User)
		}
	}
	return cv, nil
}

// identityView fills an identity's derived IDs and wraps it as an app, so
// it can hold roles and federated credentials.
func (tv *TenantView) identityView(mi *ManagedIdentity, resourceID string) (*AppView, error) {
	if mi.ClientID == "" {
		mi.ClientID = DerivedGUID(tv.ID, resourceID, "client")
	}
	if mi.PrincipalID == "" {
		mi.PrincipalID = DerivedGUID(tv.ID, resourceID, "principal")
	}
	if mi.ResourceID == "" {
		mi.ResourceID = resourceID
	}
	if !IsGUID(mi.ClientID) || !IsGUID(mi.PrincipalID) {
		return nil, fmt.Errorf("client_id %q and principal_id %q must be GUIDs", mi.ClientID, mi.PrincipalID)
	}
	if _, dup := tv.apps[strings.ToLower(mi.ClientID)]; dup {
		return nil, fmt.Errorf("client_id %s is also an application's", mi.ClientID)
	}
	app := &Application{ClientID: mi.ClientID, DisplayName: mi.Name, ServicePrincipalID: mi.PrincipalID,
		AppRoleAssignments: mi.AppRoleAssignments, FederatedCredentials: mi.FederatedCredentials}
	return &AppView{Application: app, Identity: mi}, nil
}

func (tv *TenantView) defaultSubscription() string {
	if tv.ID == DefaultTenantID {
		return DefaultSubscriptionID
	}
	return DerivedGUID(tv.ID, "subscription")
}

// Compute finds a compute by name in any tenant, first in seed order.
func (p *Directory) Compute(name string) (*ComputeView, bool) {
	for _, tv := range p.dir.Load().order {
		for _, cv := range tv.computeList {
			if strings.EqualFold(cv.Name, name) {
				return cv, true
			}
		}
	}
	return nil, false
}

// DefaultCompute is the first compute of a kind in seed order: the one a
// managed-identity endpoint answers for unless told otherwise.
func (p *Directory) DefaultCompute(kind string) (*ComputeView, bool) {
	for _, tv := range p.dir.Load().order {
		for _, cv := range tv.computeList {
			if cv.Kind == kind {
				return cv, true
			}
		}
	}
	return nil, false
}
