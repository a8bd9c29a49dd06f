package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/attune-desk/attune"
)

// The demo company: a fictional maker of home devices and plans, whose support team uses
// Attune. Its products are named after birds.
const company = "Wrenfield"

// The two teams conversations are routed to.
const (
	noTeam = iota - 1
	teamBilling
	teamDeliveries
)

var teamNames = []string{"Billing", "Deliveries & Setup"}

// agentSpec is one member of the demo support team. Style weighs how often their replies
// are excellent, average or poor, so the coach and the reports have something to show.
type agentSpec struct {
	name  string
	email string
	role  attune.Role
	teams []int
	style [3]int
}

// AdminEmail is the demo login.
const AdminEmail = "admin@attune.demo"

var agentSpecs = []agentSpec{
	{"Morgan Ellis", AdminEmail, attune.RoleAdmin, nil, [3]int{6, 3, 1}},
	{"Adaeze Okafor", "adaeze@attune.demo", attune.RoleSupervisor, []int{teamBilling, teamDeliveries}, [3]int{8, 2, 0}},
	{"Tomás Herrera", "tomas@attune.demo", attune.RoleAgent, []int{teamBilling}, [3]int{5, 4, 1}},
	{"Sam Whitaker", "sam@attune.demo", attune.RoleAgent, []int{teamBilling}, [3]int{1, 4, 5}},
	{"Leilani Kahale", "leilani@attune.demo", attune.RoleAgent, []int{teamDeliveries}, [3]int{6, 3, 1}},
	{"Jonas Berg", "jonas@attune.demo", attune.RoleAgent, []int{teamDeliveries}, [3]int{2, 6, 2}},
	{"Farah Haddad", "farah@attune.demo", attune.RoleAgent, []int{teamBilling, teamDeliveries}, [3]int{4, 4, 2}},
}

// culture is where a group of customers' names, phone numbers, time zones and cities come
// from, so the customer list reads like a real, international one.
type culture struct {
	given       []string
	family      []string
	familyFirst bool   // the name is written family name first
	lang        string // the language they would choose, besides English
	zones       []string
	phone       string // '#' is a random digit
	money       string // the currency they are billed in: £, € or $
	cities      []string
}

