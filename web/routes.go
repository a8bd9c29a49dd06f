package web

import "net/http"

// access says who may call a route.
type access int

const (
	public      access = iota // anyone
	optional                  // anyone; an agent's credentials, when sent and valid, are read
	signedIn                  // any active agent
	supervisors               // supervisors and admins
	admins                    // admins only
)

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
	}
	for i := range r {
		r[i].handler = s.authorize(r[i].Access, r[i].handler)
	}
	return r
}
