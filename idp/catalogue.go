package idp

import "net/http"

// The error catalogue. Codes, OAuth errors, statuses and wording follow what
// Entra sends (shared/reference/protocol.md §6–7); %s/%v are filled by New.
// Every entry is made with def, which indexes it for Lookup.
var (
	ErrMissingParameter = def(900144, "invalid_request", http.StatusBadRequest,
		"The request body must contain the following parameter: '%s'.", "")
	ErrPostOnly = def(900561, "invalid_request", http.StatusBadRequest,
		"The endpoint only accepts POST, OPTIONS requests. Received a %s request.", "")
	ErrMalformedRequest = def(9002313, "invalid_request", http.StatusBadRequest,
		"Invalid request. Request is malformed or invalid.", "")
	ErrUnsupportedGrant = def(70003, "unsupported_grant_type", http.StatusBadRequest,
		"The app requested an unsupported grant type '%s'.", "")
	ErrResourceParamV2 = def(901002, "invalid_request", http.StatusBadRequest,
		"The 'resource' request parameter is not supported.", "")

	ErrTenantNotFound = def(90002, "invalid_tenant", http.StatusBadRequest,
		"Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.", "")
	ErrTenantInvalid = def(900023, "invalid_request", http.StatusBadRequest,
		"Specified tenant identifier '%s' is neither a valid DNS name, nor a valid external domain.", "")
	ErrNoTenantInfo = def(50059, "invalid_request", http.StatusBadRequest,
		"No tenant-identifying information found in either the request or implied by any provided credentials.", "")
	ErrInvalidInstance = def(50049, "invalid_instance", http.StatusBadRequest,
		"Unknown or invalid instance.", "")

	ErrAppNotFound = def(700016, "unauthorized_client", http.StatusBadRequest,
		"Application with identifier '%s' was not found in the directory '%s'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.", "")
	ErrAppDisabled = def(7000112, "unauthorized_client", http.StatusBadRequest,
		"Application '%s'(%s) is disabled.", "")
	ErrInvalidSecret = def(7000215, "invalid_client", http.StatusUnauthorized,
		"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", "")
	ErrSecretExpired = def(7000222, "invalid_client", http.StatusUnauthorized,
		"The provided client secret keys for app '%s' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.", "")
	ErrMissingCredential = def(7000218, "invalid_client", http.StatusUnauthorized,
		"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", "")
	ErrPublicClientCredential = def(700025, "invalid_client", http.StatusUnauthorized,
		"Client is public so neither 'client_assertion' nor 'client_secret' should be presented.", "")

	ErrAssertionMalformed = def(50027, "invalid_request", http.StatusBadRequest,
		"JWT token is invalid or malformed.", "")
	ErrAssertionMissingField = def(90014, "invalid_request", http.StatusBadRequest,
		"The required field '%s' is missing from the credential. Ensure that you have all the necessary parameters for the login request.", "")
	ErrAssertionNoKeyID = def(5002723, "invalid_client", http.StatusUnauthorized,
		"Invalid JWT token. No certificate SHA-1 thumbprint, certificate SHA-256 thumbprint, nor keyId specified in token header.", "")
	ErrAssertionAlgorithm = def(5002738, "invalid_client", http.StatusUnauthorized,
		"Invalid JWT token. '%s' is not a supported signature algorithm. Supported signing algorithms are: 'RS256,RS384,RS512'", "")
	ErrAssertionSignature = def(700027, "invalid_client", http.StatusUnauthorized,
		"Client assertion contains an invalid signature. [Reason - %s, Thumbprint of key used by client: '%s', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '%[3]s'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/%[3]s'].", "")
	ErrAssertionTimeRange = def(700024, "invalid_client", http.StatusUnauthorized,
		"Client assertion is not within its valid time range. Current time: %s, assertion valid from %s, expiry time of assertion %s. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .", "")
	ErrAssertionClientMismatch = def(700021, "invalid_client", http.StatusUnauthorized,
		"Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .", "")
	ErrAssertionAudience = def(700023, "invalid_client", http.StatusUnauthorized,
		"Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .", "")

	ErrFederatedNoMatch = def(70021, "unauthorized_client", http.StatusUnauthorized,
		"No matching federated identity record found for presented assertion. Assertion Issuer: '%s'. Assertion Subject: '%s'. Assertion Audience: '%s'. https://docs.microsoft.com/en-us/azure/active-directory/develop/workload-identity-federation", "")
	ErrFederatedIssuer = def(700211, "invalid_client", http.StatusUnauthorized,
		"No matching federated identity record found for presented assertion issuer '%s'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation", "")

	ErrInvalidScope = def(70011, "invalid_scope", http.StatusBadRequest,
		"The provided value for the input parameter 'scope' is not valid. The scope %s is not valid.", "")
	ErrScopeNotDefault = def(1002012, "invalid_scope", http.StatusBadRequest,
		"The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", "")
	ErrMultipleResources = def(28000, "invalid_scope", http.StatusBadRequest,
		"Provided value for the input parameter scope is not valid because it contains more than one resource. Scope %s is not valid.", "")
	ErrResourceNotFound = def(500011, "invalid_resource", http.StatusBadRequest,
		"The resource principal named %s was not found in the tenant named %s. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.", "")
	ErrSelfTokenByURI = def(90009, "invalid_request", http.StatusBadRequest,
		"Application '%s'(%s) is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier.", "")

	ErrServer = def(90036, "server_error", http.StatusInternalServerError,
		"Non-retryable error has occurred.", "")
)

