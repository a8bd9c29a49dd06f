package attune

// Actor is who is making a change, for the audit log and permission checks.
type Actor struct {
	AgentID    *int64 // nil for customers and the system
	CustomerID *int64
	Role       Role
	Name       string
}

// SystemActor is the actor for changes Attune makes by itself.
func SystemActor() Actor { return Actor{Name: "Attune"} }

// Kind names the actor's kind for the audit log.
func (a Actor) Kind() string {
	switch {
	case a.AgentID != nil:
		return "agent"
	case a.CustomerID != nil:
		return "customer"
	}
	return "system"
}