var cultures = []culture{
	{given: []string{"Margaret", "Oliver", "Eleanor", "Callum", "Harriet", "George", "Imogen", "Rhys"},
		family: []string{"Pemberton", "Ashworth", "Griffiths", "Holloway", "Marsh", "Fairbairn", "Thwaite"},
		lang:   "en-GB", zones: []string{"Europe/London"}, phone: "+44 7700 900###", money: "£",
		cities: []string{"Leeds", "Bristol", "Norwich", "Cardiff", "York"}},
	{given: []string{"Dolores", "Marcus", "Brianna", "Tyrone", "Shirley", "Caleb", "Jolene", "Dwayne"},
		family: []string{"Whitfield", "Okonkwo-Price", "Delgado", "Hartley", "Bishop", "Castellano", "McAllister"},
		lang:   "en-US", zones: []string{"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"},
		phone: "+1 ### 555 01##", money: "$", cities: []string{"Columbus", "Tucson", "Richmond", "Spokane", "Omaha"}},
	{given: []string{"Siobhán", "Cian", "Aoife", "Pádraig", "Niamh", "Oisín"},
		family: []string{"Ó Briain", "Gallagher", "Mac Giolla", "Keane", "Dunleavy"},
		lang:   "ga", zones: []string{"Europe/Dublin"}, phone: "+353 85 ### ####", money: "€",
		cities: []string{"Galway", "Cork", "Limerick"}},
	{given: []string{"Oluwaseun", "Chiamaka", "Temitope", "Emeka", "Ngozi", "Babajide"},
		family: []string{"Adeyemi", "Okafor-Bello", "Nwosu", "Balogun", "Eze", "Adebayo"},
		lang:   "yo", zones: []string{"Africa/Lagos"}, phone: "+234 803 ### ####", money: "$",
		cities: []string{"Lagos", "Ibadan", "Abuja"}},
	{given: []string{"Wanjiru", "Otieno", "Akinyi", "Kamau", "Njeri"},
		family: []string{"Mwangi", "Odhiambo", "Kiprotich", "Wambui", "Achieng"},
		lang:   "sw", zones: []string{"Africa/Nairobi"}, phone: "+254 712 ### ###", money: "$",
		cities: []string{"Nairobi", "Mombasa", "Kisumu"}},
	{given: []string{"Siddharth", "Ananya", "Venkataraman", "Lakshmi", "Arjun", "Priyanka", "Harpreet"},
		family: []string{"Iyer", "Chatterjee", "Reddy", "Kulkarni", "Sandhu", "Banerjee"},
		lang:   "hi", zones: []string{"Asia/Kolkata"}, phone: "+91 98### #####", money: "$",
		cities: []string{"Pune", "Chennai", "Kolkata", "Bengaluru"}},
	{given: []string{"Muhammad", "Ayesha", "Bilal", "Sana", "Hamza"},
		family: []string{"Qureshi", "Siddiqui", "Chaudhry", "Malik"},
		lang:   "ur", zones: []string{"Asia/Karachi"}, phone: "+92 300 #######", money: "$",
		cities: []string{"Lahore", "Karachi"}},
	{given: []string{"Wei", "Xiulan", "Jian", "Meiling", "Hao"},
		family: []string{"Zhang", "Liu", "Chen", "Huang", "Zhou"}, familyFirst: true,
		lang: "zh", zones: []string{"Asia/Shanghai"}, phone: "+86 139 #### ####", money: "$",
		cities: []string{"Chengdu", "Hangzhou", "Wuhan"}},
	{given: []string{"Haruki", "Yui", "Kenta", "Sakura", "Takeshi"},
		family: []string{"Sato", "Nakamura", "Kobayashi", "Yamamoto"}, familyFirst: true,
		lang: "ja", zones: []string{"Asia/Tokyo"}, phone: "+81 90 #### ####", money: "$",
		cities: []string{"Osaka", "Sapporo", "Fukuoka"}},
	{given: []string{"Ji-woo", "Min-jun", "Seo-yeon", "Do-hyun"},
		family: []string{"Kim", "Park", "Lee", "Choi"}, familyFirst: true,
		lang: "ko", zones: []string{"Asia/Seoul"}, phone: "+82 10 #### ####", money: "$",
		cities: []string{"Busan", "Daejeon"}},
	{given: []string{"Thị Mai", "Văn Minh", "Thu Hà", "Quốc Bảo"},
		family: []string{"Nguyễn", "Trần", "Phạm", "Lê"}, familyFirst: true,
		lang: "vi", zones: []string{"Asia/Ho_Chi_Minh"}, phone: "+84 90 ### ####", money: "$",
		cities: []string{"Da Nang", "Hue"}},
	{given: []string{"Maricel", "Jomar", "Lourdes", "Rodel"},
		family: []string{"Dela Cruz", "Bautista", "Villanueva", "Santos"},
		lang:   "tl", zones: []string{"Asia/Manila"}, phone: "+63 917 ### ####", money: "$",
		cities: []string{"Cebu", "Davao"}},
	{given: []string{"João Pedro", "Luana", "Thiago", "Beatriz", "Raimundo", "Francisca"},
		family: []string{"Carvalho", "Nascimento", "Ribeiro", "Araújo", "Monteiro"},
		lang:   "pt-BR", zones: []string{"America/Sao_Paulo", "America/Fortaleza"}, phone: "+55 11 9#### ####", money: "$",
		cities: []string{"Recife", "Curitiba", "Belém"}},
	{given: []string{"Guillermo", "Ximena", "Joaquín", "Guadalupe", "Rodrigo"},
		family: []string{"Hernández", "Villaseñor", "Ortega", "Cárdenas", "Zavala"},
		lang:   "es-MX", zones: []string{"America/Mexico_City", "America/Monterrey"}, phone: "+52 55 #### ####", money: "$",
		cities: []string{"Guadalajara", "Puebla", "Mérida"}},
	{given: []string{"Montserrat", "Íñigo", "Begoña", "Álvaro"},
		family: []string{"Etxeberria", "Gallardo", "Prieto", "Soler"},
		lang:   "es", zones: []string{"Europe/Madrid"}, phone: "+34 6## ### ###", money: "€",
		cities: []string{"Bilbao", "Valencia", "Zaragoza"}},
	{given: []string{"Inês", "Rui", "Leonor", "Duarte"},
		family: []string{"Figueiredo", "Magalhães", "Teixeira", "Correia"},
		lang:   "pt-PT", zones: []string{"Europe/Lisbon"}, phone: "+351 91# ### ###", money: "€",
		cities: []string{"Porto", "Braga", "Coimbra"}},
	{given: []string{"Éloïse", "Baptiste", "Solène", "Mathis", "Geneviève"},
		family: []string{"Lefebvre", "Rousseau", "Girard", "Marchand"},
		lang:   "fr", zones: []string{"Europe/Paris"}, phone: "+33 6 ## ## ## ##", money: "€",
		cities: []string{"Lyon", "Nantes", "Lille"}},
	{given: []string{"Maximilian", "Friederike", "Lukas", "Hannelore", "Jannik"},
		family: []string{"Schröder", "Brandt", "Kessler", "Vogel"},
		lang:   "de", zones: []string{"Europe/Berlin"}, phone: "+49 151 ### #####", money: "€",
		cities: []string{"Leipzig", "Freiburg", "Bremen"}},
	{given: []string{"Katarzyna", "Bartłomiej", "Aleksandra", "Wojciech"},
		family: []string{"Wiśniewska", "Zieliński", "Kowalczyk", "Lewandowska"},
		lang:   "pl", zones: []string{"Europe/Warsaw"}, phone: "+48 5## ### ###", money: "$",
		cities: []string{"Gdańsk", "Wrocław", "Kraków"}},
	{given: []string{"Giuseppe", "Chiara", "Lorenzo", "Francesca"},
		family: []string{"Esposito", "Bianchi", "Ferraro", "Greco"},
		lang:   "it", zones: []string{"Europe/Rome"}, phone: "+39 3## ### ####", money: "€",
		cities: []string{"Bologna", "Turin", "Bari"}},
	{given: []string{"Şebnem", "Emre", "Elif", "Barış"},
		family: []string{"Yılmaz", "Demir", "Aydın", "Öztürk"},
		lang:   "tr", zones: []string{"Europe/Istanbul"}, phone: "+90 532 ### ## ##", money: "$",
		cities: []string{"Izmir", "Ankara"}},
	{given: []string{"Youssef", "Nour", "Karim", "Layla", "Omar"},
		family: []string{"Haddad", "El-Sayed", "Mansour", "Khoury"},
		lang:   "ar", zones: []string{"Africa/Cairo", "Asia/Dubai", "Asia/Beirut"}, phone: "+971 50 ### ####", money: "$",
		cities: []string{"Dubai", "Alexandria", "Beirut"}},
	{given: []string{"Dariush", "Shirin", "Kaveh", "Roya"},
		family: []string{"Tehrani", "Moradi", "Farahani"},
		lang:   "fa", zones: []string{"Asia/Tehran", "America/Toronto"}, phone: "+1 416 555 01##", money: "$",
		cities: []string{"Toronto", "Vancouver"}},
	{given: []string{"Selamawit", "Dawit", "Hiwot", "Yonas"},
		family: []string{"Tesfaye", "Bekele", "Girma"},
		lang:   "am", zones: []string{"Africa/Addis_Ababa"}, phone: "+251 91 ### ####", money: "$",
		cities: []string{"Addis Ababa", "Bahir Dar"}},
	{given: []string{"Kwame", "Abena", "Kofi", "Efua"},
		family: []string{"Mensah", "Asante", "Owusu", "Boateng"},
		lang:   "en-GH", zones: []string{"Africa/Accra"}, phone: "+233 24 ### ####", money: "$",
		cities: []string{"Accra", "Kumasi"}},
	{given: []string{"Astrid", "Linnea", "Henrik", "Sigrid"},
		family: []string{"Lindqvist", "Bergström", "Sjöberg", "Nyberg"},
		lang:   "sv", zones: []string{"Europe/Stockholm"}, phone: "+46 70 ### ## ##", money: "$",
		cities: []string{"Uppsala", "Malmö", "Umeå"}},
	{given: []string{"Sanne", "Joris", "Femke", "Thijs"},
		family: []string{"van der Berg", "de Vries", "Bakker", "Visser"},
		lang:   "nl", zones: []string{"Europe/Amsterdam"}, phone: "+31 6 ########", money: "€",
		cities: []string{"Utrecht", "Groningen"}},
	{given: []string{"Dimitra", "Stavros", "Eleni", "Nikos"},
		family: []string{"Papadopoulou", "Georgiou", "Konstantinidis"},
		lang:   "el", zones: []string{"Europe/Athens"}, phone: "+30 69# ### ####", money: "€",
		cities: []string{"Thessaloniki", "Patras"}},
	{given: []string{"Oksana", "Taras", "Yaroslava", "Bohdan"},
		family: []string{"Shevchenko", "Kovalenko", "Bondarenko"},
		lang:   "uk", zones: []string{"Europe/Kyiv"}, phone: "+380 67 ### ####", money: "$",
		cities: []string{"Lviv", "Kharkiv"}},
	{given: []string{"Wiremu", "Aroha", "Hemi", "Mereana"},
		family: []string{"Te Huia", "Parata", "Ngata"},
		lang:   "mi", zones: []string{"Pacific/Auckland"}, phone: "+64 21 ### ####", money: "$",
		cities: []string{"Rotorua", "Wellington"}},
	{given: []string{"Bronwyn", "Lachlan", "Kylie", "Darcy"},
		family: []string{"Fitzgerald", "McKenzie", "Nguyen", "O'Loughlin"},
		lang:   "en-AU", zones: []string{"Australia/Sydney", "Australia/Perth", "Australia/Brisbane"}, phone: "+61 491 570 ###", money: "$",
		cities: []string{"Hobart", "Geelong", "Cairns"}},
	{given: []string{"Shanice", "Delroy", "Tamika", "Everton"},
		family: []string{"Campbell", "Reid", "Thompson-Gayle"},
		lang:   "en-JM", zones: []string{"America/Jamaica"}, phone: "+1 876 555 01##", money: "$",
		cities: []string{"Kingston", "Montego Bay"}},
	{given: []string{"Noa", "Eitan", "Tamar", "Yael"},
		family: []string{"Ben-David", "Mizrahi", "Peretz"},
		lang:   "he", zones: []string{"Asia/Jerusalem"}, phone: "+972 52 ### ####", money: "$",
		cities: []string{"Haifa", "Be'er Sheva"}},
	{given: []string{"Siriporn", "Anan", "Kannika"},
		family: []string{"Srisuk", "Chaiyaporn", "Wongsakul"},
		lang:   "th", zones: []string{"Asia/Bangkok"}, phone: "+66 81 ### ####", money: "$",
		cities: []string{"Chiang Mai", "Khon Kaen"}},
}