// User-flow errors.
var (
	ErrUserNotFound = def(50034, "invalid_grant", http.StatusBadRequest,
		"The user account %s does not exist in the %s directory. To sign into this application, the account must be added to the directory.", "")
	ErrBadPassword = def(50126, "invalid_grant", http.StatusBadRequest,
		"Error validating credentials due to invalid username or password.", "")
	ErrUserDisabled = def(50057, "invalid_grant", http.StatusBadRequest,
		"The user account is disabled.", "")
	ErrConsentRequired = def(65001, "invalid_grant", http.StatusBadRequest,
		"The user or administrator has not consented to use the application with ID '%s' named '%s'. Send an interactive authorization request for this user and resource.", "consent_required")
	ErrRefreshTokenInvalid = def(9002313, "invalid_grant", http.StatusBadRequest,
		"Invalid request. Request is malformed or invalid.", "")
	ErrRefreshTokenExpired = def(700082, "invalid_grant", http.StatusBadRequest,
		"The refresh token has expired due to inactivity. The token was issued on %s and was inactive for %s.", "bad_token")
	ErrRefreshTokenRevoked = def(50173, "invalid_grant", http.StatusBadRequest,
		"The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '%s' and the TokensValidFrom date (before which tokens are not valid) for this user is '%s'.", "bad_token")
	// Entra's words for a refresh token redeemed by another (non-family) client.
	ErrRefreshTokenClient = def(700007, "invalid_grant", http.StatusBadRequest,
		"The grant was issued for a different client id.", "")
)

// Single-page application (SPA) redirect URIs: cross-origin redemption
// rules and the fixed refresh-token lifetime.
var (
	ErrSPARefreshExpired = def(700084, "invalid_grant", http.StatusBadRequest,
		"The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on %s.", "bad_token")
	ErrSPANeedsPKCE = def(9002325, "invalid_request", http.StatusBadRequest,
		"Proof Key for Code Exchange is required for cross-origin authorization code redemption.", "")
	ErrCrossOriginNotSPA = def(9002326, "invalid_request", http.StatusBadRequest,
		"Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '%s'.", "")
	ErrSPANeedsOrigin = def(9002327, "invalid_request", http.StatusBadRequest,
		"Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.", "")
)

// ErrGrantOnCommon refuses a grant that needs a tenant on /common or
// /consumers.
var ErrGrantOnCommon = def(9001023, "invalid_request", http.StatusBadRequest,
	"The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.", "")

