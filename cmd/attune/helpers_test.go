package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets the test binary act as the attune command, so process-level tests (a
// SIGKILL mid-write, two replicas) run the real program without a separate build.
func TestMain(m *testing.M) {
	if args := os.Getenv("ATTUNE_TEST_AS_CLI"); args != "" {
		var argv []string
		if err := json.Unmarshal([]byte(args), &argv); err != nil {
			panic(err)
		}
		os.Args = append([]string{"attune"}, argv...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// syncBuffer is a bytes.Buffer safe for a command writing while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// cli runs attune in-process and returns its output and error.
func cli(t *testing.T, stdin string, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err = run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

var urlRe = regexp.MustCompile(`running at (http://127\.0\.0\.1:\d+)`)

// waitURL waits for a server's address in its output, then for /healthz to answer.
func waitURL(t *testing.T, out interface{ String() string }, done <-chan error) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("server stopped early: %v\n%s", err, out.String())
		default:
		}
		if m := urlRe.FindStringSubmatch(out.String()); m != nil {
			if resp, err := http.Get(m[1] + "/healthz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					return m[1]
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("server did not start:\n%s", out.String())
	return ""
}

// serveInProcess runs 'attune serve' in this process until the test ends.
func serveInProcess(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "warn"}, args...), func(string) string { return "" }, strings.NewReader(""), out, io.Discard)
	}()
	url := waitURL(t, out, done)
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down within 20 s")
		}
	})
	return url
}

// child is 'attune serve' running as a separate process.
type child struct {
	cmd  *exec.Cmd
	URL  string
	done chan error
	once sync.Once
	err  error
}

// wait waits up to d for the process to exit and returns how it ended.
func (c *child) wait(d time.Duration) (exited bool, err error) {
	select {
	case err := <-c.done:
		c.once.Do(func() { c.err = err })
		return true, c.err
	case <-time.After(d):
		return false, nil
	}
}

// serveProcess starts 'attune serve' as a child process, killed when the test ends.
func serveProcess(t *testing.T, args ...string) *child {
	t.Helper()
	argv, _ := json.Marshal(append([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "warn"}, args...))
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ATTUNE_TEST_AS_CLI="+string(argv))
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, done: make(chan error, 1)}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	// done gets the exit once; waitURL and wait both read through it.
	go func() { err := <-waited; c.done <- err; close(c.done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		c.wait(10 * time.Second)
	})
	c.URL = waitURL(t, out, c.done)
	return c
}

// api calls the JSON API with a bearer token.
func api(t *testing.T, method, url, token string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}
