package kb

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// File is an article as a Markdown file with front matter, the format of
// "attune kb import" and "attune kb export":
//
//	---
//	title: How do I reset my password?
//	slug: reset-your-password
//	status: published
//	category: Account
//	tags: [account, password]
//	---
//	The article's Markdown…
type File struct {
	Title, Slug, Status, Category string
	Tags                          []string
	Body                          string
}

// MaxFileSize is the largest article file read, in bytes.
const MaxFileSize = 1 << 20

// ParseFile reads an article file. Front matter is optional when the body opens with a
// "# Title" heading, which then gives the title. Errors say what is wrong in plain words.
func ParseFile(data []byte) (File, error) {
	var f File
	if len(data) > MaxFileSize {
		return f, fmt.Errorf("the file is larger than %d KiB", MaxFileSize>>10)
	}
	if !utf8.Valid(data) {
		return f, fmt.Errorf("the file is not UTF-8 text")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return f, fmt.Errorf("the file holds binary data, not Markdown")
	}
	text := strings.TrimPrefix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\ufeff")
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		end := strings.Index(rest, "\n---\n")
		if end < 0 {
			if !strings.HasSuffix(rest, "\n---") {
				return f, fmt.Errorf("the front matter opened with --- is never closed with ---")
			}
			end = len(rest) - 4
			rest += "\n"
		}
		if err := f.parseFrontMatter(rest[:end]); err != nil {
			return f, err
		}
		text = rest[min(end+5, len(rest)):]
	}
	f.Body = strings.TrimSpace(text)
	if f.Title == "" {
		if line, body, _ := strings.Cut(f.Body, "\n"); strings.HasPrefix(line, "# ") {
			f.Title = strings.TrimSpace(line[2:])
			f.Body = strings.TrimSpace(body)
		}
	}
	if f.Title == "" {
		return f, fmt.Errorf("there is no title: add 'title:' to the front matter or start with a '# Title' line")
	}
	if f.Body == "" {
		return f, fmt.Errorf("the article has no text after its title")
	}
	return f, nil
}

func (f *File) parseFrontMatter(s string) error {
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			return fmt.Errorf("front matter line %d, %q, is not 'key: value'", i+1, line)
		}
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		switch key {
		case "tags":
			if value == "" { // a YAML block list: "- a" lines
				for i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "- ") {
					i++
					t, err := unquote(strings.TrimSpace(strings.TrimSpace(lines[i])[2:]))
					if err != nil {
						return fmt.Errorf("front matter line %d: %v", i+1, err)
					}
					f.Tags = append(f.Tags, t)
				}
				continue
			}
			value = strings.TrimSuffix(strings.TrimPrefix(value, "["), "]")
			for _, t := range splitList(value) {
				t, err := unquote(strings.TrimSpace(t))
				if err != nil {
					return fmt.Errorf("front matter line %d: %v", i+1, err)
				}
				if t != "" {
					f.Tags = append(f.Tags, t)
				}
			}
			continue
		}
		v, err := unquote(value)
		if err != nil {
			return fmt.Errorf("front matter line %d: %v", i+1, err)
		}
		switch key {
		case "title":
			f.Title = v
		case "slug":
			f.Slug = v
		case "status":
			f.Status = strings.ToLower(v)
		case "category":
			f.Category = v
		default:
			return fmt.Errorf("front matter line %d has an unknown key %q (use title, slug, status, category or tags)", i+1, key)
		}
	}
	return nil
}

// splitList splits a flow list's items at commas outside quotes.
func splitList(s string) []string {
	var out []string
	var quote byte
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ',':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unquote reads a plain, "double-quoted" or 'single-quoted' YAML scalar.
func unquote(v string) (string, error) {
	switch {
	case len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"':
		s, err := strconv.Unquote(v)
		if err != nil {
			return "", fmt.Errorf("the quoted value %s is not closed or escaped properly", v)
		}
		return s, nil
	case len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'"), nil
	case strings.HasPrefix(v, `"`) || strings.HasPrefix(v, `'`):
		return "", fmt.Errorf("the quoted value %s is not closed", v)
	}
	return v, nil
}

// Format writes an article file that ParseFile reads back to the same File.
func (f File) Format() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(f.Title))
	if f.Slug != "" {
		fmt.Fprintf(&b, "slug: %s\n", f.Slug)
	}
	if f.Status != "" {
		fmt.Fprintf(&b, "status: %s\n", f.Status)
	}
	if f.Category != "" {
		fmt.Fprintf(&b, "category: %s\n", strconv.Quote(f.Category))
	}
	if len(f.Tags) > 0 {
		q := make([]string, len(f.Tags))
		for i, t := range f.Tags {
			q[i] = strconv.Quote(t)
		}
		fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(q, ", "))
	}
	b.WriteString("---\n\n")
	b.WriteString(f.Body)
	b.WriteString("\n")
	return []byte(b.String())
}