// shortNames are preferred names some customers go by.
var shortNames = map[string]string{
	"Margaret": "Peggy", "Oluwaseun": "Seun", "Temitope": "Tope", "Venkataraman": "Venkat", "Siddharth": "Sid",
	"Katarzyna": "Kasia", "Aleksandra": "Ola", "Bartłomiej": "Bartek", "Guillermo": "Memo", "Guadalupe": "Lupita",
	"Giuseppe": "Beppe", "Francesca": "Fran", "Maximilian": "Max", "Friederike": "Rike", "Muhammad": "Mo",
	"Harriet": "Hattie", "Eleanor": "Nell", "João Pedro": "JP", "Raimundo": "Mundo", "Montserrat": "Montse",
	"Yaroslava": "Slava", "Chiamaka": "Amaka", "Babajide": "Jide", "Lakshmi": "Lux", "Hannelore": "Hanne",
	"Francisca": "Chica", "Dolores": "Lola", "Mereana": "Mere",
}

// plans are the demo company's subscription plans, with their monthly price in "units".
var plans = []struct {
	name  string
	price int
}{{"Starter", 12}, {"Plus", 24}, {"Family", 39}, {"Business", 65}}

// customerSpec is a planned customer profile, written when their first conversation is.
type customerSpec struct {
	input    attune.CustomerInput
	first    string // what to call them
	money    string
	city     string
	plan     string
	price    int
	activity float64 // how often they write, relative to others
	regular  bool    // a lonely regular who writes in often to chat
	facts    []string
	kid      string // a child or grandchild they mention
	daughter string
}

