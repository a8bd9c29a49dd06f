// Package kbtest makes knowledge-base test data: plausible help-centre articles about
// billing, shipping, accounts, devices and the like, generated from templates written
// for Attune, and the loader for the seed strategies used in the relevance test.
package kbtest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Generated is one made-up help-centre article.
type Generated struct {
	Title, Body, Category string
	Tags                  []string
}

// area is a part of a help centre with its own things, tasks and sentences.
type area struct {
	category string
	things   []string
	tasks    []string // verb phrases: "update the billing address on"
	titles   []string // with %[1]s the task and %[2]s the thing
	lines    []string // sentences with {thing}, {product}, {days}, {plan}, {place}
	tags     []string
}

var products = []string{"Lumen X2 speaker", "Aria thermostat", "Pico camera", "Nimbus router", "Halo doorbell", "Orbit tablet",
	"Vela smartwatch", "Tern e-reader", "Quill stylus", "Fable headphones", "Cobalt power bank", "Drift fitness band",
	"Atlas backpack", "Juniper kettle", "Ember desk lamp", "Solace sleep mask", "Mosaic photo frame", "Tally label printer"}

var plans = []string{"Basic", "Plus", "Family", "Business", "Student", "Annual", "Pro"}
var places = []string{"the UK", "Ireland", "Germany", "France", "Canada", "the United States", "Australia", "Spain", "the Netherlands", "Sweden"}
var platforms = []string{"iPhone", "Android", "the web", "Windows", "macOS", "a tablet", "a smart TV"}

