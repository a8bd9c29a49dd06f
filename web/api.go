package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/attune-desk/attune"
)

// statusOf maps each error code to its HTTP status: the one table of it.
var statusOf = map[string]int{
	attune.EINVALID:      http.StatusUnprocessableEntity,
	attune.EMALFORMED:    http.StatusBadRequest,
	attune.ENOTFOUND:     http.StatusNotFound,
	attune.ECONFLICT:     http.StatusConflict,
	attune.EUNAUTHORIZED: http.StatusUnauthorized,
	attune.EFORBIDDEN:    http.StatusForbidden,
	attune.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	attune.ERATELIMIT:    http.StatusTooManyRequests,
	attune.EINTERNAL:     http.StatusInternalServerError,
}

// problem is an RFC 9457 problem detail.
type problem struct {
	Type      string            `json:"type"`
	Title     string            `json:"title"`
	Status    int               `json:"status"`
	Detail    string            `json:"detail"`
	Code      string            `json:"code"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// writeError answers with problem+json. Internal detail is logged, never sent.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := attune.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status >= 500 {
		s.Logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "request_id", requestIDOf(r), "err", err)
	}
	p := problem{
		Type:      "https://attune.help/problems/" + code,
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    attune.ErrorMessage(err),
		Code:      code,
		Fields:    attune.ErrorFields(err),
		RequestID: requestIDOf(r),
	}
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(p)
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// writeJSON encodes v into a buffer first, so an encoding failure becomes a clean 500
// rather than half a response.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		s.writeError(w, r, attune.Internal(err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// decode reads a JSON body into a T, within the configured size limit.
func decode[T any](s *Server, w http.ResponseWriter, r *http.Request) (T, error) {
	var v T
	body := http.MaxBytesReader(w, r.Body, s.Config.MaxBodyBytes)
	data, err := io.ReadAll(body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return v, attune.Errorf(attune.ETOOLARGE, "This request is too large: the limit is %s. Please send less at once.", byteSize(s.Config.MaxBodyBytes))
	} else if err != nil {
		return v, attune.Errorf(attune.EMALFORMED, "The request couldn't be read completely. Please try again.")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return v, attune.Errorf(attune.EMALFORMED, "The request body is empty. Please send a JSON object.")
	}
	if err := json.Unmarshal(data, &v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return v, attune.Invalid(map[string]string{typeErr.Field: fmt.Sprintf("This should be %s.", jsonKind(typeErr.Type.Kind().String()))})
		}
		return v, attune.Errorf(attune.EMALFORMED, "The request isn't valid JSON. Please check its syntax.")
	}
	return v, nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "text"
	case "int", "int64", "int32", "float64", "uint8":
		return "a number"
	case "bool":
		return "true or false"
	case "slice":
		return "a list"
	case "map", "struct":
		return "an object"
	}
	return "a different kind of value"
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// pathID reads a numeric {id} from the path.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, attune.Errorf(attune.ENOTFOUND, "We couldn't find that. The link may be wrong.")
	}
	return id, nil
}

// queryInt reads an optional integer query parameter.
func queryInt(r *http.Request, name string) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, attune.Invalid(map[string]string{name: "This should be a whole number of 0 or more."})
	}
	return n, nil
}
