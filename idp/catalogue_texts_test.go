package idp_test

import (
	"testing"

	"github.com/mockidp/mockidp/idp"
)

// Catalogue texts checked against Entra's as public issues quote them
// (issue 13.10), filled the way mockidp fills them.
func TestCatalogueTextsAsEntraWordsThem(t *testing.T) {
	const app = "26790ce1-d05c-4de7-ba73-51837152f0bc"
	for _, tc := range []struct {
		got, want string
	}{
		{idp.ErrAssertionSignature.New("The key was not found.", "8BDEB513EAC11E9E9DA752EB9D5087F317F6D931", app).Message,
			"Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '8BDEB513EAC11E9E9DA752EB9D5087F317F6D931', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '" + app + "'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/" + app + "']."},
		{idp.ErrAssertionAudience.New().Message,
			"Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials ."},
		{idp.ErrOBOAudience.New("api://xxxxx.azurefd.net", "7bc7b4e6", "7bc7b4e6", "Company Communicator").Message,
			"Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was 'api://xxxxx.azurefd.net' and the expected audience is '7bc7b4e6' or one of the Application Uris of this application with App ID '7bc7b4e6'(Company Communicator). The downstream client must request a token for the expected audience (the application that made the OBO request) and this application should use that token as the assertion."},
		{idp.ErrIDTokenNotEnabled.New().Message, "response_type 'id_token' is not enabled for the application."},
		{idp.ErrAppDisabled.New("f8119f58-4523-44c1-ab72-b2e0c815bd6a", "Presence Light").Message,
			"Application 'f8119f58-4523-44c1-ab72-b2e0c815bd6a'(Presence Light) is disabled."},
		{idp.ErrRefreshTokenClient.New().Message, "The grant was issued for a different client id."},
		{idp.ErrMFARequired.New("797f4846-ba00-4fd7-ba43-dac1f8f63013").Message,
			"Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '797f4846-ba00-4fd7-ba43-dac1f8f63013'."},
	} {
		if tc.got != tc.want {
			t.Errorf("got  %q\nwant %q", tc.got, tc.want)
		}
	}
}
