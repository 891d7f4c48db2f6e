package scenarios

// Fired is a picked action and the scenario it came from.
type Fired struct {
	ScenarioID string
	Action
}
