package attune

import (
	"context"
	"time"
)

// Role is what an agent may do. Each role includes the one before it.
type Role string

// The three roles: an agent works conversations and customers; a supervisor also sees
// reports and training; an admin also manages users and settings.
const (
	RoleAgent      Role = "agent"
	RoleSupervisor Role = "supervisor"
	RoleAdmin      Role = "admin"
)

// Valid reports whether r is one of the three roles.
func (r Role) Valid() bool { return r == RoleAgent || r == RoleSupervisor || r == RoleAdmin }

// AtLeast reports whether r includes everything other may do.
func (r Role) AtLeast(other Role) bool { return r.rank() >= other.rank() }

func (r Role) rank() int {
	switch r {
	case RoleAdmin:
		return 3
	case RoleSupervisor:
		return 2
	case RoleAgent:
		return 1
	}
	return 0
}

// Agent is a person who answers customers.
type Agent struct {
	ID        int64     `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	Active    bool      `json:"active"`
	TeamIDs   []int64   `json:"team_ids"`
	CreatedAt time.Time `json:"created_at"`
}

// FirstName is the agent's first name, for greetings and macros.
func (a *Agent) FirstName() string { return firstWord(a.Name) }

// NewAgent is what it takes to add an agent.
type NewAgent struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Password string `json:"password"`
}

// MinPasswordLen is the shortest password Attune accepts.
const MinPasswordLen = 10

// Validate cleans the fields in place and reports what needs fixing.
func (n *NewAgent) Validate() error {
	f := Fields{}
	n.Email = f.CheckEmail("email", n.Email, true)
	n.Name = CleanLine(n.Name)
	f.Require("name", n.Name, "a name")
	f.CheckLen("name", n.Name, MaxNameLen)
	if n.Role == "" {
		n.Role = RoleAgent
	}
	if !n.Role.Valid() {
		f.Add("role", "Please choose a role: agent, supervisor or admin.")
	}
	if len([]rune(n.Password)) < MinPasswordLen {
		f.Add("password", "Please choose a password of at least 10 characters.")
	} else if len(n.Password) > 1024 {
		f.Add("password", "This password is too long: please keep it under 1024 characters.")
	}
	return f.Err()
}

// Team groups agents, and conversations can be routed to one.
type Team struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// AgentService manages agents and teams.
type AgentService interface {
	CreateAgent(ctx context.Context, n NewAgent) (*Agent, error)
	Agent(ctx context.Context, id int64) (*Agent, error)
	AgentByEmail(ctx context.Context, email string) (*Agent, error)
	Agents(ctx context.Context) ([]Agent, error)
	SetAgentActive(ctx context.Context, id int64, active bool) error
	CreateTeam(ctx context.Context, name string) (*Team, error)
	Teams(ctx context.Context) ([]Team, error)
	AddTeamMember(ctx context.Context, teamID, agentID int64) error
}
