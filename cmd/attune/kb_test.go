package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/kb"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestKBImportExport(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			env := map[string]string{"ATTUNE_DB": b.DSN(t)}
			src := t.TempDir()
			writeFiles(t, src, map[string]string{
				"reset-password.md":     "---\ntitle: How do I reset my password?\nstatus: published\ncategory: Account\ntags: [account, password]\n---\nUse the **Forgot password** link.\n",
				"billing/refunds.md":    "---\ntitle: \"Refunds: how long?\"\nslug: refund-times\nstatus: published\ntags:\n  - refunds\n---\nFive working days.\n",
				"Heading Only.markdown": "# Shipping abroad\n\nWe ship to 30 countries.\n",
				"notes.txt":             "not markdown",
				"broken.md":             "---\ntitle: Broken\nthis line is wrong\n---\nbody\n",
				"unclosed.md":           "---\ntitle: x\n",
				"bad-status.md":         "---\ntitle: Odd\nstatus: maybe\n---\nbody\n",
				"huge.md":               "---\ntitle: Huge\n---\n" + strings.Repeat("word ", kb.MaxFileSize/4),
				".hidden/secret.md":     "---\ntitle: Hidden\n---\nbody\n",
			})
			out, stderr, err := cli(t, "", env, "kb", "import", src)
			if err == nil {
				t.Fatal("an import with bad files must exit non-zero")
			}
			if !strings.Contains(out, "Imported 3 of 7 Markdown files: 3 new, 0 updated, 4 failed, 1 other files skipped.") {
				t.Fatalf("import summary: %q", out)
			}
			for _, want := range []string{"broken.md: front matter line 2", "unclosed.md: the front matter opened with --- is never closed", "bad-status.md: status:", "huge.md: too large", "notes.txt: skipped, not a Markdown file"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if strings.Contains(stderr, "secret") {
				t.Error("hidden folders should be skipped quietly")
			}

			// importing again updates in place; nothing new is created
			for _, name := range []string{"broken.md", "unclosed.md", "bad-status.md", "huge.md", "notes.txt"} {
				os.Remove(filepath.Join(src, name))
			}
			out, _, err = cli(t, "", env, "kb", "import", "--status", "published", src)
			if err != nil || !strings.Contains(out, "0 new, 3 updated, 0 failed") {
				t.Fatalf("second import: %v %q", err, out)
			}

			db := storetest.Open(t, env["ATTUNE_DB"], nil)
			kbs := store.NewKnowledgeBase(db, kb.DefaultThesaurus())
			ctx := context.Background()
			a, err := kbs.ArticleBySlug(ctx, "refund-times")
			if err != nil || a.Title != "Refunds: how long?" || a.Status != attune.ArticlePublished || strings.Join(a.Tags, ",") != "refunds" {
				t.Fatalf("refund article: %+v %v", a, err)
			}
			if a, err := kbs.ArticleBySlug(ctx, "shipping-abroad"); err != nil || a.Title != "Shipping abroad" || a.Status != attune.ArticlePublished {
				t.Fatalf("heading-only article, published by --status on the second import: %+v %v", a, err)
			}
			// an article whose slug is hostile (stored before validation, say) still exports inside DIR
			raw, err := sql.Open(map[bool]string{true: "pgx", false: "sqlite"}[store.IsPostgres(env["ATTUNE_DB"])], env["ATTUNE_DB"])
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.ExecContext(ctx, "UPDATE kb_articles SET slug = '../../escape' WHERE slug = 'shipping-abroad'"); err != nil {
				t.Fatal(err)
			}

			dst := filepath.Join(t.TempDir(), "out")
			out, _, err = cli(t, "", env, "kb", "export", dst)
			if err != nil || !strings.Contains(out, "Exported 3 articles") {
				t.Fatalf("export: %v %q", err, out)
			}
			names := listDir(t, dst)
			if len(names) != 3 || names[1] != "refund-times.md" || names[2] != "reset-password.md" || !strings.HasPrefix(names[0], "article-") {
				t.Fatalf("exported files = %v", names)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(dst)), "escape.md")); err == nil {
				t.Fatal("export wrote outside its folder")
			}
			// the export reads back to the same articles
			data, _ := os.ReadFile(filepath.Join(dst, "reset-password.md"))
			f, err := kb.ParseFile(data)
			if err != nil || f.Title != "How do I reset my password?" || f.Category != "Account" || f.Status != "published" ||
				strings.Join(f.Tags, ",") != "account,password" || f.Body != "Use the **Forgot password** link." {
				t.Fatalf("exported file: %+v %v\n%s", f, err, data)
			}
			os.Remove(filepath.Join(dst, names[0]))
			out, _, err = cli(t, "", env, "kb", "import", dst)
			if err != nil || !strings.Contains(out, "0 new, 2 updated, 0 failed") {
				t.Fatalf("re-import of the export: %v %q", err, out)
			}
			if revs, _ := kbs.Revisions(ctx, a.ID); len(revs) != 1 {
				t.Fatalf("a round trip changed the article: %d revisions", len(revs))
			}
		})
	}
}

func TestKBBadInput(t *testing.T) {
	env := map[string]string{"ATTUNE_DB": filepath.Join(t.TempDir(), "a.db")}
	if _, _, err := cli(t, "", env, "kb", "import", filepath.Join(t.TempDir(), "missing")); err == nil || !strings.Contains(err.Error(), "no such folder") {
		t.Fatalf("missing folder: %v", err)
	}
	file := filepath.Join(t.TempDir(), "one.md")
	os.WriteFile(file, []byte("# x\n\ny"), 0o644)
	if _, _, err := cli(t, "", env, "kb", "import", file); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Fatalf("file instead of folder: %v", err)
	}
	if _, _, err := cli(t, "", env, "kb", "import"); err == nil {
		t.Fatal("no folder named")
	}
	if _, _, err := cli(t, "", env, "kb", "frobnicate"); err == nil {
		t.Fatal("unknown kb command")
	}
	out, _, err := cli(t, "", env, "kb", "import", "--help")
	if err != nil || !strings.Contains(out, "front matter") {
		t.Fatalf("help: %v %q", err, out)
	}
	empty := t.TempDir()
	out, _, err = cli(t, "", env, "kb", "import", empty)
	if err != nil || !strings.Contains(out, "Imported 0 of 0") {
		t.Fatalf("empty folder: %v %q", err, out)
	}
}

func TestDemoArticles(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t), nil)
	kbs := store.NewKnowledgeBase(db, kb.DefaultThesaurus())
	ctx := context.Background()
	n, err := seedDemoArticles(ctx, kbs)
	if err != nil || n < 10 {
		t.Fatalf("seeded %d: %v", n, err)
	}
	if again, err := seedDemoArticles(ctx, kbs); err != nil || again != 0 {
		t.Fatalf("a second seed added %d: %v", again, err)
	}
	res, err := kbs.Search(ctx, attune.SearchQuery{Q: "I was charged twice and my rent is due", Limit: 3})
	if err != nil || len(res.Items) == 0 || !strings.Contains(res.Items[0].Title, "charged twice") {
		t.Fatalf("demo search: %+v %v", res, err)
	}
}
