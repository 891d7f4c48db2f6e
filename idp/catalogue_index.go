package idp

// indexed are the catalogue entries Lookup finds by number, so a scenario
// that names only an AADSTS code gets Entra's error, status and wording.
var indexed = []Def{
	ErrMissingParameter, ErrPostOnly, ErrMalformedRequest, ErrUnsupportedGrant, ErrResourceParamV2,
	ErrTenantNotFound, ErrTenantInvalid, ErrNoTenantInfo, ErrInvalidInstance,
	ErrAppNotFound, ErrAppDisabled, ErrInvalidSecret, ErrSecretExpired, ErrMissingCredential, ErrPublicClientCredential,
	ErrAssertionMalformed, ErrAssertionMissingField, ErrAssertionNoKeyID, ErrAssertionAlgorithm, ErrAssertionSignature,
	ErrAssertionTimeRange, ErrAssertionClientMismatch, ErrAssertionAudience,
	ErrInvalidScope, ErrScopeNotDefault, ErrMultipleResources, ErrResourceNotFound, ErrSelfTokenByURI, ErrServer,
	ErrUserNotFound, ErrBadPassword, ErrUserDisabled, ErrConsentRequired, ErrRefreshTokenExpired,
	ErrRefreshTokenRevoked, ErrRefreshTokenClient, ErrGrantOnCommon,
	ErrThrottled, ErrTransient, ErrMFARequired, ErrBlockedByCA,
}

// Lookup finds the catalogue entry of an AADSTS number. Messages with
// substitutions keep their %s placeholders filled with "…".
func Lookup(aadsts int) (Def, bool) {
	for _, d := range indexed {
		if d.AADSTS == aadsts {
			return d, true
		}
	}
	return Def{}, false
}