var customerTags = []phrase{
	alt("vip", "", "", "", "", ""),
	alt("prefers-email", "prefers-phone", "prefers-chat", "", "", ""),
	alt("accessibility", "", "", "", "", "", "", ""),
	alt("beta-tester", "", "", "", "", ""),
}

var customerNotes = phrase{
	"Prefers a short written summary after any phone call.",
	"Hard of hearing: chat or email works far better than a call.",
	"Runs a home bakery; the hub keeps the card reader online, so outages cost real sales.",
	"Patient and kind, though this year's couriers have tested that.",
	"Travels for work and often writes from airports at odd hours.",
	"Opted out of marketing emails. Please respect that in any follow-up.",
	"Uses a screen reader. Plain text without tables or images reads best.",
	"Manages the account for elderly parents; written consent is on file.",
	"Works night shifts at the hospital, so replies late in the evening suit best.",
	"Set up three homes for extended family on one Family plan.",
	"Asked for invoices to show the business name for tax purposes.",
	"Gets anxious about money: spell out amounts and dates plainly.",
	"Former engineer, very technical; skip the basics.",
	"Teaches primary school; only free after half past three.",
	"", "", "", "", "", "", "", "",
}

// customerFacts are "things to remember", in groups that could all be true of one
// person: a customer gets at most one fact from each group.
var customerFacts = []phrase{
	{ // family
		"Daughter {daughter} gets married on {date}; the Finch speakers were a gift",
		"Twins born in {month}, so nights are short: keep replies brief",
		"Son {son} relies on the tablet's evening routine; outages are hard at home",
		"Grandson {son} set up all the devices and helps on weekends",
		"Celebrating 30 years married on {date}",
		"Caring for an elderly parent; often writes late at night",
	},
	{ // what's happening
		"Moving to {city2} at the end of {month}; broadband will need moving",
		"In hospital for a few weeks in {month}; deliveries were paused",
		"Recently lost a partner. Gentle tone, and no upselling please",
		"Training for the {city} half marathon in {month}",
	},
	{ // work and life
		"Starts a new job on {date} and needs the home office working first",
		"Retired postman; likes to know exactly which courier is coming",
		"Back at university part-time; money is tight until {month}",
		"Has a guide dog called {pet}, who gets mentioned a lot",
	},
}

