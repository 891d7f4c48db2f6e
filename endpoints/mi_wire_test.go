package endpoints

// What clients see of the managed-identity hosts, restated here so the
// tests pin the bytes rather than the constants that produce them.
const (
	imdsServer           = "IMDS/150.870.65.1854"
	kestrelServer        = "Kestrel"
	imdsExtensionFailure = "Failed to retrieve token from the Active directory. For details see logs in " +
		"/var/log/azure/Microsoft.ManagedIdentity.ManagedIdentityExtensionForLinux/msi-extension.log"
)

// imdsToken is the part of IMDS's (and Arc's) token answer tests read.
type imdsToken struct {
	AccessToken string `json:"access_token"`
	ClientID    string `json:"client_id"`
	ExpiresIn   string `json:"expires_in"`
	Resource    string `json:"resource"`
	ObjectID    string `json:"object_id,omitempty"`
	MSIResID    string `json:"msi_res_id,omitempty"`
}

// msgAADFailed is App Service's own 500 message (sic).
const msgAADFailed = "An unexpected error occured while fetching the AAD Token."