// Device-flow errors (shared/reference/protocol.md §6.7). Polls are HTTP 400.
// Entra is not known to send slow_down; mockidp's (opt-in, DevicePolicy.
// SlowDown) reuses the pending code, as both mean "keep polling". The
// AADSTS number of authorization_declined is inferred.
var (
	ErrAuthorizationPending = def(70016, "authorization_pending", http.StatusBadRequest,
		"OAuth 2.0 device flow error. Authorization is pending. Continue polling.", "")
	ErrSlowDown = def(70016, "slow_down", http.StatusBadRequest,
		"OAuth 2.0 device flow error. Polling too often: wait at least %d seconds between requests.", "")
	ErrAuthorizationDeclined = def(70000, "authorization_declined", http.StatusBadRequest,
		"OAuth 2.0 device flow error. The user declined the sign-in request.", "")
	ErrBadVerificationCode = def(70018, "bad_verification_code", http.StatusBadRequest,
		"The provided value for the input parameter 'device_code' is not valid. The device code is unknown or was already redeemed.", "")
	ErrDeviceCodeExpired = def(70020, "expired_token", http.StatusBadRequest,
		"The provided value for the input parameter 'device_code' is not valid. This device code has expired.", "")

	// What the device-login page (and the control API) report about a
	// user code.
	ErrUserCodeMissing = def(90119, "invalid_request", http.StatusBadRequest,
		"The user code is null or empty.", "")
	ErrUserCodeUnknown = def(70018, "bad_verification_code", http.StatusBadRequest,
		"The code '%s' is not valid. Check the code and try again.", "")
	ErrUserCodeExpired = def(70019, "code_expired", http.StatusBadRequest,
		"Verification code expired. Go back to the device and sign in again to get a new code.", "")
	ErrDeviceFlowDecided = def(90120, "invalid_request", http.StatusBadRequest,
		"The request was already authorized or declined.", "")
)

// Authorization-code and PKCE errors at the token endpoint.
var (
	ErrCodeInvalid = def(9002313, "invalid_grant", http.StatusBadRequest,
		"Invalid request. Request is malformed or invalid.", "")
	ErrCodeRedeemed = def(54005, "invalid_grant", http.StatusBadRequest,
		"OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.", "")
	ErrCodeExpired = def(70008, "invalid_grant", http.StatusBadRequest,
		"The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.", "")
	ErrCodeClient = def(70000, "invalid_grant", http.StatusBadRequest,
		"Provided grant is invalid or malformed. The authorization code was issued to a different client.", "")
	ErrCodeTenant = def(700005, "invalid_grant", http.StatusBadRequest,
		"Provided Authorization Code is intended to use against other tenant, thus rejected.", "")
	ErrRedirectMissing = def(700009, "invalid_request", http.StatusBadRequest,
		"Reply address must be provided when presenting an authorization code requested with an explicit reply address.", "")
	ErrRedirectMismatch = def(500112, "invalid_client", http.StatusBadRequest,
		"The reply address '%s' does not match the reply address '%s' provided when requesting Authorization code.", "")
	ErrPKCEMismatch = def(501481, "invalid_grant", http.StatusBadRequest,
		"The Code_Verifier does not match the code_challenge supplied in the authorization request.", "")
	ErrCodeScopeEmpty = def(28003, "invalid_request", http.StatusBadRequest,
		"Provided value for the input parameter scope cannot be empty when requesting an access token using the provided authorization code. Please specify a valid scope.", "")
)