var areas = []area{
	{
		category: "Billing and payments",
		things:   []string{"invoice", "billing address", "payment method", "card details", "VAT receipt", "direct debit", "billing date", "currency", "payment history", "tax ID"},
		tasks:    []string{"change", "update", "download", "find", "correct", "remove", "add"},
		titles:   []string{"How to %[1]s your %[2]s", "Can I %[1]s my %[2]s?", "%[2]s: how to %[1]s it", "Why can't I %[1]s my %[2]s?"},
		lines: []string{
			"Open Settings, choose Billing and select {thing} to see the options for your account.",
			"Changes to your {thing} apply from the next billing date and do not affect invoices already issued.",
			"If a payment fails we retry it after {days} days and email the account owner each time.",
			"Invoices are issued in the currency of your billing country, which for {place} is set automatically.",
			"Only the account owner or a billing admin can change the {thing}.",
			"We accept Visa, Mastercard, American Express and PayPal; prepaid cards may be declined by your bank.",
			"A pending charge usually drops off your statement within {days} working days once your bank releases it.",
			"You can download every past invoice as a PDF from the payment history page.",
			"Business customers can add a VAT or tax number so it appears on each invoice.",
			"If you see a charge you don't recognise, check the payment history first, then contact our billing team with the date and amount.",
		},
		tags: []string{"billing", "payments", "invoices"},
	},
	{
		category: "Orders and delivery",
		things:   []string{"order", "parcel", "delivery address", "tracking number", "delivery slot", "courier", "customs charge", "gift order", "click and collect order", "pre-order"},
		tasks:    []string{"track", "change", "cancel", "reschedule", "find", "split", "combine"},
		titles:   []string{"How to %[1]s your %[2]s", "Can I %[1]s a %[2]s?", "Where is my %[2]s?", "%[2]s delays in {place}"},
		lines: []string{
			"Orders placed before 2 pm are dispatched the same working day; later orders leave the next morning.",
			"Standard delivery to {place} takes {days} working days, and express delivery takes one to two.",
			"Your tracking number arrives by email as soon as the {thing} leaves our warehouse.",
			"The courier needs a signature for parcels worth more than 200, so choose a safe place or a neighbour if you will be out.",
			"You can change the delivery address until the order is packed; after that, ask the courier to redirect the parcel.",
			"Orders to {place} may carry customs charges, which the courier collects before delivery.",
			"If tracking has not changed for {days} days, the parcel may be held at a depot; we open an investigation with the courier.",
			"Click and collect orders wait at the store for seven days before they are returned.",
			"Large items such as furniture are delivered by a two-person team who will call the day before.",
			"A missing item from a split order usually arrives in a second parcel with its own tracking number.",
		},
		tags: []string{"delivery", "shipping", "orders"},
	},
	{
		category: "Returns and refunds",
		things:   []string{"return", "refund", "exchange", "return label", "faulty item", "unwanted gift", "partial refund", "store credit", "damaged parcel", "missing item"},
		tasks:    []string{"start", "track", "print", "arrange", "claim", "request"},
		titles:   []string{"How to %[1]s a %[2]s", "%[2]s: what to expect", "How long does a %[2]s take?", "Can I %[1]s a %[2]s after 30 days?"},
		lines: []string{
			"You can return most items within 30 days of delivery if they are unused and in their original packaging.",
			"Print the return label from your orders page, attach it to the parcel and drop it at any post office in {place}.",
			"Refunds go back to the original payment method within {days} working days of the item reaching our warehouse.",
			"If the item arrived damaged, take a photo of the {thing} and the packaging before you send it back.",
			"Exchanges for a different size or colour are sent out as soon as we scan the returned item.",
			"Gift recipients can return an item for store credit without the buyer being told.",
			"Items marked final sale, opened software and personalised products can't be returned unless they are faulty.",
			"A partial refund may be offered when an item is returned without all its accessories.",
			"Return postage is free for faulty items; for unwanted items a small fee is taken from the refund.",
			"You will receive an email when the refund is issued; your bank may take a few more days to show it.",
		},
		tags: []string{"returns", "refunds"},
	},
	{
		category: "Account and sign-in",
		things:   []string{"password", "email address", "two-factor authentication", "account", "username", "security question", "login alert", "linked account", "profile photo", "recovery code"},
		tasks:    []string{"reset", "change", "turn on", "turn off", "recover", "delete", "verify"},
		titles:   []string{"How to %[1]s your %[2]s", "I can't %[1]s my %[2]s", "%[2]s settings explained", "Why was my %[2]s changed?"},
		lines: []string{
			"Use the Forgot password link on the sign-in page; the reset link in the email expires after one hour.",
			"Two-factor authentication adds a code from your phone each time you sign in on a new device.",
			"Keep your recovery codes somewhere safe: each one works once if you lose access to your phone.",
			"If you no longer have access to the email address on the account, our account team can verify you with a recent order number.",
			"After five wrong passwords the account is locked for 15 minutes to keep it safe.",
			"Deleting your account removes your order history and saved addresses after a 14-day grace period.",
			"We send a login alert whenever someone signs in from a new browser or a new country.",
			"You can sign in with Google or Apple and link those to an existing account from the security page.",
			"Changing your email address sends a confirmation link to both the old and the new address.",
			"Usernames can be changed once every 30 days and must be between 3 and 30 characters.",
		},
		tags: []string{"account", "security", "sign-in"},
	},
	{
		category: "Devices and setup",
		things:   products,
		tasks:    []string{"set up", "reset", "update", "pair", "charge", "clean", "mount", "connect"},
		titles:   []string{"How to %[1]s your %[2]s", "%[2]s won't %[1]s", "Troubleshooting the %[2]s", "%[2]s: first steps"},
		lines: []string{
			"Charge the {product} fully before first use; the light turns green when it is ready.",
			"Hold the power button for ten seconds to restart the {product} if it stops responding.",
			"A factory reset erases all settings: press and hold the reset pin for 15 seconds until the light flashes amber.",
			"Firmware updates install overnight when the {product} is charging and connected to Wi-Fi.",
			"To pair over Bluetooth, open the companion app on {platform} and follow the prompts.",
			"If the {product} can't find your network, move it closer to the router and check that the network uses 2.4 GHz.",
			"Clean the {product} with a soft dry cloth; never use sprays or submerge it in water.",
			"The battery lasts about {days} days on a single charge with the default settings.",
			"The {product} is covered by a two-year warranty against manufacturing faults from the date of delivery.",
			"Serial numbers are printed under the base and in the app under Device information.",
		},
		tags: []string{"devices", "setup", "troubleshooting"},
	},
	{
		category: "App and website",
		things:   []string{"app", "notifications", "dark mode", "saved items", "wish list", "language setting", "offline mode", "home screen widget", "search filters", "browser extension"},
		tasks:    []string{"use", "turn on", "turn off", "update", "reinstall", "customise"},
		titles:   []string{"How to %[1]s %[2]s on {platform}", "%[2]s not working on {platform}", "Getting started with %[2]s", "Can I %[1]s %[2]s?"},
		lines: []string{
			"The app works on {platform} and needs the latest version of the operating system for some features.",
			"If the app crashes on launch, update it from the app store, then restart your device.",
			"Notifications can be chosen one by one in Settings: order updates, offers and account alerts.",
			"Dark mode follows your device's setting unless you choose light or dark in the app.",
			"Your wish list syncs across every device where you are signed in.",
			"Clearing the app's cache fixes most display problems without signing you out.",
			"The website supports the two most recent versions of Chrome, Firefox, Safari and Edge.",
			"Offline mode keeps your saved items and recent orders available without a connection.",
			"Change the language and region from the footer of any page or in the app's settings.",
			"Screen readers are supported throughout; let us know about anything that is hard to reach.",
		},
		tags: []string{"app", "website"},
	},
	{
		category: "Subscriptions and plans",
		things:   []string{"subscription", "plan", "free trial", "renewal", "family sharing", "student discount", "annual billing", "add-on", "pause", "loyalty points"},
		tasks:    []string{"cancel", "upgrade", "downgrade", "pause", "renew", "share", "switch"},
		titles:   []string{"How to %[1]s your %[2]s", "What happens when I %[1]s my %[2]s?", "The {plan} plan and your %[2]s", "Can I %[1]s a %[2]s mid-term?"},
		lines: []string{
			"The {plan} plan renews automatically each month unless you cancel before the renewal date.",
			"Upgrades take effect straight away and you pay the difference for the rest of the billing period.",
			"Downgrades apply from the next renewal, so you keep your current features until then.",
			"You can pause a subscription for up to three months once a year.",
			"Free trials last {days} days; we remind you by email two days before the first payment.",
			"Family sharing lets up to five people use one {plan} subscription with their own profiles.",
			"Student discounts need a valid student email address and are checked again every year.",
			"Annual billing costs less than twelve monthly payments and can be refunded within 14 days.",
			"Loyalty points are added after each order is delivered and expire after 12 months.",
			"If you cancel, your account stays open and you can subscribe again at any time.",
		},
		tags: []string{"subscriptions", "plans"},
	},
	{
		category: "Privacy and data",
		things:   []string{"personal data", "marketing emails", "cookies", "data export", "location sharing", "privacy settings", "ad preferences", "data deletion request", "third-party apps", "call recordings"},
		tasks:    []string{"download", "manage", "delete", "stop", "review", "limit"},
		titles:   []string{"How to %[1]s your %[2]s", "What we do with %[2]s", "%[2]s and your rights", "Can I %[1]s %[2]s?"},
		lines: []string{
			"You can download a copy of your personal data from the privacy page; the export is ready within {days} days.",
			"Marketing emails have an unsubscribe link at the bottom; account and order emails can't be turned off.",
			"We use cookies to keep you signed in and, if you agree, to measure how the site is used.",
			"Third-party apps you have connected are listed under Privacy, where you can revoke their access.",
			"Support calls may be recorded for training and quality; recordings are deleted after 90 days.",
			"Location sharing is only used to show nearby stores and can be turned off at any time.",
			"A deletion request removes your data from our systems within 30 days, except what the law requires us to keep.",
			"Customers in {place} can contact our data protection officer about how their information is handled.",
			"We never sell personal data, and partners only receive what they need to deliver your order.",
			"Ad preferences control whether offers are personalised from your browsing history.",
		},
		tags: []string{"privacy", "data"},
	},
	{
		category: "Stores and services",
		things:   []string{"store appointment", "repair booking", "installation service", "gift card", "price match", "trade-in", "extended warranty", "store opening hours", "personal shopping", "corporate order"},
		tasks:    []string{"book", "cancel", "use", "check", "request", "transfer"},
		titles:   []string{"How to %[1]s a %[2]s", "%[2]s: what's included", "Is a %[2]s available in {place}?", "%[2]s terms"},
		lines: []string{
			"Store appointments can be booked up to two weeks ahead and last 30 minutes.",
			"Repairs outside warranty are quoted before any work starts, and most take {days} working days.",
			"Gift cards never expire and can be used online or in any store in {place}.",
			"We match the price of identical items sold by major retailers in {place} on the day you buy.",
			"Trade in an old device in store and the value is taken off your new purchase straight away.",
			"Installation is booked for a two-hour slot and the engineer removes the packaging afterwards.",
			"Extended warranty covers accidental damage for three years and can be added within 30 days of purchase.",
			"Opening hours for each store are listed on its page, including holiday hours.",
			"Corporate orders of more than 50 items get a dedicated account manager and invoice terms.",
			"Personal shopping sessions are free and can be held in store or by video call.",
		},
		tags: []string{"stores", "services"},
	},
	{
		category: "Contacting support",
		things:   []string{"support ticket", "live chat", "phone support", "complaint", "callback", "email reply", "case number", "escalation", "accessibility support", "satisfaction survey"},
		tasks:    []string{"open", "follow", "escalate", "reopen", "close", "check"},
		titles:   []string{"How to %[1]s a %[2]s", "%[2]s: response times", "When will I hear back about my %[2]s?", "Using %[2]s"},
		lines: []string{
			"Live chat is open from 8 am to 8 pm every day, and phone support on weekdays from 9 to 5.",
			"Every support ticket gets a case number; quote it when you write again so we can find your conversation.",
			"We reply to emails within one working day, and sooner for orders that are on their way.",
			"If your complaint isn't resolved, ask for it to be escalated to a team leader, who replies within {days} days.",
			"You can reopen a closed ticket by replying to our last email within 30 days.",
			"Request a callback and an agent will ring you at the time you choose.",
			"After a chat we may send a short satisfaction survey; it takes a minute and is optional.",
			"Our team can read messages in English, French, German and Spanish.",
			"Customers who use a relay service or need large print can ask for accessibility support at any time.",
			"If the problem continues after our fix, reply to the same ticket and we will follow it up.",
		},
		tags: []string{"support", "contact"},
	},
}

