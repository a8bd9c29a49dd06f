package kbtest

// Question is a plain-language question and the number of the seed strategy that
// answers it. The questions are Attune's own wording, the way a customer-service agent
// or team lead would type them into the help centre or the agent's search.
type Question struct {
	Q        string
	Strategy int
}

// Questions pairs questions with the strategies of SeedFile.
var Questions = []Question{
	{"how can I see the situation the way the customer sees it", 1},
	{"what does it mean to put yourself in the customer's shoes", 1},
	{"how do I understand where an upset caller is coming from", 1},
	{"imagine how things look from the customer's side", 1},

	{"how do I show a customer I'm really paying attention", 2},
	{"tips for not interrupting people while they explain", 2},
	{"how to listen properly on a support call", 2},
	{"I keep cutting customers off mid sentence", 2},

	{"what kind of questions get customers to tell me more", 3},
	{"how do I get a customer to open up about what happened", 3},
	{"questions that can't be answered with yes or no", 3},

	{"should I repeat back what the customer told me in my own words", 4},
	{"how do I confirm I understood the customer's concern", 4},
	{"is it a good idea to paraphrase the caller", 4},
	{"summarise what the customer said back to them", 4},

	{"how to serve customers from other cultures", 5},
	{"understanding people from different backgrounds", 5},
	{"why should agents learn about diverse customers", 5},

	{"how can we practise empathy with mock calls", 6},
	{"ideas for role play exercises for support staff", 6},
	{"training sessions to teach agents empathetic communication", 6},
	{"empathy tranining for new hires", 6},

	{"how can I tell if a customer is angry from their tone", 7},
	{"signs that a caller is upset even if they don't say it", 7},
	{"noticing body language and other cues", 7},

	{"is it ok to tell a customer about something similar that happened to me", 8},
	{"should agents share their own stories with customers", 8},
	{"when is it appropriate to talk about my own experience on a call", 8},

	{"how to word replies so I don't sound like a robot", 9},
	{"better phrases to sound reassuring instead of cold", 9},
	{"using positive wording in support emails", 9},

	{"what to say when a customer is really frustrated", 10},
	{"phrases that acknowledge how someone feels", 10},
	{"how do I comfort a customer who is stressed", 10},
	{"customer seems worried, how do I reassure them", 10},

	{"should I check in with the customer after their problem is fixed", 11},
	{"contacting customers again after resolving their issue", 11},
	{"how do we make sure the customer was happy with the fix", 11},

	{"how can agents keep improving their empathy skills over time", 12},
	{"workshops and courses to get better at customer service", 12},
	{"staying up to date with customer service best practices", 12},

	{"how do managers build a workplace where empathy is valued", 13},
	{"does the way we treat employees affect how they treat customers", 13},
	{"creating a caring team culture", 13},

	{"how to ask customers what they thought of our service", 14},
	{"collecting customer opinions to improve", 14},
	{"should we ask for feedback after helping someone", 14},
	{"how do customers perceive our service", 14},
}
