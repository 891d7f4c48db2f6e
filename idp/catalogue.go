package idp

import "net/http"

// The error catalogue. Codes, OAuth errors, statuses and wording follow what
// Entra sends (shared/reference/protocol.md §6–7); %s/%v are filled by New.
var (
	ErrMissingParameter = Def{900144, "invalid_request", http.StatusBadRequest,
		"The request body must contain the following parameter: '%s'.", ""}
	ErrPostOnly = Def{900561, "invalid_request", http.StatusBadRequest,
		"The endpoint only accepts POST, OPTIONS requests. Received a %s request.", ""}
	ErrMalformedRequest = Def{9002313, "invalid_request", http.StatusBadRequest,
		"Invalid request. Request is malformed or invalid.", ""}
	ErrUnsupportedGrant = Def{70003, "unsupported_grant_type", http.StatusBadRequest,
		"The app requested an unsupported grant type '%s'.", ""}
	ErrResourceParamV2 = Def{901002, "invalid_request", http.StatusBadRequest,
		"The 'resource' request parameter is not supported.", ""}

	ErrTenantNotFound = Def{90002, "invalid_tenant", http.StatusBadRequest,
		"Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.", ""}
	ErrTenantInvalid = Def{900023, "invalid_request", http.StatusBadRequest,
		"Specified tenant identifier '%s' is neither a valid DNS name, nor a valid external domain.", ""}
	ErrNoTenantInfo = Def{50059, "invalid_request", http.StatusBadRequest,
		"No tenant-identifying information found in either the request or implied by any provided credentials.", ""}
	ErrInvalidInstance = Def{50049, "invalid_instance", http.StatusBadRequest,
		"Unknown or invalid instance.", ""}

	ErrAppNotFound = Def{700016, "unauthorized_client", http.StatusBadRequest,
		"Application with identifier '%s' was not found in the directory '%s'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.", ""}
	ErrAppDisabled = Def{7000112, "unauthorized_client", http.StatusBadRequest,
		"Application '%s'(%s) is disabled.", ""}
	ErrInvalidSecret = Def{7000215, "invalid_client", http.StatusUnauthorized,
		"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", ""}
	ErrSecretExpired = Def{7000222, "invalid_client", http.StatusUnauthorized,
		"The provided client secret keys for app '%s' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.", ""}
	ErrMissingCredential = Def{7000218, "invalid_client", http.StatusUnauthorized,
		"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", ""}
	ErrPublicClientCredential = Def{700025, "invalid_client", http.StatusUnauthorized,
		"Client is public so neither 'client_assertion' nor 'client_secret' should be presented.", ""}

	ErrAssertionMalformed = Def{50027, "invalid_request", http.StatusBadRequest,
		"JWT token is invalid or malformed.", ""}
	ErrAssertionMissingField = Def{90014, "invalid_request", http.StatusBadRequest,
		"The required field '%s' is missing from the credential. Ensure that you have all the necessary parameters for the login request.", ""}
	ErrAssertionNoKeyID = Def{5002723, "invalid_client", http.StatusUnauthorized,
		"Invalid JWT token. No certificate SHA-1 thumbprint, certificate SHA-256 thumbprint, nor keyId specified in token header.", ""}
	ErrAssertionAlgorithm = Def{5002738, "invalid_client", http.StatusUnauthorized,
		"Invalid JWT token. '%s' is not a supported signature algorithm. Supported signing algorithms are: 'RS256,RS384,RS512'", ""}
	ErrAssertionSignature = Def{700027, "invalid_client", http.StatusUnauthorized,
		"Client assertion contains an invalid signature. [Reason - %s, Thumbprint of key used by client: '%s', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '%s'. Review the documentation at https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0 to learn how to get configured keys.]", ""}
	ErrAssertionTimeRange = Def{700024, "invalid_client", http.StatusUnauthorized,
		"Client assertion is not within its valid time range. Current time: %s, assertion valid from %s, expiry time of assertion %s. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .", ""}
	ErrAssertionClientMismatch = Def{700021, "invalid_client", http.StatusUnauthorized,
		"Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .", ""}
	ErrAssertionAudience = Def{700023, "invalid_client", http.StatusUnauthorized,
		"Client assertion audience claim does not match Realm issuer. Audience: '%s'.", ""}

	ErrInvalidScope = Def{70011, "invalid_scope", http.StatusBadRequest,
		"The provided value for the input parameter 'scope' is not valid. The scope %s is not valid.", ""}
	ErrScopeNotDefault = Def{1002012, "invalid_scope", http.StatusBadRequest,
		"The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", ""}
	ErrMultipleResources = Def{28000, "invalid_scope", http.StatusBadRequest,
		"Provided value for the input parameter scope is not valid because it contains more than one resource. Scope %s is not valid.", ""}
	ErrResourceNotFound = Def{500011, "invalid_resource", http.StatusBadRequest,
		"The resource principal named %s was not found in the tenant named %s. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.", ""}
	ErrSelfTokenByURI = Def{90009, "invalid_request", http.StatusBadRequest,
		"Application '%s'(%s) is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier.", ""}

	ErrServer = Def{90036, "server_error", http.StatusInternalServerError,
		"Non-retryable error has occurred.", ""}
)

