package idp

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// azureDirectory indexes the subscriptions and roles of a Seed.
type azureDirectory struct {
	subs  map[string]*SubscriptionView // lower(ID)
	order []*SubscriptionView
	roles map[string]*RoleDefinition // lower(ID) and lower(Name)
}

// SubscriptionView is a subscription with its role assignments resolved.
type SubscriptionView struct {
	*Subscription
	// Tenant is the tenant the subscription trusts; its cloud is the
	// subscription's cloud.
	Tenant      *TenantView
	Assignments []AssignmentView
}

// AssignmentView is a role assignment with its role definition.
type AssignmentView struct {
	*AzureRoleAssignment
	Definition *RoleDefinition
}

func buildAzure(seed *Seed, tenantOf func(id string) *TenantView) (*azureDirectory, error) {
	a := &azureDirectory{subs: map[string]*SubscriptionView{}, roles: map[string]*RoleDefinition{}}
	var errs []error
	for i := range BuiltInRoles {
		a.addRole(&BuiltInRoles[i])
	}
	for i := range seed.RoleDefinitions {
		rd := &seed.RoleDefinitions[i]
		if err := a.checkRole(rd); err != nil {
			errs = append(errs, fmt.Errorf("role definition %d (%s): %w", i, rd.Name, err))
			continue
		}
		a.addRole(rd)
	}
	for i := range seed.Subscriptions {
		s := &seed.Subscriptions[i]
		sv, err := a.buildSubscription(s, tenantOf)
		if err != nil {
			errs = append(errs, fmt.Errorf("subscription %d (%s): %w", i, s.ID, err))
			continue
		}
		a.subs[strings.ToLower(s.ID)] = sv
		a.order = append(a.order, sv)
	}
	return a, errors.Join(errs...)
}

func (a *azureDirectory) addRole(rd *RoleDefinition) {
	a.roles[strings.ToLower(rd.ID)] = rd
	a.roles[strings.ToLower(rd.Name)] = rd
}

func (a *azureDirectory) checkRole(rd *RoleDefinition) error {
	switch {
	case !IsGUID(rd.ID):
		return fmt.Errorf("id %q is not a GUID", rd.ID)
	case rd.Name == "":
		return errors.New("name is empty")
	case a.roles[strings.ToLower(rd.ID)] != nil || a.roles[strings.ToLower(rd.Name)] != nil:
		return errors.New("id or name already names another role")
	case len(rd.Actions) == 0:
		return errors.New("actions is empty")
	}
	return nil
}

func (a *azureDirectory) buildSubscription(s *Subscription, tenantOf func(string) *TenantView) (*SubscriptionView, error) {
	var errs []error
	if !IsGUID(s.ID) {
		errs = append(errs, fmt.Errorf("id %q is not a GUID", s.ID))
	}
	if _, dup := a.subs[strings.ToLower(s.ID)]; dup {
		errs = append(errs, errors.New("id appears twice"))
	}
	tenant := tenantOf(s.TenantID)
	if tenant == nil {
		errs = append(errs, fmt.Errorf("tenant_id %q is not a tenant of the seed", s.TenantID))
	}
	if s.State == "" {
		s.State = SubscriptionEnabled
	}
	if s.DisplayName == "" {
		s.DisplayName = "Subscription " + s.ID
	}
	groups := map[string]bool{}
	for i, rg := range s.ResourceGroups {
		if err := CheckResourceGroupName(rg.Name); err != nil {
			errs = append(errs, fmt.Errorf("resource group %d: %w", i, err))
		}
		if rg.Location == "" {
			errs = append(errs, fmt.Errorf("resource group %d (%s): location is empty", i, rg.Name))
		}
		if groups[strings.ToLower(rg.Name)] {
			errs = append(errs, fmt.Errorf("resource group %s appears twice", rg.Name))
		}
		groups[strings.ToLower(rg.Name)] = true
	}
	sv := &SubscriptionView{Subscription: s, Tenant: tenant}
	for i := range s.RoleAssignments {
		av, err := a.buildAssignment(s, &s.RoleAssignments[i])
		if err != nil {
			errs = append(errs, fmt.Errorf("role assignment %d: %w", i, err))
			continue
		}
		sv.Assignments = append(sv.Assignments, av)
	}
	return sv, errors.Join(errs...)
}

func (a *azureDirectory) buildAssignment(s *Subscription, ra *AzureRoleAssignment) (AssignmentView, error) {
	if !IsGUID(ra.PrincipalID) {
		return AssignmentView{}, fmt.Errorf("principal_id %q is not a GUID", ra.PrincipalID)
	}
	rd, ok := a.roles[strings.ToLower(ra.Role)]
	if !ok {
		return AssignmentView{}, fmt.Errorf("role %q is neither a built-in role nor a role definition of the seed", ra.Role)
	}
	switch ra.PrincipalType {
	case "":
		ra.PrincipalType = PrincipalUser
	case PrincipalUser, PrincipalServicePrincipal, PrincipalGroup:
	default:
		return AssignmentView{}, fmt.Errorf("principal_type %q is not User, ServicePrincipal or Group", ra.PrincipalType)
	}
	if ra.ResourceGroup != "" {
		if err := CheckResourceGroupName(ra.ResourceGroup); err != nil {
			return AssignmentView{}, err
		}
	}
	if ra.ID == "" {
		ra.ID = DerivedGUID(s.ID, ra.PrincipalID, rd.ID, strings.ToLower(ra.ResourceGroup))
	}
	return AssignmentView{AzureRoleAssignment: ra, Definition: rd}, nil
}

// CheckResourceGroupName applies ARM's rule: 1–90 letters, digits, '-',
// '_', '.', '(' or ')', not ending in a period.
func CheckResourceGroupName(name string) error {
	if name == "" || len(name) > 90 || strings.HasSuffix(name, ".") {
		return fmt.Errorf("resource group name %q must be 1-90 characters and not end in a period", name)
	}
	for _, r := range name {
		if !validGroupRune(r) {
			return fmt.Errorf("resource group name %q has a character other than letters, digits, '-', '_', '.', '(' and ')'", name)
		}
	}
	return nil
}

func validGroupRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_.()", r)
}