// Generate makes n articles, the same ones for the same seed. Titles are unique.
func Generate(n int, seed uint64) []Generated {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]Generated, 0, n)
	seen := map[string]int{}
	for len(out) < n {
		a := areas[r.IntN(len(areas))]
		thing := a.things[r.IntN(len(a.things))]
		task := a.tasks[r.IntN(len(a.tasks))]
		title := fill(fmt.Sprintf(a.titles[r.IntN(len(a.titles))], task, thing), r, thing)
		title = strings.ToUpper(title[:1]) + title[1:]
		// a repeated title gets a qualifier, as a real help centre's near-duplicates do
		if seen[title]++; seen[title] > 1 {
			k := seen[title] - 2
			title = fmt.Sprintf("%s (%s)", title, qualifiers[k%len(qualifiers)])
			if k >= len(qualifiers) {
				title = fmt.Sprintf("%s %d", title, k/len(qualifiers)+1)
			}
		}
		var body strings.Builder
		fmt.Fprintf(&body, "This article explains how to %s your %s.\n\n", task, thing)
		for p, paras := 0, 2+r.IntN(3); p < paras; p++ {
			if p > 0 && r.IntN(3) == 0 {
				fmt.Fprintf(&body, "## %s\n\n", []string{"Before you start", "Step by step", "If it still doesn't work", "Good to know", "Fees and timing", "Who can do this"}[r.IntN(6)])
			}
			for s, sentences := 0, 2+r.IntN(3); s < sentences; s++ {
				body.WriteString(fill(a.lines[r.IntN(len(a.lines))], r, thing))
				body.WriteString(" ")
			}
			body.WriteString("\n\n")
		}
		if r.IntN(4) == 0 {
			body.WriteString("- Have your order number ready.\n- Use the email address on your account.\n- Allow a few minutes for changes to show.\n\n")
		}
		body.WriteString(closers[r.IntN(len(closers))])
		tags := []string{a.tags[r.IntN(len(a.tags))]}
		if r.IntN(2) == 0 {
			tags = append(tags, strings.Fields(thing)[0])
		}
		out = append(out, Generated{Title: title, Body: strings.TrimSpace(body.String()), Category: a.category, Tags: tags})
	}
	return out
}

var qualifiers = []string{"update", "more help", "in detail", "for teams", "quick answer", "new customers", "FAQ"}

var closers = []string{
	"Still stuck? Contact our support team from the help centre and we'll get back to you.",
	"If this didn't answer your question, start a chat and an agent will help.",
	"Need more help? Reply to your order confirmation email and our team will follow up.",
	"Tell us whether this article helped using the buttons below.",
	"Our customer care team is happy to walk you through it by phone.",
}

func fill(s string, r *rand.Rand, thing string) string {
	return strings.NewReplacer(
		"{thing}", thing,
		"{product}", products[r.IntN(len(products))],
		"{days}", fmt.Sprint(2+r.IntN(9)),
		"{plan}", plans[r.IntN(len(plans))],
		"{place}", places[r.IntN(len(places))],
		"{platform}", platforms[r.IntN(len(platforms))],
	).Replace(s)
}