// User-flow errors.
var (
	ErrUserNotFound = Def{50034, "invalid_grant", http.StatusBadRequest,
		"The user account %s does not exist in the %s directory. To sign into this application, the account must be added to the directory.", ""}
	ErrBadPassword = Def{50126, "invalid_grant", http.StatusBadRequest,
		"Error validating credentials due to invalid username or password.", ""}
	ErrUserDisabled = Def{50057, "invalid_grant", http.StatusBadRequest,
		"The user account is disabled.", ""}
	ErrConsentRequired = Def{65001, "invalid_grant", http.StatusBadRequest,
		"The user or administrator has not consented to use the application with ID '%s' named '%s'. Send an interactive authorization request for this user and resource.", "consent_required"}
	ErrRefreshTokenInvalid = Def{9002313, "invalid_grant", http.StatusBadRequest,
		"Invalid request. Request is malformed or invalid.", ""}
	ErrRefreshTokenExpired = Def{700082, "invalid_grant", http.StatusBadRequest,
		"The refresh token has expired due to inactivity. The token was issued on %s and was inactive for %s.", "bad_token"}
	ErrRefreshTokenRevoked = Def{50173, "invalid_grant", http.StatusBadRequest,
		"The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '%s' and the TokensValidFrom date (before which tokens are not valid) for this user is '%s'.", "bad_token"}
	ErrRefreshTokenClient = Def{70000, "invalid_grant", http.StatusBadRequest,
		"Provided grant is invalid or malformed. The refresh token was issued to a different client.", "client_mismatch"}
)

// ErrGrantOnCommon refuses a grant that needs a tenant on /common or
// /consumers.
var ErrGrantOnCommon = Def{9001023, "invalid_request", http.StatusBadRequest,
	"The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.", ""}

// Errors for outages and policy: scenarios and state changes produce them.
var (
	// ErrThrottled: Entra's throttling answer; the wording is mockidp's,
	// after the documented meaning of AADSTS90055 (too many requests).
	ErrThrottled = Def{90055, "temporarily_unavailable", http.StatusTooManyRequests,
		"There are too many incoming requests. Please try again later.", ""}
	ErrTransient = Def{90033, "temporarily_unavailable", http.StatusServiceUnavailable,
		"A transient error has occurred. Please try again.", ""}
	ErrMFARequired = Def{50076, "interaction_required", http.StatusBadRequest,
		"Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '%s'.", "basic_action"}
	ErrBlockedByCA = Def{53003, "invalid_grant", http.StatusBadRequest,
		"Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", "message_only"}
)
