package demo

import (
	"math/rand/v2"
	"strings"
)

// quality is how well an agent's reply meets the customer: the coach and the reports
// need replies across the range to have anything to show.
type quality int

const (
	// excellent replies name the feeling, own the fix, give a timeline and promise a follow-up.
	excellent quality = iota
	// average replies fix the problem politely, with a stock apology and little warmth.
	average
	// poor replies are macros, policy, "calm down" or "as I already said".
	poor
)

func (q quality) String() string { return [...]string{"excellent", "average", "poor"}[q] }

// ending is what the reply has to leave the conversation waiting on.
type ending int

const (
	endNone   ending = iota
	endAsk           // the agent needs something from the customer: the conversation goes pending
	endSnooze        // the agent will come back to it: the conversation is snoozed
)

var (
	replyGreeting = alt("Hi {first},", "Hello {first},", "Dear {first},", "Hi {first},")
	replyProgress = alt("I've made good progress on this.", "I'm nearly there with this one.", "I've picked this up again today.", "I've been through everything on the account.")
	replyValidate = alt("", "", "You were right to raise it straight away.", "Anyone in your position would want this settled quickly.",
		"That isn't what we want you to go through.", "Your reaction makes complete sense.")
	replyFollowUp = alt("I'll check in with you on {followday} to make sure everything is as it should be.",
		"I've set myself a reminder to look at this again on {followday}, and I'll write to you either way.",
		"If anything looks wrong, just reply here and it comes straight back to me.",
		"I'm keeping this with me until it's fully sorted, so you won't need to explain it again.")
	replyThanksBack = alt("Thanks for coming back to me.", "Thank you for your patience while I looked into it.", "Thanks for bearing with me on this.",
		"Thank you for the update.")
	replySign = alt("{agent}", "Best,\n{agent}", "Warmly,\n{agent}", "{agent}, {company} Support", "Speak soon,\n{agent}", "All the best,\n{agent}")

	averageSorry  = alt("Sorry for the trouble with this.", "Apologies for the inconvenience.", "Sorry to hear about this.", "Thanks for letting us know.")
	averageThanks = alt("Thanks for your message.", "Thanks for getting in touch.", "Happy to help.", "")
	averageCloser = alt("Shout if anything else comes up.", "Hope that helps!", "Any other questions, just reply here.", "Have a good day.", "")

	poorMacro = alt("Thank you for contacting {company} Support. Your request has been logged and will be handled in order of receipt.",
		"We have received your enquiry. We aim to respond to all queries within 5 working days.",
		"Thank you for your patience. Our team is experiencing high volumes.")
	poorPolicy  = alt("That's our policy, I'm afraid.", "Unfortunately this is company policy and there is nothing more I can do.", "I don't make the rules.")
	poorCalm    = alt("Please calm down.", "There's no need to shout.", "Please calm down so I can help you.", "Shouting won't get this fixed any faster.")
	poorBlame   = alt("This is explained in the terms you agreed to.", "Please read the FAQ before contacting us.", "Most customers manage this without any help.")
	poorAlready = alt("As I already said,", "Like I said in my last message,", "As previously stated,", "Again,")
	poorNothing = alt("", "There's nothing more to add.", "Please don't open further tickets about this.", "This ticket will now be closed.")
	poorSign    = alt("Regards,\nSupport Team", "{company} Support", "{agent}", "")

	askLead = alt("One last thing:", "Before I finish this off,", "To wrap this up,", "Quick question so I can finish this:")
	snooze  = alt("I'm holding this open and will come back to you on {snoozeday}.", "I'll look at this again on {snoozeday}, once I've heard back from the team.",
		"I've parked this until {snoozeday}, when the update is due, and I'll write to you then.")
)

