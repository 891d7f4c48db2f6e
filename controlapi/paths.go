package controlapi

// Prefix is the reserved path prefix of mockidp's own endpoints. Nothing
// of Microsoft's lives under it.
const Prefix = "/_mockidp"

// Paths of the control API, relative to the server's base URL.
const (
	HealthPath       = Prefix + "/health"
	CAPath           = Prefix + "/ca.pem"
	OpenAPIPath      = Prefix + "/openapi.json"
	ScenariosPath    = Prefix + "/scenarios"
	PresetsPath      = Prefix + "/presets"
	StatePath        = Prefix + "/state"
	ClockPath        = Prefix + "/clock"
	ResetPath        = Prefix + "/reset"
	SeedPath         = Prefix + "/seed"
	RequestsPath     = Prefix + "/requests"
	TokensPath       = Prefix + "/tokens"
	SubscriptionPath = Prefix + "/subscriptions"
	DeviceCodePath   = Prefix + "/devicecode/approve"
	IMDSFaultsPath   = Prefix + "/imds/faults"
	// WorkloadIssuerPath is mockidp's Kubernetes-style service-account
	// issuer; its token endpoint (WorkloadTokenPath) mints the projected
	// token that AKS writes to AZURE_FEDERATED_TOKEN_FILE.
	WorkloadIssuerPath = Prefix + "/workload-identity"
	WorkloadTokenPath  = WorkloadIssuerPath + "/token"
)