// Authorize-endpoint errors. The redirect-URI ones are shown on an error
// page, never sent to the redirect URI; the rest go back to the app.
var (
	ErrRedirectNotRegistered = def(50011, "invalid_request", http.StatusBadRequest,
		"The redirect URI '%s' specified in the request does not match the redirect URIs configured for the application '%s'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.", "")
	ErrNoRedirectRegistered = def(500113, "invalid_request", http.StatusBadRequest,
		"No reply address is registered for the application.", "")
	ErrNoRedirectProvided = def(900971, "invalid_request", http.StatusBadRequest,
		"No reply address provided.", "")
	ErrRedirectInvalid = def(90102, "invalid_request", http.StatusBadRequest,
		"'redirect_uri' value must be a valid absolute URI.", "")
	ErrResponseTypeUnsupported = def(70005, "unsupported_response_type", http.StatusBadRequest,
		"response_type '%s' is not enabled for the application.", "")
	ErrIDTokenNotEnabled = def(700054, "invalid_request", http.StatusBadRequest,
		"response_type 'id_token' is not enabled for the application.", "")
	ErrLoginRequired = def(50058, "login_required", http.StatusBadRequest,
		"A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD. This can happen if the user is using Internet Explorer or Edge, and the web app sending the silent sign-in request is in different IE security zone than the Azure AD endpoint (login.microsoftonline.com).", "")
	ErrSelectAccount = def(16000, "interaction_required", http.StatusBadRequest,
		"Either multiple user identities are available for the current request or selected account is not supported for the scenario.", "")
	ErrConsentRequiredSilent = def(65001, "consent_required", http.StatusBadRequest,
		"The user or administrator has not consented to use the application with ID '%s' named '%s'. Send an interactive authorization request for this user and resource.", "")
	ErrResourceNotRegistered = def(650057, "invalid_client", http.StatusBadRequest,
		"Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: %s. Resource value from request: %s. Resource app ID: %s. List of valid resources from app registration: %s.", "")
	ErrConsentDeclined = def(65004, "access_denied", http.StatusBadRequest,
		"The resource owner or authorization server denied the request.", "")
)

// On-behalf-of errors: the incoming assertion is checked like an API
// checks a token.
var (
	ErrOBOSignature = def(50013, "invalid_grant", http.StatusBadRequest,
		"Assertion failed signature validation.", "")
	ErrOBOAudience = def(500131, "invalid_grant", http.StatusBadRequest,
		"Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '%s' and the expected audience is '%s' or one of the Application Uris of this application with App ID '%s'(%s). The downstream client must request a token for the expected audience (the application that made the OBO request) and this application should use that token as the assertion.", "")
	ErrOBOExpired = def(500133, "invalid_grant", http.StatusBadRequest,
		"Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: %s, expiry time of assertion %s.", "")
	ErrOBONotUserToken = def(50027, "invalid_request", http.StatusBadRequest,
		"JWT token is invalid or malformed.", "")
)

// ErrPKCEChallengeSize refuses a code_challenge outside RFC 7636's 43–128
// characters.
var ErrPKCEChallengeSize = def(501491, "invalid_request", http.StatusBadRequest,
	"Invalid size of Code_Challenge parameter.", "")

// Errors for outages and policy: scenarios and state changes produce them.
var (
	// ErrThrottled: Entra's throttling answer; the wording is mockidp's,
	// after the documented meaning of AADSTS90055 (too many requests).
	ErrThrottled = def(90055, "temporarily_unavailable", http.StatusTooManyRequests,
		"There are too many incoming requests. Please try again later.", "")
	ErrTransient = def(90033, "temporarily_unavailable", http.StatusServiceUnavailable,
		"A transient error has occurred. Please try again.", "")
	ErrMFARequired = def(50076, "interaction_required", http.StatusBadRequest,
		"Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '%s'.", "basic_action")
	// ErrStrongAuthFailed ends a second-factor challenge that cannot
	// succeed any more (expired, or too many wrong codes), shown on the
	// error page as Entra shows it.
	ErrStrongAuthFailed = def(500121, "access_denied", http.StatusBadRequest,
		"Authentication failed during strong authentication request.", "")
	// ErrMFACodeWrong: the wording is mockidp's; its second-factor page
	// shows it for a wrong code.
	ErrMFACodeWrong = def(500121, "access_denied", http.StatusBadRequest,
		"Authentication failed during strong authentication request. The code entered does not match the one shown.", "")
	ErrBlockedByCA = def(53003, "invalid_grant", http.StatusBadRequest,
		"Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", "message_only")
)

// Multi-tenant applications: users of other tenants, and admin consent
// (multitenant.go).
var (
	ErrUserNotInAppTenant = def(50020, "access_denied", http.StatusBadRequest,
		"User account '%s' from identity provider '%s' does not exist in tenant '%s' and cannot access the application '%s'(%s) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.", "")
	ErrAdminApprovalNeeded = def(90094, "access_denied", http.StatusBadRequest,
		"The grant requires admin permission.", "")
	ErrAdminConsentCanceled = def(65004, "access_denied", http.StatusBadRequest,
		"User declined to consent to access the app.", "")
)
