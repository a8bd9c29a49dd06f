package store

import (
	"context"
	"database/sql"

	"github.com/attune-desk/attune"
)

// AgentService stores agents and teams.
type AgentService struct{ db *DB }

// NewAgentService returns the agent service over db.
func NewAgentService(db *DB) *AgentService { return &AgentService{db: db} }

var _ attune.AgentService = (*AgentService)(nil)

const agentCols = "id, email, name, role, active, created_at"

func scanAgent(row interface{ Scan(...any) error }) (*attune.Agent, error) {
	var a attune.Agent
	var created int64
	if err := row.Scan(&a.ID, &a.Email, &a.Name, &a.Role, &a.Active, &created); err != nil {
		return nil, err
	}
	a.CreatedAt = fromMS(created)
	a.TeamIDs = []int64{}
	return &a, nil
}

// CreateAgent adds an agent with an argon2id hash of their password.
func (s *AgentService) CreateAgent(ctx context.Context, n attune.NewAgent) (*attune.Agent, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := hashPassword(n.Password)
	if err != nil {
		return nil, attune.Internal(err)
	}
	var id int64
	err = s.db.tx(ctx, func(c conn) error {
		id, err = c.insert(ctx, "INSERT INTO agents (email, name, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, TRUE, ?)",
			n.Email, n.Name, string(n.Role), hash, s.db.nowMS())
		if isUnique(err) {
			return &attune.Error{Code: attune.ECONFLICT, Message: "Someone with this email is already on the team.",
				Fields: map[string]string{"email": "This email is already in use."}}
		} else if err != nil {
			return err
		}
		return audit(ctx, c, s.db, attune.SystemActor(), "agent.create", "agent", id, map[string]any{"email": n.Email, "role": n.Role})
	})
	if err != nil {
		return nil, wrapErr(err, "agent")
	}
	return s.Agent(ctx, id)
}

// Agent returns one agent with their teams.
func (s *AgentService) Agent(ctx context.Context, id int64) (*attune.Agent, error) {
	a, err := scanAgent(s.db.reader().queryRow(ctx, "SELECT "+agentCols+" FROM agents WHERE id = ?", id))
	if err != nil {
		return nil, wrapErr(err, "agent")
	}
	return a, s.loadTeams(ctx, map[int64]*attune.Agent{a.ID: a})
}

// AgentByEmail returns the agent with this email.
func (s *AgentService) AgentByEmail(ctx context.Context, email string) (*attune.Agent, error) {
	email, _ = attune.NormalizeEmail(email)
	a, err := scanAgent(s.db.reader().queryRow(ctx, "SELECT "+agentCols+" FROM agents WHERE email = ?", email))
	if err != nil {
		return nil, wrapErr(err, "agent")
	}
	return a, s.loadTeams(ctx, map[int64]*attune.Agent{a.ID: a})
}

// Agents lists every agent by name.
func (s *AgentService) Agents(ctx context.Context) ([]attune.Agent, error) {
	rows, err := s.db.reader().query(ctx, "SELECT "+agentCols+" FROM agents ORDER BY name, id")
	if err != nil {
		return nil, wrapErr(err, "agent")
	}
	defer rows.Close()
	var out []attune.Agent
	for rows.Next() {
		a, err := scanAgent(rows)
		if err != nil {
			return nil, wrapErr(err, "agent")
		}
		out = append(out, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, wrapErr(err, "agent")
	}
	byID := make(map[int64]*attune.Agent, len(out))
	for i := range out {
		byID[out[i].ID] = &out[i]
	}
	return out, s.loadTeams(ctx, byID)
}

func (s *AgentService) loadTeams(ctx context.Context, byID map[int64]*attune.Agent) error {
	q, args := "SELECT agent_id, team_id FROM team_members ORDER BY team_id", []any(nil)
	if len(byID) == 1 {
		for id := range byID {
			q, args = "SELECT agent_id, team_id FROM team_members WHERE agent_id = ? ORDER BY team_id", []any{id}
		}
	}
	rows, err := s.db.reader().query(ctx, q, args...)
	if err != nil {
		return wrapErr(err, "team")
	}
	defer rows.Close()
	for rows.Next() {
		var agentID, teamID int64
		if err := rows.Scan(&agentID, &teamID); err != nil {
			return wrapErr(err, "team")
		}
		if a := byID[agentID]; a != nil {
			a.TeamIDs = append(a.TeamIDs, teamID)
		}
	}
	return wrapErr(rows.Err(), "team")
}

// SetAgentActive switches an agent on or off. An inactive agent cannot sign in, and
// their sessions and tokens stop working.
func (s *AgentService) SetAgentActive(ctx context.Context, id int64, active bool) error {
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, "UPDATE agents SET active = ? WHERE id = ?", active, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return sql.ErrNoRows
		}
		if !active {
			if _, err := c.exec(ctx, "DELETE FROM sessions WHERE agent_id = ?", id); err != nil {
				return err
			}
		}
		return audit(ctx, c, s.db, attune.SystemActor(), "agent.active", "agent", id, map[string]any{"active": active})
	}), "agent")
}

// CreateTeam adds a team.
func (s *AgentService) CreateTeam(ctx context.Context, name string) (*attune.Team, error) {
	f := attune.Fields{}
	name = attune.CleanLine(name)
	f.Require("name", name, "a team name")
	f.CheckLen("name", name, attune.MaxNameLen)
	if err := f.Err(); err != nil {
		return nil, err
	}
	t := attune.Team{Name: name, CreatedAt: fromMS(s.db.nowMS())}
	err := s.db.tx(ctx, func(c conn) error {
		var err error
		t.ID, err = c.insert(ctx, "INSERT INTO teams (name, created_at) VALUES (?, ?)", name, ms(t.CreatedAt))
		if isUnique(err) {
			return attune.Errorf(attune.ECONFLICT, "There is already a team called %q.", name)
		}
		return err
	})
	if err != nil {
		return nil, wrapErr(err, "team")
	}
	return &t, nil
}

// Teams lists every team by name.
func (s *AgentService) Teams(ctx context.Context) ([]attune.Team, error) {
	rows, err := s.db.reader().query(ctx, "SELECT id, name, created_at FROM teams ORDER BY name")
	if err != nil {
		return nil, wrapErr(err, "team")
	}
	defer rows.Close()
	var out []attune.Team
	for rows.Next() {
		var t attune.Team
		var created int64
		if err := rows.Scan(&t.ID, &t.Name, &created); err != nil {
			return nil, wrapErr(err, "team")
		}
		t.CreatedAt = fromMS(created)
		out = append(out, t)
	}
	return out, wrapErr(rows.Err(), "team")
}

// AddTeamMember puts an agent in a team; doing it twice is harmless.
func (s *AgentService) AddTeamMember(ctx context.Context, teamID, agentID int64) error {
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		var n int
		if err := c.queryRow(ctx, "SELECT (SELECT COUNT(*) FROM teams WHERE id = ?) + (SELECT COUNT(*) FROM agents WHERE id = ?)", teamID, agentID).Scan(&n); err != nil {
			return err
		}
		if n != 2 {
			return sql.ErrNoRows
		}
		_, err := c.exec(ctx, "INSERT INTO team_members (team_id, agent_id) VALUES (?, ?) ON CONFLICT DO NOTHING", teamID, agentID)
		return err
	}), "team or agent")
}
