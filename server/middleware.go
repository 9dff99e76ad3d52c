package server

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// contentSecurityPolicy allows the page's own scripts and styles and
// nothing else: no inline script, no frames, no form posts elsewhere. It
// is the second wall behind html/template's escaping.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// buildHandler wires the routes and wraps them in the middleware, from the
// outside in: recover, security headers, body limit, cross-origin check.
func (s *Server) buildHandler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+rt.Pattern, s.endpoint(rt))
	}
	mux.Handle("/api/", s.fallback(mux, true))
	mux.Handle("/", s.fallback(mux, false))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, isAPI(r), errorf(http.StatusForbidden, CodeForbidden, "cross-origin request refused"))
	}))
	var h http.Handler = cop.Handler(mux)
	h = s.limitBody(h)
	h = s.secure(h)
	return s.recoverPanics(h)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// endpoint adapts a route's handler: it checks the write token and turns a
// returned error into an error response.
func (s *Server) endpoint(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.Write && rt.API && !s.bearerOK(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="crosscheck"`)
			s.fail(w, r, true, errorf(http.StatusUnauthorized, CodeUnauthorized, "this server needs an API token for writes: send Authorization: Bearer TOKEN"))
			return
		}
		if err := rt.handle(w, r); err != nil {
			s.fail(w, r, rt.API, err)
		}
	})
}

// fallback answers requests no route matched: 405 with the allowed
// methods when the path exists, else 404, in the error shape the part of
// the site expects.
func (s *Server) fallback(mux *http.ServeMux, api bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var allowed []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pat := mux.Handler(probe); pat != "/" && pat != "/api/" && pat != "" {
				allowed = append(allowed, m)
			}
		}
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			s.fail(w, r, api, errorf(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "%s is not allowed here; use %s", r.Method, strings.Join(allowed, " or ")))
			return
		}
		s.fail(w, r, api, errorf(http.StatusNotFound, CodeNotFound, "no such page: %s", r.URL.Path))
	})
}

// fail writes err as a JSON error object (API) or an error page (UI).
// Causes are logged; clients see only the status, code and message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, api bool, err error) {
	e := asError(err)
	if e.Status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", e.Status, "err", err)
	} else {
		s.log.Debug("request refused", "method", r.Method, "path", r.URL.Path, "status", e.Status, "err", err)
	}
	if api {
		writeJSON(w, e.Status, errorBody{e})
		return
	}
	s.render(w, r, e.Status, "error", &page{Title: http.StatusText(e.Status), Data: e})
}

// writeJSON writes v with status. Encoding goes to a buffer first so that
// a value that cannot be encoded becomes a clean 500.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		status = http.StatusInternalServerError
		b.Reset()
		json.NewEncoder(&b).Encode(errorBody{&Error{Status: status, Code: CodeInternal, Message: "could not encode the response"}})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(b.Len()))
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// secure sets the headers every response carries.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses bodies larger than MaxBody: at once when the
// Content-Length says so, and while reading otherwise.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.MaxBody {
			// Close the connection rather than drain a huge body.
			w.Header().Set("Connection", "close")
			s.fail(w, r, isAPI(r), errorf(http.StatusRequestEntityTooLarge, CodeTooLarge, "request body larger than %d bytes", s.cfg.MaxBody))
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic into a plain 500: the stack goes to the log,
// never to the client.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		start := time.Now()
		defer func() {
			v := recover()
			if v == nil {
				s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if sw.status != 0 {
				// Part of the answer is out; all that is left is to cut
				// the connection so the client sees it incomplete.
				panic(http.ErrAbortHandler)
			}
			e := &Error{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "internal error; the server log has the details"}
			if isAPI(r) {
				writeJSON(sw, e.Status, errorBody{e})
				return
			}
			sw.Header().Set("Content-Type", "text/plain; charset=utf-8")
			sw.WriteHeader(e.Status)
			fmt.Fprintln(sw, e.Message)
		}()
		next.ServeHTTP(sw, r)
	})
}

// statusWriter records the status written, so that a panic after the
// headers went out is not answered twice.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// tokenOK compares a presented token with the configured one in constant
// time; hashing first keeps the comparison from leaking the length.
func (s *Server) tokenOK(got string) bool {
	if s.cfg.Token == "" {
		return true
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.cfg.Token))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

func (s *Server) bearerOK(r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	return ok && s.tokenOK(strings.TrimSpace(tok))
}

// CSRF protection for the web forms: a random cookie, and in each form a
// token that is the HMAC of that cookie under a key only the server holds
// (the signed double-submit pattern). Another site can neither read the
// token nor forge one for a cookie it planted. This sits behind
// http.CrossOriginProtection, which already refuses cross-origin posts
// from browsers that send Sec-Fetch-Site or Origin; the token covers the
// rest.
const (
	csrfCookie = "crosscheck_csrf"
	csrfField  = "csrf"
)

// csrfToken returns the form token for this client, setting the cookie it
// is bound to when the client has none.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return s.csrfSign(c.Value)
	}
	raw := make([]byte, 24)
	rand.Read(raw)
	v := base64.RawURLEncoding.EncodeToString(raw)
	http.SetCookie(w, &http.Cookie{
		Name: csrfCookie, Value: v, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil, MaxAge: 12 * 3600,
	})
	return s.csrfSign(v)
}

func (s *Server) csrfSign(v string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte(v))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

var errCSRF = errorf(http.StatusForbidden, CodeForbidden,
	"the form has expired or was not sent from this site: reload the page and submit it again")

// checkCSRF verifies a posted form's token against the client's cookie.
func (s *Server) checkCSRF(r *http.Request, token string) error {
	c, err := r.Cookie(csrfCookie)
	if err != nil || token == "" {
		return errCSRF
	}
	want := s.csrfSign(c.Value)
	if !hmac.Equal([]byte(token), []byte(want)) {
		return errCSRF
	}
	return nil
}