var daughterNames = []string{"Amara", "Inés", "Lucía", "Yuki", "Noor", "Maya", "Zainab", "Ingrid", "Chloé", "Adwoa"}
var sonNames = []string{"Theo", "Kofi", "Rafael", "Ezra", "Arlo", "Mateus", "Yusuf", "Kenji", "Tane", "Emil"}
var kidNames = append(append([]string{}, daughterNames...), sonNames...)
var petNames = []string{"Biscuit", "Juno", "Pepper", "Otto", "Mango"}
var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// planCustomers makes n customer profiles from many cultures, with unique emails on the
// example domains reserved for documentation.
func planCustomers(r *rand.Rand, n int, now time.Time) []*customerSpec {
	out := make([]*customerSpec, 0, n)
	used := map[string]bool{}
	emails := map[string]bool{}
	for len(out) < n {
		c := &cultures[r.IntN(len(cultures))]
		given, family := pickOne(r, c.given), pickOne(r, c.family)
		if used[given+"|"+family] {
			continue
		}
		used[given+"|"+family] = true
		name, first := given+" "+family, given
		if c.familyFirst {
			name = family + " " + given
		}
		preferred := ""
		if s, ok := shortNames[given]; ok && chance(r, 0.6) {
			preferred = s
		} else if c.familyFirst || strings.Contains(given, " ") {
			// Greeting would otherwise use the first word of the name.
			preferred = given
		}
		if preferred != "" {
			first = preferred
		}
		email := makeEmail(r, given, family, emails)
		plan := plans[weighted(r, []int{3, 5, 4, 1})]
		since := now.AddDate(0, -(2 + r.IntN(96)), -r.IntN(28))
		years := now.Sub(since).Hours() / 24 / 365
		age := fmt.Sprintf("%d months", int(years*12))
		if years >= 1 {
			age = fmt.Sprintf("%.0f years", years)
			if years < 1.5 {
				age = "1 year"
			}
		}
		// Everyone writes to the English-language desk; half of those from elsewhere
		// would still rather be answered in their own language.
		lang := c.lang
		if !strings.HasPrefix(lang, "en") && chance(r, 0.5) {
			lang = "en"
		}
		var tags []string
		switch {
		case years < 1:
			tags = append(tags, "new-customer")
		case years > 5:
			tags = append(tags, "long-time")
		}
		for _, p := range customerTags {
			if t := p.pick(r); t != "" {
				tags = append(tags, t)
			}
		}
		if plan.name == "Business" {
			tags = append(tags, "business")
		}
		city := pickOne(r, c.cities)
		attrs := map[string]string{
			"plan":           plan.name,
			"customer_since": since.Format("2006-01"),
			"account_age":    age,
			"city":           city,
			"devices":        fmt.Sprint(1 + r.IntN(6)),
			"lifetime_spend": fmt.Sprintf("%s%d", c.money, plan.price*int(years*12+1)+r.IntN(400)),
		}
		for _, t := range tags {
			if how, ok := strings.CutPrefix(t, "prefers-"); ok {
				attrs["preferred_contact"] = how
			}
		}
		cs := &customerSpec{first: first, money: c.money, city: city, plan: plan.name, price: plan.price,
			kid: pickOne(r, kidNames), daughter: pickOne(r, daughterNames)}
		cs.activity = []float64{0.6, 1, 1.4, 2.5}[r.IntN(4)]
		s := slots{"son": pickOne(r, sonNames), "daughter": cs.daughter, "pet": pickOne(r, petNames), "city": city,
			"city2": pickOne(r, pickOne(r, cultures).cities), "month": months[(int(now.Month())+r.IntN(4))%12],
			"date": dayOfMonth(now.AddDate(0, 0, 3+r.IntN(40)))}
		for _, group := range customerFacts {
			if chance(r, 0.3) {
				cs.facts = append(cs.facts, s.fill(group.pick(r)))
			}
		}
		notes := customerNotes.pick(r)
		phone := digits(r, c.phone)
		zone := pickOne(r, c.zones)
		cs.input = attune.CustomerInput{Name: &name, Email: &email, Phone: &phone, Language: &lang, Timezone: &zone,
			Tags: &tags, Attributes: &attrs, Notes: &notes}
		if preferred != "" {
			cs.input.PreferredName = &preferred
		}
		out = append(out, cs)
	}
	return out
}