// reply writes an agent's reply to scenario sc: round 0 answers the opening, later rounds
// answer a follow-up.
func reply(r *rand.Rand, sc *scenario, q quality, round int, end ending, s slots) string {
	var parts []string
	add := func(p phrase) {
		if w := p.pick(r); w != "" {
			parts = append(parts, w)
		}
	}
	addAsk := func() {
		if a := sc.ask.pick(r); a != "" {
			parts = append(parts, askLead.pick(r)+" "+a)
		}
	}
	switch q {
	case excellent:
		add(replyGreeting)
		if round == 0 {
			add(sc.ack)
			if hard[sc.mood] {
				add(replyValidate)
			}
			add(sc.fix)
			add(sc.when)
		} else {
			add(replyThanksBack)
			add(laterNews(sc, end))
		}
		switch end {
		case endAsk:
			addAsk()
		case endSnooze:
			add(snooze)
		default:
			if round == 0 && chance(r, 0.25) {
				addAsk()
			}
			if round == 0 || chance(r, 0.5) {
				add(or(sc.after, replyFollowUp))
			}
		}
		add(replySign)
	case average:
		add(replyGreeting)
		if round == 0 {
			if hard[sc.mood] {
				add(averageSorry)
			} else {
				add(averageThanks)
			}
			add(sc.fix)
		} else {
			add(laterNews(sc, end))
		}
		switch end {
		case endAsk:
			addAsk()
		case endSnooze:
			add(snooze)
		default:
			add(averageCloser)
		}
		add(replySign)
	default:
		curt := sc.curt.pick(r)
		switch {
		case round > 0 && chance(r, 0.6):
			parts = append(parts, poorAlready.pick(r)+" "+lowerFirst(curt))
			add(poorNothing)
		case sc.heated && chance(r, 0.5):
			add(poorCalm)
			parts = append(parts, curt)
		case chance(r, 0.35):
			add(poorMacro)
			parts = append(parts, curt)
		case chance(r, 0.5):
			parts = append(parts, curt)
			add(poorPolicy)
		default:
			parts = append(parts, curt)
			add(poorBlame)
		}
		switch end {
		case endAsk:
			if a := sc.ask.pick(r); a != "" {
				parts = append(parts, upperFirst(a))
			}
		case endSnooze:
			parts = append(parts, "We'll get back to you.")
		}
		add(poorSign)
	}
	return s.fill(joinReply(parts))
}

// laterNews is what a later reply reports: that it's sorted, or, when the conversation is
// still waiting on something, how it's going.
func laterNews(sc *scenario, end ending) phrase {
	switch {
	case end != endNone:
		return replyProgress
	case sc.done != nil:
		return sc.done
	}
	return sc.fix
}

// joinReply lays a reply out as a short letter: the greeting on its own line, the body as
// one paragraph, the sign-off below.
func joinReply(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	var b strings.Builder
	body := parts
	if strings.HasSuffix(parts[0], ",") {
		b.WriteString(parts[0])
		b.WriteString("\n\n")
		body = parts[1:]
	}
	last := len(body) - 1
	sign := ""
	if last >= 0 && (strings.Contains(body[last], "\n") || strings.HasPrefix(body[last], "{agent}") || body[last] == "{company} Support") {
		sign, body = body[last], body[:last]
	}
	b.WriteString(strings.Join(body, " "))
	if sign != "" {
		b.WriteString("\n\n")
		b.WriteString(sign)
	}
	return b.String()
}

// customerText writes a customer's message as it would arrive on the channel: an email
// has a greeting and a sign-off, a phone call is a transcript.
func customerText(r *rand.Rand, m message, channel string, first bool, s slots) string {
	body := m.render(r, s)
	switch {
	case channel == "email" && first:
		g := s.fill(emailGreeting.pick(r))
		out := body + "\n\n" + s.fill(emailSignoff.pick(r))
		if g != "" {
			out = g + "\n\n" + out
		}
		return out
	case channel == "email" && chance(r, 0.5):
		return body + "\n\n" + s.fill(alt("{me}", "Thanks,\n{me}", "{fullname}").pick(r))
	case channel == "phone" && first:
		return s.fill(phoneLead.pick(r)) + " " + body
	}
	return body
}
