package main

import (
	"encoding/json"
	"unicode/utf8"
)

// readJSONLine reads one analyze input line, t already trimmed of white space: the id
// (raw JSON, nil when absent; it may share t's storage) and the text (nil when absent or
// null). It handles the
// usual {"id": …, "text": "…"} line without reflection and hands every other line
// (other keys, repeated keys, \u escapes, invalid UTF-8, anything malformed) to
// encoding/json, so the result is always exactly what json.Unmarshal gives.
func readJSONLine(t []byte) (id json.RawMessage, text *string, err error) {
	if id, text, ok := readJSONLineFast(t); ok {
		return id, text, nil
	}
	var rec jsonlInput
	if err := json.Unmarshal(t, &rec); err != nil {
		return nil, nil, err
	}
	return rec.ID, rec.Text, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// readJSONLineFast is the fast path of readJSONLine; ok is false when it cannot be sure.
func readJSONLineFast(t []byte) (id json.RawMessage, text *string, ok bool) {
	i := 0
	skip := func() {
		for i < len(t) && isSpace(t[i]) {
			i++
		}
	}
	if len(t) == 0 || t[0] != '{' {
		return nil, nil, false
	}
	i++
	var sawID, sawText bool
	for {
		skip()
		// a key: "id" or "text", written plainly
		var key string
		switch {
		case i+4 <= len(t) && string(t[i:i+4]) == `"id"`:
			key, i = "id", i+4
		case i+6 <= len(t) && string(t[i:i+6]) == `"text"`:
			key, i = "text", i+6
		default:
			return nil, nil, false
		}
		skip()
		if i >= len(t) || t[i] != ':' {
			return nil, nil, false
		}
		i++
		skip()
		if i >= len(t) {
			return nil, nil, false
		}
		if key == "id" {
			if sawID {
				return nil, nil, false
			}
			sawID = true
			j := i
			if t[i] == '"' {
				j++
				for j < len(t) && t[j] != '"' {
					if !jsonPlain[t[j]] {
						return nil, nil, false
					}
					j++
				}
				if j == len(t) {
					return nil, nil, false
				}
				j++
			} else {
				for j < len(t) && (t[j] >= '0' && t[j] <= '9' || t[j] == '-' || t[j] == '+' || t[j] == '.' || t[j] == 'e' || t[j] == 'E') {
					j++
				}
				if !isJSONNumber(t[i:j]) {
					return nil, nil, false
				}
			}
			id = json.RawMessage(t[i:j:j]) // points into the line, as long as it lives
			i = j
		} else {
			if sawText || t[i] != '"' {
				return nil, nil, false
			}
			sawText = true
			s, n, good := readJSONString(t[i:])
			if !good {
				return nil, nil, false
			}
			text = &s
			i += n
		}
		skip()
		if i >= len(t) {
			return nil, nil, false
		}
		switch t[i] {
		case ',':
			i++
			continue
		case '}':
			i++
			skip()
			return id, text, i == len(t)
		}
		return nil, nil, false
	}
}

// readJSONString reads the JSON string at the start of b: its value and how many bytes
// it took. good is false for what only encoding/json should judge: \u escapes, control
// characters, invalid UTF-8, an unterminated string.
func readJSONString(b []byte) (s string, n int, good bool) {
	i := 1
	start := i
	ascii := true
	for i < len(b) && b[i] != '"' && b[i] != '\\' {
		if b[i] < 0x20 {
			return "", 0, false
		}
		if b[i] >= utf8.RuneSelf {
			ascii = false
		}
		i++
	}
	if i < len(b) && b[i] == '"' {
		if !ascii && !utf8.Valid(b[start:i]) {
			return "", 0, false
		}
		return string(b[start:i]), i + 1, true
	}
	// simple escapes: unescape into a buffer
	buf := make([]byte, 0, len(b))
	buf = append(buf, b[start:i]...)
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			if !ascii && !utf8.Valid(buf) {
				return "", 0, false
			}
			return string(buf), i + 1, true
		case c < 0x20:
			return "", 0, false
		case c == '\\':
			if i+1 >= len(b) {
				return "", 0, false
			}
			switch b[i+1] {
			case '"', '\\', '/':
				buf = append(buf, b[i+1])
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			default: // \u and anything malformed
				return "", 0, false
			}
			i += 2
		default:
			if c >= utf8.RuneSelf {
				ascii = false
			}
			buf = append(buf, c)
			i++
		}
	}
	return "", 0, false
}
