package attune_test

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// TestImportsPointInward keeps the architecture honest: the domain and the analysis engine
// import only the standard library, and adapters (store, web, jobs) never import each other.
func TestImportsPointInward(t *testing.T) {
	const mod = "github.com/attune-desk/attune"
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "./...").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	rules := map[string]func(imp string) bool{
		mod:               func(imp string) bool { return !strings.Contains(imp, ".") },                                // stdlib only
		mod + "/analysis": func(imp string) bool { return !strings.Contains(imp, ".") },                                // stdlib only
		mod + "/triage":   func(imp string) bool { return !strings.HasPrefix(imp, mod+"/") || imp == mod+"/analysis" }, // inward
		mod + "/kb":       func(imp string) bool { return !strings.Contains(imp, ".") },                                // stdlib only
		mod + "/markdown": func(imp string) bool { return !strings.HasPrefix(imp, mod) },                               // a leaf library
		// root, plus the knowledge base's leaf libraries (search language, Markdown)
		mod + "/store": func(imp string) bool {
			return !strings.HasPrefix(imp, mod+"/") || imp == mod+"/kb" || imp == mod+"/markdown"
		},
		mod + "/web": func(imp string) bool {
			return !strings.HasPrefix(imp, mod+"/store") && !strings.HasPrefix(imp, mod+"/triage")
		}, // not other adapters
		mod + "/jobs": func(imp string) bool {
			return !strings.HasPrefix(imp, mod+"/store") && !strings.HasPrefix(imp, mod+"/web")
		},
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	checked := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		rule, ok := rules[p.ImportPath]
		if !ok {
			continue
		}
		checked++
		for _, imp := range p.Imports {
			if !rule(imp) {
				t.Errorf("%s imports %s, which points the wrong way", p.ImportPath, imp)
			}
		}
	}
	if checked < 6 {
		t.Fatalf("only %d packages checked", checked)
	}
}
