package attune

import (
	"errors"
	"fmt"
)

// Error codes, a deliberately small set. web/ maps each to one HTTP status.
const (
	EINVALID      = "invalid"
	EMALFORMED    = "malformed" // the request itself could not be read, e.g. broken JSON
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ETOOLARGE     = "too_large"
	ERATELIMIT    = "rate_limited"
	EINTERNAL     = "internal"
)

// Error is Attune's one error type. Message is written for the person reading it, often
// someone having a hard day: plain, calm, and saying what to do next. Fields carries
// per-field messages for validation errors. Internal detail never goes in Message; wrap it
// in Err, which is logged but never shown.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("attune %s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("attune %s: %s", e.Code, e.Message)
}

// Unwrap exposes the internal cause to errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with a formatted, user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid builds a validation error from per-field messages.
func Invalid(fields map[string]string) *Error {
	return &Error{Code: EINVALID, Message: "Some details need another look. Each one is marked below.", Fields: fields}
}

// Internal wraps an unexpected failure. The person sees a calm message; the cause is logged.
func Internal(err error) *Error {
	return &Error{Code: EINTERNAL, Message: "Something went wrong on our side. Your work is safe; please try again in a moment.", Err: err}
}

// ErrorCode returns the code of an *Error in err's chain, or EINTERNAL for anything else.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of an *Error in err's chain, or a generic
// calm message for anything else, so internal detail never leaks.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return Internal(nil).Message
}

// ErrorFields returns the per-field messages of an *Error in err's chain, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
