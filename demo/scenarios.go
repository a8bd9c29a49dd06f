package demo

import "github.com/attune-desk/attune"

// scenario is one kind of support conversation, written as templates with slots and
// several wordings of every part. A thread is built from it: the customer's opening, the
// agent's reply at some level of empathy, the customer's answer to that reply, and so on.
type scenario struct {
	key      string // also tagged on the conversation
	mood     string // the feeling the customer's messages are written to carry
	weight   int    // how often it comes up
	team     int
	tags     []string
	channels []attune.Channel // where it tends to arrive, most likely first

	subject phrase
	open    message // the customer's first message
	nudge   message // the customer writing again before anyone answered; generic if nil
	follow  message // the customer's answer to a decent reply
	upset   message // the customer's answer to a poor reply
	thanks  message // the customer's last word once it is sorted; generic if nil

	ack  phrase // the agent naming what the customer is going through
	fix  phrase // what the agent does about it
	when phrase // when it will be sorted
	ask  phrase // what the agent still needs from the customer
	curt phrase // the bare answer a poor reply gives
	done phrase // the agent's later reply: it is sorted
	note phrase // an internal note between agents
	// after replaces the generic promise to follow up that ends an excellent reply, for
	// conversations where "I'll check it has landed" would be odd.
	after phrase

	remember phrase // a fact an agent pins on the customer's profile
	rounds   int    // the most further exchanges after the first reply
	heated   bool   // a poor reply to this may tell the customer to calm down
	regular  bool   // only the lonely regulars write this one
	prequels string // the scenario of the two earlier contacts this one follows
}

// scenarios lists every scenario; the files beside this one fill it.
func scenarios() []*scenario {
	var all []*scenario
	all = append(all, billingScenarios()...)
	all = append(all, homeScenarios()...)
	all = append(all, lifeScenarios()...)
	return all
}

var (
	portal = attune.ChannelPortal
	widget = attune.ChannelWidget
	email  = attune.ChannelEmail
	api    = attune.ChannelAPI
	phone  = attune.ChannelPhone
)

// The customer's words when a scenario doesn't have its own.
var (
	genericNudge = msg(
		alt("Hello? Is anyone there?", "Just following up on this.", "Any update at all?", "Sorry to chase, but I haven't heard anything yet.",
			"Bumping this, as it's still a problem."),
		alt("", "It's been a few hours now.", "I'd really appreciate a reply today.", "Even a quick acknowledgement would help.",
			"Starting to wonder whether my message went through."),
	)
	genericThanks = msg(
		alt("That's sorted it, thank you.", "Brilliant, all working now. Thanks so much!", "Thank you, that's a weight off my mind.",
			"Got it, many thanks.", "Perfect, thanks {agent}.", "Thanks for sticking with this one."),
		alt("", "", "Have a lovely evening.", "You've been very patient with me.", "Much appreciated."),
	)
	genericUpsetAgain = msg(
		alt("This is the {nth} time I've written about this.", "I'm going round in circles here.", "Nothing has changed since my last message.",
			"Still no fix, and still no real answer."),
		alt("I'd like someone senior to look at it, please.", "If it isn't sorted this week I'll cancel.", "Please just read what I actually wrote.",
			"I'm honestly exhausted by this."),
	)
	genericFollowAgain = msg(
		alt("Thanks. One more question while I have you:", "Appreciate it. Quick follow-up:", "Okay, that helps. Just to check:"),
		alt("will I get an email to confirm?", "do I need to do anything on my side?", "is there a reference I should keep?",
			"will this affect next month's bill?"),
	)
)

// hard are the moods in which an agent should validate the feeling, and in which even an
// average reply opens with an apology.
var hard = map[string]bool{"distressed": true, "anxious": true, "frustrated": true, "sarcastic": true, "disappointed": true,
	"annoyed": true, "angry": true, "panicked": true, "worried": true, "stressed": true}

// phoneLead opens a phone-call transcript.
var phoneLead = alt("Call transcript ({mins} min). Caller:", "Transcribed phone call, {mins} minutes. Customer said:",
	"Phone call, {mins} min, transcribed. Caller:")

var (
	emailGreeting = alt("Hello,", "Hi there,", "Dear {company} team,", "Hi,", "Good morning,", "To whoever reads this,", "")
	emailSignoff  = alt("Thanks,\n{me}", "Best wishes,\n{fullname}", "{me}", "Kind regards,\n{fullname}", "Cheers,\n{me}", "Thank you,\n{me}")
)

// products are the demo company's devices and plans.
var products = []string{"Wren Hub", "Heron thermostat", "pair of Finch speakers", "Kestrel doorbell", "Sparrow smart plug set",
	"Plover e-reader", "Swift tablet", "Ember lamp set"}

// setupDevices are the devices people set up themselves.
var setupDevices = []string{"Wren Hub", "Heron thermostat", "Finch speaker", "Kestrel doorbell", "Sparrow smart plug", "Ember lamp"}

var couriers = []string{"Swiftline", "ParcelPath", "Northbound Couriers", "Lanternpost"}

var travelPlaces = []string{"Lisbon", "Bangkok", "Mexico City", "Marrakesh", "Reykjavík", "Hanoi", "Nairobi", "Lima", "Kraków", "Osaka"}
