package arm

import (
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/idp"
)

const actionRoleAssignmentsRead = "Microsoft.Authorization/roleAssignments/read"

// armRoleAssignmentJSON is a role assignment as ARM shows it.
type armRoleAssignmentJSON struct {
	Properties armRoleAssignmentProps `json:"properties"`
	ID         string                 `json:"id"`
	Type       string                 `json:"type"`
	Name       string                 `json:"name"`
}

type armRoleAssignmentProps struct {
	RoleDefinitionID string  `json:"roleDefinitionId"`
	PrincipalID      string  `json:"principalId"`
	PrincipalType    string  `json:"principalType"`
	Scope            string  `json:"scope"`
	Condition        *string `json:"condition"`
	ConditionVersion *string `json:"conditionVersion"`
	Description      *string `json:"description"`
}

// roleFilter is the part of $filter mockidp understands: atScope() and one
// principal.
type roleFilter struct {
	atScope   bool
	principal string
}

var principalFilter = regexp.MustCompile(`^(?i:principalId\s+eq\s+'([0-9a-fA-F-]{36})'|assignedTo\('([0-9a-fA-F-]{36})'\))$`)

var andFilter = regexp.MustCompile(`(?i)\s+and\s+`)

func parseRoleFilter(f string) (roleFilter, bool) {
	var rf roleFilter
	for _, part := range andFilter.Split(strings.TrimSpace(f), -1) {
		switch m := principalFilter.FindStringSubmatch(part); {
		case part == "":
		case strings.EqualFold(part, "atScope()"):
			rf.atScope = true
		case m != nil && rf.principal == "":
			rf.principal = m[1] + m[2]
		default:
			return rf, false
		}
	}
	return rf, true
}

// armRoleAssignments lists the assignments at the subscription or group
// scope, those above it and (without atScope()) those below it.
func (h *Handler) armRoleAssignments(c echo.Context) error {
	sub, err := h.armSubscriptionOf(c)
	if err != nil {
		return err
	}
	group := c.Param("rg")
	if err := authorize(c, sub, actionRoleAssignmentsRead, group); err != nil {
		return err
	}
	filter, ok := parseRoleFilter(c.QueryParam("$filter"))
	if !ok {
		return armFail(idp.ARMInvalidFilter(c.QueryParam("$filter")))
	}
	var items []any
	for _, a := range sub.Assignments {
		above := a.ResourceGroup == "" || strings.EqualFold(a.ResourceGroup, group)
		below := group == "" && a.ResourceGroup != ""
		if !above && (filter.atScope || !below) {
			continue
		}
		if filter.principal != "" && !strings.EqualFold(filter.principal, a.PrincipalID) {
			continue
		}
		items = append(items, roleAssignmentJSON(sub.ID, a))
	}
	return writeARMPage(c, items, false)
}

func roleAssignmentJSON(subID string, a idp.AssignmentView) armRoleAssignmentJSON {
	scope := "/subscriptions/" + subID
	if a.ResourceGroup != "" {
		scope += "/resourceGroups/" + a.ResourceGroup
	}
	return armRoleAssignmentJSON{
		Properties: armRoleAssignmentProps{
			RoleDefinitionID: "/subscriptions/" + subID + "/providers/Microsoft.Authorization/roleDefinitions/" + a.Definition.ID,
			PrincipalID:      a.PrincipalID, PrincipalType: a.PrincipalType, Scope: scope},
		ID:   scope + "/providers/Microsoft.Authorization/roleAssignments/" + a.ID,
		Type: "Microsoft.Authorization/roleAssignments", Name: a.ID}
}
