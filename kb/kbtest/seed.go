package kbtest

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// SeedFile is the seed document whose fourteen empathy strategies are the relevance
// test's target articles. It is read at test time from the shared folder beside the
// repository and never copied into Attune.
const SeedFile = "000_ad0068abb472cff9.txt"

// FindShared looks for the shared folder (../shared from the repository root) from the
// current directory upwards, or at ATTUNE_SHARED.
func FindShared() (string, error) {
	if d := os.Getenv("ATTUNE_SHARED"); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		cand := filepath.Join(dir, "shared")
		if st, err := os.Stat(filepath.Join(cand, "seeds")); err == nil && st.IsDir() {
			return cand, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("the shared folder (../shared beside the repository) was not found")
		}
		dir = parent
	}
}

// Strategy is one numbered strategy of the seed document.
type Strategy struct {
	N     int
	Title string
	Body  string
}

var heading = regexp.MustCompile(`^\s*(\d+)\.\s+(.+?):?\s*$`)

// LoadStrategies reads the numbered strategies of a seed document: a line "N. Title:"
// followed by bullet lines that form its body.
func LoadStrategies(path string) ([]Strategy, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Strategy
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := heading.FindStringSubmatch(sc.Text()); m != nil && !strings.HasPrefix(line, "•") {
			n, _ := strconv.Atoi(m[1])
			out = append(out, Strategy{N: n, Title: strings.TrimSuffix(m[2], ":")})
			continue
		}
		if len(out) > 0 && strings.HasPrefix(line, "•") {
			s := &out[len(out)-1]
			s.Body = strings.TrimSpace(s.Body + " " + strings.TrimSpace(strings.TrimPrefix(line, "•")))
		}
	}
	return out, sc.Err()
}
