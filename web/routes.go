package web

import "net/http"

// access says who may call a route.
type access int

const (
	public         access = iota // anyone
	optional                     // anyone; an agent's credentials, when sent and valid, are read
	signedIn                     // any active agent
	supervisors                  // supervisors and admins
	admins                       // admins only
	agentPage                    // any active agent, answered in HTML: signed-out visitors go to /login
	supervisorPage               // supervisors and admins, answered in HTML
)

// page reports whether a route answers in HTML rather than problem+json.
func (a access) page() bool { return a == agentPage || a == supervisorPage }

// route is one entry in the table below.
type route struct {
	Method, Path string
	Access       access
	handler      http.Handler
}

func (rt route) pattern() string { return rt.Method + " " + rt.Path }

// routes is Attune's whole HTTP surface, in one screen. The OpenAPI document in
// openapi.json lists the same /api/v1 routes; a test keeps the two in step.
func (s *Server) routes() []route {
	r := []route{
		{"GET", "/healthz", public, s.handleHealthz()},
		{"GET", "/readyz", public, s.handleReadyz()},
		{"GET", "/metrics", public, s.metrics.handler()},
		{"GET", "/api/v1/openapi.json", public, handleOpenAPI()},

		{"POST", "/api/v1/login", public, s.handleLogin()},
		{"POST", "/api/v1/logout", signedIn, s.handleLogout()},
		{"GET", "/api/v1/me", signedIn, s.handleMe()},
		{"POST", "/api/v1/tokens", signedIn, s.handleTokenCreate()},

		{"GET", "/api/v1/conversations", signedIn, s.handleConversationList()},
		{"POST", "/api/v1/conversations", signedIn, s.handleConversationCreate()},
		{"GET", "/api/v1/conversations/{id}", signedIn, s.handleConversationShow()},
		{"PATCH", "/api/v1/conversations/{id}", signedIn, s.handleConversationUpdate()},
		{"POST", "/api/v1/conversations/{id}/messages", signedIn, s.handleMessageCreate()},
		{"GET", "/api/v1/conversations/{id}/audit", supervisors, s.handleConversationAudit()},

		{"GET", "/api/v1/customers", signedIn, s.handleCustomerList()},
		{"POST", "/api/v1/customers", signedIn, s.handleCustomerCreate()},
		{"GET", "/api/v1/customers/{id}", signedIn, s.handleCustomerShow()},
		{"PATCH", "/api/v1/customers/{id}", signedIn, s.handleCustomerUpdate()},

		{"GET", "/api/v1/users", signedIn, s.handleUserList()},
		{"POST", "/api/v1/users", admins, s.handleUserCreate()},
		{"GET", "/api/v1/teams", signedIn, s.handleTeamList()},
		{"POST", "/api/v1/teams", admins, s.handleTeamCreate()},

		{"GET", "/api/v1/conversations/{id}/suggestions", signedIn, s.handleSuggestions()},

		{"GET", "/api/v1/kb/search", optional, s.handleKBSearch()},
		{"GET", "/api/v1/kb/categories", optional, s.handleKBCategories()},
		{"GET", "/api/v1/kb/articles", optional, s.handleArticleList()},
		{"POST", "/api/v1/kb/articles", supervisors, s.handleArticleCreate()},
		{"GET", "/api/v1/kb/articles/{id}", optional, s.handleArticleShow()},
		{"PATCH", "/api/v1/kb/articles/{id}", supervisors, s.handleArticleUpdate()},
		{"DELETE", "/api/v1/kb/articles/{id}", supervisors, s.handleArticleDelete()},
		{"GET", "/api/v1/kb/articles/{id}/revisions", signedIn, s.handleArticleRevisions()},
		{"POST", "/api/v1/kb/articles/{id}/feedback", public, s.handleArticleFeedback()},
		{"GET", "/api/v1/kb/search-misses", supervisors, s.handleSearchMisses()},

		{"POST", "/api/v1/analyze", signedIn, s.handleAnalyze()},
		{"POST", "/api/v1/coach", signedIn, s.handleCoach()},

		// The agent workspace: HTML pages and the htmx fragments inside them.
		{"GET", "/static/{path...}", public, s.handleStatic()},
		{"GET", "/login", public, s.handleLoginPage()},
		{"POST", "/login", public, s.handleLoginSubmit()},
		{"POST", "/logout", agentPage, s.handleLogoutSubmit()},
		{"GET", "/{$}", agentPage, s.handleInbox()},
		{"GET", "/events", agentPage, s.handleEvents()},
		{"GET", "/conversations/{id}", agentPage, s.handleConversationPage()},
		{"GET", "/conversations/{id}/thread", agentPage, s.handleThreadFragment()},
		{"POST", "/conversations/{id}/reply", agentPage, s.handleReplySubmit()},
		{"POST", "/conversations/{id}/coach", agentPage, s.handleCoachPanel()},
		{"POST", "/conversations/{id}/status", agentPage, s.handleStatusSubmit()},
		{"POST", "/conversations/{id}/assign", agentPage, s.handleAssignSubmit()},
		{"POST", "/conversations/{id}/snooze", agentPage, s.handleSnoozeSubmit()},
		{"POST", "/conversations/{id}/tags", agentPage, s.handleTagsSubmit()},
		{"POST", "/conversations/{id}/follow-ups", agentPage, s.handleFollowUpSubmit()},
		{"POST", "/conversations/{id}/follow-ups/{fid}/cancel", agentPage, s.handleFollowUpCancel()},
		{"GET", "/customers", agentPage, s.handleCustomersPage()},
		{"GET", "/customers/{id}", agentPage, s.handleCustomerPage()},
		{"POST", "/customers/{id}/remember", agentPage, s.handleRememberSubmit()},
		{"GET", "/macros", supervisorPage, s.handleMacrosPage()},
		{"POST", "/macros", supervisorPage, s.handleMacroCreate()},
		{"POST", "/macros/{id}/delete", supervisorPage, s.handleMacroDelete()},

		// The customer portal and the embeddable widget: public, rate-limited per address.
		{"GET", "/help", public, s.handleHelpPage()},
		{"POST", "/help", public, s.handleHelpSubmit()},
		{"GET", "/p/{token}", public, s.handlePortalConversation(false)},
		{"GET", "/p/{token}/thread", public, s.handlePortalThread()},
		{"POST", "/p/{token}/messages", public, s.handlePortalReply()},
		{"POST", "/p/{token}/typing", public, s.handlePortalTyping()},
		{"GET", "/p/{token}/events", public, s.handlePortalEvents()},
		{"GET", "/widget.js", public, s.handleWidgetScript()},

		// The knowledge base: the public help centre, the agent's suggestions, and the
		// supervisors' pages for writing articles.
		{"GET", "/help/search", public, s.handleHelpSearch()},
		{"GET", "/help/suggest", public, s.handleHelpSuggest()},
		{"GET", "/help/articles/{slug}", public, s.handleHelpArticle()},
		{"POST", "/help/articles/{slug}/feedback", public, s.handleHelpFeedback()},
		{"GET", "/conversations/{id}/kb", agentPage, s.handleConversationKB()},
		{"GET", "/kb", supervisorPage, s.handleKBList()},
		{"GET", "/kb/new", supervisorPage, s.handleKBNew()},
		{"POST", "/kb", supervisorPage, s.handleKBSave()},
		{"GET", "/kb/{id}/edit", supervisorPage, s.handleKBEdit()},
		{"POST", "/kb/{id}", supervisorPage, s.handleKBSave()},
		{"POST", "/kb/{id}/delete", supervisorPage, s.handleKBDelete()},
		{"POST", "/kb/preview", supervisorPage, s.handleKBPreview()},
		{"GET", "/widget", public, s.handleWidgetPage()},
		{"POST", "/widget", public, s.handleWidgetSubmit()},
		{"GET", "/w/{token}", public, s.handlePortalConversation(true)},
	}
	for i := range r {
		r[i].handler = s.authorize(r[i].Access, r[i].handler)
	}
	return r
}
