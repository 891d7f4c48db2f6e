package clouds

// ARMFacts are what Azure Resource Manager's metadata/endpoints documents
// say about a cloud beyond its hosts.
type ARMFacts struct {
	// Name is the cloud's name in ARM metadata (AzureCloud), which differs
	// from Environment.
	Name          string
	Portal        string
	Gallery       string
	Batch         string
	Media         string
	SQLSuffix     string
	ACRSuffix     string // "" where the cloud has no container registry
	SQLManagement string
}

// Region is one Azure region: its location name and display name.
type Region struct{ Name, DisplayName string }

// Subscription is the default seed's subscription in a cloud's default
// tenant, with the region of its resource group.
type Subscription struct{ ID, DisplayName, Location string }
