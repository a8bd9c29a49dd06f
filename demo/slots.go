package demo

import (
	"fmt"
	"time"
)

// planPriced are the scenarios whose {amount} is the customer's monthly plan price rather
// than the price of a device.
var planPriced = map[string]bool{"double-charge": true, "bereavement": true, "price-rise": true}

// slots draws the words one conversation fills its templates with. Dates are relative to
// when the conversation starts, so "rent is due on the 14th" means a date just after it.
func (p *planner) slots(sc *scenario, c *customerSpec, agent int, start time.Time) slots {
	r := p.r
	money := func(units int) string {
		return fmt.Sprintf("%s%d.%02d", c.money, units, []int{0, 0, 49, 99, 50}[r.IntN(5)])
	}
	price := fmt.Sprintf("%s%d.00", c.money, c.price)
	amount := money(29 + r.IntN(320))
	switch {
	case planPriced[sc.key]:
		amount = price
	case sc.key == "job-loss-pause":
		amount = fmt.Sprintf("%s%d.00", c.money, c.price/2)
	}
	// Someone on the team a customer might thank, other than the one replying.
	helper := agentSpecs[1+(agent+r.IntN(len(agentSpecs)-2))%(len(agentSpecs)-1)].name
	parentIdx := r.IntN(4)
	age := "a few years"
	if c.input.Attributes != nil && (*c.input.Attributes)["account_age"] != "" {
		age = (*c.input.Attributes)["account_age"]
	}
	past := start.AddDate(0, 0, -(5 + r.IntN(21)))
	day := func(lo, n int) time.Time { return start.AddDate(0, 0, lo+r.IntN(n)) }
	return slots{
		"first":      c.first,
		"me":         c.first,
		"fullname":   *c.input.Name,
		"company":    company,
		"order":      fmt.Sprintf("WF-%06d", 100000+r.IntN(900000)),
		"ref":        fmt.Sprintf("R-%05d", 10000+r.IntN(90000)),
		"last4":      digits(r, "####"),
		"amount":     amount,
		"price":      price,
		"plan":       c.plan,
		"age":        age,
		"product":    pickOne(r, products),
		"device":     pickOne(r, setupDevices),
		"courier":    pickOne(r, couriers),
		"place":      pickOne(r, travelPlaces),
		"city":       c.city,
		"city2":      pickOne(r, pickOne(r, cultures).cities),
		"kid":        c.kid,
		"relative":   pickOne(r, []string{"niece", "son", "daughter", "nephew", "granddaughter", "best friend", "little brother"}),
		"parent":     []string{"mum", "dad", "mother", "father"}[parentIdx],
		"pron":       []string{"She", "He", "She", "He"}[parentIdx],
		"poss":       []string{"her", "his", "her", "his"}[parentIdx],
		"daughter":   c.daughter,
		"day":        day(2, 4).Weekday().String(),
		"date":       dayOfMonth(day(3, 8)),
		"followday":  day(1, 3).Weekday().String(),
		"snoozeday":  day(2, 3).Weekday().String(),
		"pastday":    start.AddDate(0, 0, -(2 + r.IntN(5))).Weekday().String(),
		"pastdate":   dayOfMonth(past),
		"pastmonth":  past.Month().String(),
		"month":      start.Month().String(),
		"month2":     start.AddDate(0, 2+r.IntN(2), 0).Month().String(),
		"days":       fmt.Sprint(8 + r.IntN(12)),
		"mins":       fmt.Sprint(3 + r.IntN(14)),
		"agentfull":  helper,
		"agentfirst": firstName(helper),
		"agent":      "",
		"nth":        "second",
	}
}
