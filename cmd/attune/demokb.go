package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/kb"
	"github.com/attune-desk/attune/store"
)

// demoArticles are the demo workspace's help articles, written for Attune.
//
//go:embed demokb/*.md
var demoArticles embed.FS

// seedDemoArticles fills an empty knowledge base with the demo's help articles, so the
// help centre and the agents' suggestions have something to show.
func seedDemoArticles(ctx context.Context, kbs *store.KnowledgeBase) (int, error) {
	if existing, err := kbs.Articles(ctx, attune.ArticleFilter{Drafts: true, Limit: 1}); err != nil || len(existing) > 0 {
		return 0, err
	}
	names, err := fs.Glob(demoArticles, "demokb/*.md")
	if err != nil {
		return 0, err
	}
	for _, name := range names {
		data, err := demoArticles.ReadFile(name)
		if err != nil {
			return 0, err
		}
		f, err := kb.ParseFile(data)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		st := attune.ArticleStatus(f.Status)
		in := attune.ArticleInput{Title: &f.Title, Body: &f.Body, Tags: &f.Tags, Category: &f.Category, Status: &st}
		if _, err := kbs.CreateArticle(ctx, in, attune.Actor{Name: "Attune demo"}); err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
	}
	return len(names), kbs.Optimize(ctx)
}
