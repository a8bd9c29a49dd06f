package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/kb"
	"github.com/attune-desk/attune/store"
)

func runKB(ctx context.Context, e env, args []string) error {
	const usage = "usage: attune kb import DIR | attune kb export DIR (see 'attune kb import --help')"
	if len(args) == 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "import":
		return runKBImport(ctx, e, args[1:])
	case "export":
		return runKBExport(ctx, e, args[1:])
	case "--help", "-h", "help":
		return runKBImport(ctx, e, []string{"--help"})
	}
	return errors.New(usage)
}

// oneDir takes the folder argument, which may come before or after the flags.
func oneDir(fl *flags, e env, args []string) (string, error) {
	var dir string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	if err := fl.parse(e, args); err != nil {
		return "", err
	}
	if dir == "" && fl.NArg() == 1 {
		dir = fl.Arg(0)
	} else if fl.NArg() > 0 || dir == "" {
		return "", errors.New("please name one folder, e.g. attune kb import ./articles")
	}
	return dir, nil
}

func runKBImport(ctx context.Context, e env, args []string) error {
	fl := newFlags("kb import", `Usage: attune kb import DIR [--db D]

Loads every Markdown file (.md, .markdown) under DIR as a knowledge-base article.
Front matter gives the title, slug, status (draft or published), category and tags:

  ---
  title: How do I reset my password?
  status: published
  category: Account
  tags: [account, password]
  ---
  The article's Markdown...

Without front matter, a first line "# Title" gives the title. An article whose
slug (from the front matter, else the file name) already exists is updated, so
importing the same folder twice changes nothing. A bad file is reported and
skipped; the exit status is 1 if any file failed.

'attune kb export DIR' writes every article back in this format.`)
	dsn := dbFlag(fl)
	status := fl.String("status", "draft", "the status of files whose front matter names none: draft or published")
	dir, err := oneDir(fl, e, args)
	if err != nil {
		return err
	}
	if st := attune.ArticleStatus(*status); !st.Valid() {
		return errors.New("--status must be draft or published")
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("%s: no such folder", dir)
	} else if !info.IsDir() {
		return fmt.Errorf("%s is a file, not a folder of Markdown files", dir)
	}
	var files, skipped []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("%s: can't be read (%v)", path, err))
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && path != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".md", ".markdown":
			if d.Type().IsRegular() {
				files = append(files, path)
			} else {
				skipped = append(skipped, fmt.Sprintf("%s: skipped, not a regular file", path))
			}
		default:
			skipped = append(skipped, fmt.Sprintf("%s: skipped, not a Markdown file", path))
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	kbs := store.NewKnowledgeBase(db, kb.DefaultThesaurus())
	actor := attune.Actor{Name: "attune kb import"}

	update, finish := newProgress(e.stderr, "Importing articles")
	var created, updated int
	var failed []string
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			finish()
			return err
		}
		how, err := importFile(ctx, kbs, path, attune.ArticleStatus(*status), actor)
		switch {
		case err != nil:
			failed = append(failed, fmt.Sprintf("%s: %s", path, err))
		case how == "created":
			created++
		case how == "updated":
			updated++
		}
		update(i+1, len(files))
	}
	finish()
	if created+updated > 0 {
		if err := kbs.Optimize(ctx); err != nil {
			fmt.Fprintf(e.stderr, "The articles are in, but the search index could not be tidied: %s\n", attune.ErrorMessage(err))
		}
	}
	for _, s := range skipped {
		fmt.Fprintln(e.stderr, s)
	}
	for _, f := range failed {
		fmt.Fprintln(e.stderr, f)
	}
	fmt.Fprintf(e.stdout, "Imported %d of %d Markdown files: %d new, %d updated, %d failed, %d other files skipped.\n",
		created+updated, len(files), created, updated, len(failed), len(skipped))
	if len(failed) > 0 {
		return errSilent
	}
	return nil
}

// importFile creates or updates the article in one file.
func importFile(ctx context.Context, kbs *store.KnowledgeBase, path string, defaultStatus attune.ArticleStatus, actor attune.Actor) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", errors.New("can't be read")
	}
	if info.Size() > kb.MaxFileSize {
		return "", fmt.Errorf("too large (%d KiB; the limit is %d KiB)", info.Size()>>10, kb.MaxFileSize>>10)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", errors.New("can't be read")
	}
	f, err := kb.ParseFile(data)
	if err != nil {
		return "", err
	}
	slug := f.Slug
	if slug == "" {
		if base := strings.ToLower(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))); attune.ValidSlug(base) {
			slug = base
		} else {
			slug = attune.Slugify(f.Title)
		}
	}
	status := attune.ArticleStatus(f.Status)
	if status == "" {
		status = defaultStatus
	}
	in := attune.ArticleInput{Title: &f.Title, Body: &f.Body, Tags: &f.Tags, Category: &f.Category, Status: &status, Slug: &slug}
	if f.Tags == nil {
		in.Tags = &[]string{}
	}
	existing, err := kbs.ArticleBySlug(ctx, slug)
	switch {
	case err == nil:
		_, err = kbs.UpdateArticle(ctx, existing.ID, in, actor)
		return "updated", fileError(err)
	case attune.ErrorCode(err) == attune.ENOTFOUND:
		_, err = kbs.CreateArticle(ctx, in, actor)
		return "created", fileError(err)
	}
	return "", fileError(err)
}

// fileError says what was wrong with a file in one line.
func fileError(err error) error {
	if err == nil {
		return nil
	}
	fields := attune.ErrorFields(err)
	if len(fields) == 0 {
		return errors.New(attune.ErrorMessage(err))
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + fields[k]
	}
	return errors.New(strings.Join(parts, "; "))
}

func runKBExport(ctx context.Context, e env, args []string) error {
	fl := newFlags("kb export", `Usage: attune kb export DIR [--db D]

Writes every article, drafts included, to DIR as SLUG.md with front matter, in
the format 'attune kb import' reads, so the folder can be edited and imported
again. DIR is created if needed; files of the same name are replaced.`)
	dsn := dbFlag(fl)
	dir, err := oneDir(fl, e, args)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("could not create %s: %v", dir, err)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	kbs := store.NewKnowledgeBase(db, nil)
	var all []attune.Article
	for offset := 0; ; offset += 500 {
		page, err := kbs.Articles(ctx, attune.ArticleFilter{Drafts: true, Sort: attune.ArticlesTitle, Limit: 500, Offset: offset})
		if err != nil {
			return cliError(err)
		}
		all = append(all, page...)
		if len(page) < 500 {
			break
		}
	}
	update, finish := newProgress(e.stderr, "Exporting articles")
	var failed int
	for i, a := range all {
		name := a.Slug + ".md"
		// a slug is checked when stored, but the file name is checked again here, so no
		// record can write outside DIR
		if !attune.ValidSlug(a.Slug) || !filepath.IsLocal(name) {
			name = fmt.Sprintf("article-%d.md", a.ID)
		}
		f := kb.File{Title: a.Title, Slug: a.Slug, Status: string(a.Status), Category: a.Category, Tags: a.Tags, Body: a.Body}
		if err := writeFileAtomic(filepath.Join(dir, name), f.Format()); err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
			failed++
		}
		update(i+1, len(all))
	}
	finish()
	fmt.Fprintf(e.stdout, "Exported %d articles to %s.\n", len(all)-failed, dir)
	if failed > 0 {
		return errSilent
	}
	return nil
}

// writeFileAtomic writes through a temporary file, so a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".attune-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