// makeEmail builds a plausible, unique address on an example domain.
func makeEmail(r *rand.Rand, given, family string, seen map[string]bool) string {
	g, f := asciiFold(given), asciiFold(family)
	domain := pickOne(r, []string{"example.com", "example.org", "example.net"})
	var local string
	switch r.IntN(5) {
	case 0:
		local = g + "." + f
	case 1:
		local = g + f
	case 2:
		local = g[:1] + "." + f
	case 3:
		local = f + "." + g
	default:
		local = g + fmt.Sprint(60+r.IntN(40))
	}
	email := local + "@" + domain
	for i := 2; seen[email]; i++ {
		email = fmt.Sprintf("%s%d@%s", local, i, domain)
	}
	seen[email] = true
	return email
}

var fold = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ą': "a", 'æ': "ae", 'ç': "c", 'ć': "c",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ę': "e", 'ễ': "e", 'í': "i", 'ì': "i", 'î': "i", 'ï': "i",
	'ı': "i", 'ị': "i", 'ñ': "n", 'ń': "n", 'ó': "o", 'ò': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o",
	'ơ': "o", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ư': "u", 'ş': "s", 'ś': "s", 'ß': "ss", 'ğ': "g",
	'ł': "l", 'ż': "z", 'ź': "z", 'đ': "d", 'ầ': "a", 'ạ': "a", 'ả': "a", 'ố': "o", 'ộ': "o",
	'ấ': "a", 'ế': "e", 'ệ': "e", 'ữ': "u", 'ắ': "a",
}

// asciiFold lower-cases a name and keeps the letters an email address can hold.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case fold[r] != "":
			b.WriteString(fold[r])
		}
	}
	if b.Len() == 0 {
		return "customer"
	}
	return b.String()
}

// digits replaces every '#' in pattern with a random digit.
func digits(r *rand.Rand, pattern string) string {
	b := []byte(pattern)
	for i := range b {
		if b[i] == '#' {
			b[i] = byte('0' + r.IntN(10))
		}
	}
	return string(b)
}

// dayOfMonth writes a date the way customers do: "the 14th".
func dayOfMonth(t time.Time) string {
	d := t.Day()
	suffix := "th"
	switch {
	case d%10 == 1 && d != 11:
		suffix = "st"
	case d%10 == 2 && d != 12:
		suffix = "nd"
	case d%10 == 3 && d != 13:
		suffix = "rd"
	}
	return fmt.Sprintf("the %d%s", d, suffix)
}
