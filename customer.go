package attune

import (
	"context"
	"strings"
	"time"
)

// Customer is a CRM profile: who the customer is, what agents should remember about them,
// and lifetime figures that help an agent personalise a reply.
type Customer struct {
	ID            int64             `json:"id"`
	Name          string            `json:"name"`
	PreferredName string            `json:"preferred_name"`
	Email         string            `json:"email"`
	Phone         string            `json:"phone"`
	Language      string            `json:"language"`
	Timezone      string            `json:"timezone"`
	Tags          []string          `json:"tags"`
	Attributes    map[string]string `json:"attributes"`
	Notes         string            `json:"notes"`
	Remember      []string          `json:"remember"`
	Stats         CustomerStats     `json:"stats"`
	CreatedAt     time.Time         `json:"created_at"`
	UpdatedAt     time.Time         `json:"updated_at"`
}

// CustomerStats are the customer's lifetime figures, kept up to date on every write.
type CustomerStats struct {
	Conversations    int        `json:"conversations"`
	LastContactAt    *time.Time `json:"last_contact_at"`
	AverageSentiment *float64   `json:"average_sentiment"`
	LastSatisfaction *int       `json:"last_satisfaction"`
}

// Greeting is the name to address the customer by: the preferred name, else the first name.
func (c *Customer) Greeting() string {
	if c.PreferredName != "" {
		return c.PreferredName
	}
	return firstWord(c.Name)
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// CustomerInput creates a customer, or (with nil fields left alone) updates one.
type CustomerInput struct {
	Name          *string            `json:"name"`
	PreferredName *string            `json:"preferred_name"`
	Email         *string            `json:"email"`
	Phone         *string            `json:"phone"`
	Language      *string            `json:"language"`
	Timezone      *string            `json:"timezone"`
	Tags          *[]string          `json:"tags"`
	Attributes    *map[string]string `json:"attributes"`
	Notes         *string            `json:"notes"`
	Remember      *[]string          `json:"remember"`
}

// Validate cleans the fields in place. A new customer needs a name and an email.
func (in *CustomerInput) Validate(creating bool) error {
	f := Fields{}
	line := func(p **string, field string, max int) {
		if *p == nil {
			return
		}
		v := CleanLine(**p)
		*p = &v
		f.CheckLen(field, v, max)
	}
	line(&in.Name, "name", MaxNameLen)
	line(&in.PreferredName, "preferred_name", MaxNameLen)
	line(&in.Phone, "phone", 50)
	line(&in.Language, "language", 35)
	line(&in.Timezone, "timezone", 64)
	if in.Timezone != nil && *in.Timezone != "" {
		if _, err := time.LoadLocation(*in.Timezone); err != nil {
			f.Add("timezone", "Please use a time zone name such as Europe/Lisbon or America/Chicago.")
		}
	}
	if creating || in.Email != nil {
		var raw string
		if in.Email != nil {
			raw = *in.Email
		}
		email := f.CheckEmail("email", raw, true)
		in.Email = &email
	}
	if creating && (in.Name == nil || *in.Name == "") {
		// Fall back to the address's local part, so a name is never blank.
		name, _, _ := strings.Cut(*in.Email, "@")
		in.Name = &name
	}
	if in.Tags != nil {
		t := f.CleanTags("tags", *in.Tags)
		in.Tags = &t
	}
	if in.Notes != nil {
		v := CleanText(*in.Notes)
		in.Notes = &v
		f.CheckLen("notes", v, MaxNotesLen)
	}
	if in.Remember != nil {
		facts := make([]string, 0, len(*in.Remember))
		for _, s := range *in.Remember {
			if s = CleanLine(s); s != "" {
				f.CheckLen("remember", s, MaxFactLen)
				facts = append(facts, s)
			}
		}
		if len(facts) > MaxFacts {
			f.Add("remember", "There are too many things to remember: please keep at most 20.")
		}
		in.Remember = &facts
	}
	if in.Attributes != nil {
		attrs := make(map[string]string, len(*in.Attributes))
		for k, v := range *in.Attributes {
			k, v = CleanLine(k), CleanLine(v)
			if k == "" {
				continue
			}
			f.CheckLen("attributes", k, 100)
			f.CheckLen("attributes", v, 1000)
			attrs[k] = v
		}
		if len(attrs) > MaxAttributes {
			f.Add("attributes", "There are too many attributes: please keep at most 50.")
		}
		in.Attributes = &attrs
	}
	return f.Err()
}

// CustomerFilter narrows a customer search.
type CustomerFilter struct {
	Query  string // matches name, preferred name or email
	Limit  int
	Offset int
}

// CustomerService manages customer profiles.
type CustomerService interface {
	CreateCustomer(ctx context.Context, in CustomerInput) (*Customer, error)
	Customer(ctx context.Context, id int64) (*Customer, error)
	CustomerByEmail(ctx context.Context, email string) (*Customer, error)
	Customers(ctx context.Context, f CustomerFilter) ([]Customer, error)
	UpdateCustomer(ctx context.Context, id int64, in CustomerInput, actor Actor) (*Customer, error)
}
