package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/attune-desk/attune"
)

// CustomerService stores customer profiles.
type CustomerService struct{ db *DB }

// NewCustomerService returns the customer service over db.
func NewCustomerService(db *DB) *CustomerService { return &CustomerService{db: db} }

var _ attune.CustomerService = (*CustomerService)(nil)

const customerCols = `id, name, preferred_name, email, phone, language, timezone, tags, attributes, notes, remember,
	conversations_count, last_contact_at, sentiment_sum, sentiment_n, last_satisfaction, created_at, updated_at`

func scanCustomer(row interface{ Scan(...any) error }) (*attune.Customer, error) {
	var c attune.Customer
	var tags, attrs, remember string
	var lastContact sql.NullInt64
	var sentSum float64
	var sentN int
	var lastSat sql.NullInt64
	var created, updated int64
	err := row.Scan(&c.ID, &c.Name, &c.PreferredName, &c.Email, &c.Phone, &c.Language, &c.Timezone, &tags, &attrs, &c.Notes, &remember,
		&c.Stats.Conversations, &lastContact, &sentSum, &sentN, &lastSat, &created, &updated)
	if err != nil {
		return nil, err
	}
	c.Tags, c.Remember, c.Attributes = []string{}, []string{}, map[string]string{}
	if err := unmarshalAll(tags, &c.Tags, attrs, &c.Attributes, remember, &c.Remember); err != nil {
		return nil, err
	}
	c.Stats.LastContactAt = fromNullMS(lastContact)
	if sentN > 0 {
		avg := sentSum / float64(sentN)
		c.Stats.AverageSentiment = &avg
	}
	if lastSat.Valid {
		v := int(lastSat.Int64)
		c.Stats.LastSatisfaction = &v
	}
	c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
	return &c, nil
}

// unmarshalAll decodes pairs of (JSON text, destination).
func unmarshalAll(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if s := pairs[i].(string); s != "" {
			if err := json.Unmarshal([]byte(s), pairs[i+1]); err != nil {
				return err
			}
		}
	}
	return nil
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// CreateCustomer adds a customer profile. The email must be new.
func (s *CustomerService) CreateCustomer(ctx context.Context, in attune.CustomerInput) (*attune.Customer, error) {
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	var id int64
	err := s.db.tx(ctx, func(c conn) error {
		var err error
		id, err = insertCustomer(ctx, c, s.db.nowMS(), in)
		if isUnique(err) {
			return &attune.Error{Code: attune.ECONFLICT, Message: "A customer with this email already exists. Search for them instead.",
				Fields: map[string]string{"email": "This email already belongs to a customer."}}
		}
		return err
	})
	if err != nil {
		return nil, wrapErr(err, "customer")
	}
	return s.Customer(ctx, id)
}

func insertCustomer(ctx context.Context, c conn, now int64, in attune.CustomerInput) (int64, error) {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	tags, attrs, remember := []string{}, map[string]string{}, []string{}
	if in.Tags != nil {
		tags = *in.Tags
	}
	if in.Attributes != nil {
		attrs = *in.Attributes
	}
	if in.Remember != nil {
		remember = *in.Remember
	}
	return c.insert(ctx, `INSERT INTO customers (name, preferred_name, email, phone, language, timezone, tags, attributes, notes, remember, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		str(in.Name), str(in.PreferredName), str(in.Email), str(in.Phone), str(in.Language), str(in.Timezone),
		jsonText(tags), jsonText(attrs), str(in.Notes), jsonText(remember), now, now)
}

// Customer returns one customer profile.
func (s *CustomerService) Customer(ctx context.Context, id int64) (*attune.Customer, error) {
	c, err := scanCustomer(s.db.reader().queryRow(ctx, "SELECT "+customerCols+" FROM customers WHERE id = ?", id))
	return c, wrapErr(err, "customer")
}

// CustomerByEmail returns the customer with this email.
func (s *CustomerService) CustomerByEmail(ctx context.Context, email string) (*attune.Customer, error) {
	email, _ = attune.NormalizeEmail(email)
	c, err := scanCustomer(s.db.reader().queryRow(ctx, "SELECT "+customerCols+" FROM customers WHERE email = ?", email))
	return c, wrapErr(err, "customer")
}

// likePattern makes a case-insensitive substring pattern, escaping LIKE's wildcards.
func likePattern(q string) string {
	q = strings.ToLower(attune.CleanLine(q))
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q) + "%"
}

// Customers searches profiles by name, preferred name or email, most recently in touch first.
func (s *CustomerService) Customers(ctx context.Context, f attune.CustomerFilter) ([]attune.Customer, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	if f.Offset < 0 {
		f.Offset = 0
	}
	q := "SELECT " + customerCols + " FROM customers"
	var args []any
	if strings.TrimSpace(f.Query) != "" {
		p := likePattern(f.Query)
		q += ` WHERE lower(name) LIKE ? ESCAPE '\' OR lower(preferred_name) LIKE ? ESCAPE '\' OR email LIKE ? ESCAPE '\'`
		args = append(args, p, p, p)
	}
	q += " ORDER BY COALESCE(last_contact_at, created_at) DESC, id DESC LIMIT ? OFFSET ?"
	args = append(args, f.Limit, f.Offset)
	rows, err := s.db.reader().query(ctx, q, args...)
	if err != nil {
		return nil, wrapErr(err, "customer")
	}
	defer rows.Close()
	out := []attune.Customer{}
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return nil, wrapErr(err, "customer")
		}
		out = append(out, *c)
	}
	return out, wrapErr(rows.Err(), "customer")
}

// UpdateCustomer changes the fields that are set in the input.
func (s *CustomerService) UpdateCustomer(ctx context.Context, id int64, in attune.CustomerInput, actor attune.Actor) (*attune.Customer, error) {
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	u := newUpdate()
	strField := func(col string, p *string) {
		if p != nil {
			u.set(col, *p, *p)
		}
	}
	strField("name", in.Name)
	strField("preferred_name", in.PreferredName)
	strField("email", in.Email)
	strField("phone", in.Phone)
	strField("language", in.Language)
	strField("timezone", in.Timezone)
	if in.Notes != nil {
		u.set("notes", *in.Notes, "(changed)")
	}
	if in.Tags != nil {
		u.set("tags", jsonText(*in.Tags), *in.Tags)
	}
	if in.Attributes != nil {
		u.set("attributes", jsonText(*in.Attributes), *in.Attributes)
	}
	if in.Remember != nil {
		u.set("remember", jsonText(*in.Remember), *in.Remember)
	}
	if in.Name != nil && *in.Name == "" {
		return nil, attune.Invalid(map[string]string{"name": "Please add a name."})
	}
	err := s.db.tx(ctx, func(c conn) error {
		if !u.empty() {
			q, args := u.sql("customers", s.db.nowMS(), id)
			res, err := c.exec(ctx, q, args...)
			if isUnique(err) {
				return &attune.Error{Code: attune.ECONFLICT, Message: "Another customer already has this email.",
					Fields: map[string]string{"email": "This email already belongs to another customer."}}
			} else if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return sql.ErrNoRows
			}
			return audit(ctx, c, s.db, actor, "customer.update", "customer", id, u.changed)
		}
		var one int
		return c.queryRow(ctx, "SELECT 1 FROM customers WHERE id = ?", id).Scan(&one)
	})
	if err != nil {
		return nil, wrapErr(err, "customer")
	}
	return s.Customer(ctx, id)
}
