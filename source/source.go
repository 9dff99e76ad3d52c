// Package source reads crosscheck's inputs (files, standard input and
// http(s) URLs) into memory, with size caps, timeouts and charset decoding.
//
// Whatever the origin, Read hands back UTF-8 or an error: a declared
// charset (a byte-order mark, the HTTP Content-Type header, an HTML meta
// tag) is decoded, undeclared bytes must already be valid UTF-8, and
// gzip-compressed files are decompressed first (within the same size cap);
// binary data, empty input and oversized input are refused with a one-line
// reason. The reasons are sentinel errors (ErrEmpty, ErrBinary, ...) that
// callers can test with errors.Is.
package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Defaults used when an Options field is zero.
const (
	DefaultMaxBytes     = 32 << 20
	DefaultTimeout      = 20 * time.Second
	DefaultMaxRedirects = 10
)

// Reasons an input is refused. Errors returned by Read wrap one of them
// (or a *StatusError) and read as one line.
var (
	ErrEmpty       = errors.New("input is empty")
	ErrBinary      = errors.New("binary data, not text or HTML")
	ErrTooLarge    = errors.New("too large")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrCharset     = errors.New("cannot decode charset")
	ErrContentType = errors.New("unsupported content type")
	ErrRedirects   = errors.New("too many redirects")
	ErrTimeout     = errors.New("timed out")
	ErrNotFile     = errors.New("not a regular file")
	ErrRefused     = errors.New("address refused")
	ErrGzip        = errors.New("corrupt gzip data")
)

// Input is one input read into memory.
type Input struct {
	// Name is the input as the user gave it: a path, a URL or "-".
	Name string
	// URL is the final address after redirects, for URL inputs.
	URL string
	// ContentType is the media type without parameters ("text/html",
	// "text/plain"), from HTTP headers or sniffed.
	ContentType string
	// Charset names the encoding the input was decoded from ("utf-8",
	// "windows-1252", ...).
	Charset string
	// Header holds the HTTP response headers, for URL inputs.
	Header http.Header
	// Data is the content, decoded to valid UTF-8, without a byte-order
	// mark.
	Data []byte
}

// Options bound what Read accepts.
type Options struct {
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds fetching one URL, body included; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// MaxRedirects bounds the redirects followed for one URL; 0 means
	// DefaultMaxRedirects, a negative value follows none.
	MaxRedirects int
	// Stdin is read for the name "-".
	Stdin io.Reader
	// Fetcher fetches URLs. When nil, Read builds one from the fields
	// above; pass one to share connections across many reads.
	Fetcher *Fetcher
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// IsURL reports whether name is read over HTTP rather than from a file.
func IsURL(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "http://") || strings.HasPrefix(n, "https://")
}

// Read reads the named input: "-" for standard input, an http(s) URL, or a
// file path.
func Read(ctx context.Context, name string, opts Options) (*Input, error) {
	switch {
	case name == "-":
		if opts.Stdin == nil {
			return nil, errors.New("no standard input")
		}
		data, err := readCapped(opts.Stdin, opts.maxBytes())
		if err != nil {
			return nil, err
		}
		if data, err = gunzip(data, opts.maxBytes()); err != nil {
			return nil, err
		}
		return decode(&Input{Name: name}, data, "")
	case IsURL(name):
		f := opts.Fetcher
		if f == nil {
			f = NewFetcher(FetchOptions{
				MaxBytes:     opts.MaxBytes,
				Timeout:      opts.Timeout,
				MaxRedirects: opts.MaxRedirects,
			})
		}
		return f.Fetch(ctx, name)
	default:
		return readFile(name, opts.maxBytes())
	}
}

// readFile reads a file, refusing one larger than limit before reading a
// byte of it.
func readFile(name string, limit int64) (*Input, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fileError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileError(err)
	}
	switch {
	case st.IsDir():
		return nil, fmt.Errorf("%w: is a directory", ErrNotFile)
	case st.Mode().IsRegular() && st.Size() > limit:
		return nil, tooLarge(limit)
	}
	// Pipes, devices and files that grow while being read are still
	// bounded by readCapped.
	data, err := readCapped(f, limit)
	if err != nil {
		return nil, err
	}
	if data, err = gunzip(data, limit); err != nil {
		return nil, err
	}
	return decode(&Input{Name: name}, data, "")
}

// gunzip decompresses data when it is gzip (page dumps are often saved as
// .html.gz), holding the result to limit bytes as for any input; other
// data comes back as it is. Servers' gzip is undone by the HTTP client.
func gunzip(data []byte, limit int64) ([]byte, error) {
	if len(data) < 3 || data[0] != 0x1f || data[1] != 0x8b || data[2] != 8 {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrGzip, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrGzip, err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("%w uncompressed", tooLarge(limit))
	}
	return out, nil
}

// fileError turns an os error into a message that does not repeat the
// path: the CLI already names the input.
func fileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("no such file: %w", fs.ErrNotExist)
		case errors.Is(err, fs.ErrPermission):
			return fmt.Errorf("permission denied: %w", fs.ErrPermission)
		}
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// readCapped reads r whole, failing as soon as it passes limit bytes.
func readCapped(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(limit)
	}
	return data, nil
}

func tooLarge(limit int64) error {
	return fmt.Errorf("%w: more than %s", ErrTooLarge, formatBytes(limit))
}

// formatBytes writes n in the largest binary unit that divides it evenly,
// or in bytes.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// decode checks data and turns it into UTF-8, filling in.Data,
// in.ContentType and in.Charset. contentType is the declared media type
// with its parameters, or "" when none was declared.
func decode(in *Input, data []byte, contentType string) (*Input, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	mediaType, params, _ := mime.ParseMediaType(contentType)

	// A byte-order mark outranks every other declaration, as in browsers.
	if enc, name, n := bom(data); enc != nil {
		out, err := enc.NewDecoder().Bytes(data[n:])
		if err != nil {
			return nil, fmt.Errorf("%w %s: %v", ErrCharset, name, err)
		}
		return finish(in, out, mediaType, name)
	}
	if looksBinary(data) {
		return nil, ErrBinary
	}
	sniffed := sniff(data)
	if mediaType == "" {
		mediaType = sniffed
	}

	label := params["charset"]
	if label == "" && sniffed == "text/html" {
		label = metaCharset(data)
		if _, name := charset.Lookup(label); strings.HasPrefix(name, "utf-16") {
			// A page that could be read far enough to find its meta tag
			// is not UTF-16; browsers take such a tag for UTF-8.
			label = "utf-8"
		}
	}
	if label != "" {
		enc, name := charset.Lookup(label)
		if enc == nil {
			if utf8.Valid(data) {
				// Labels such as "utf8mb4" are unknown to the WHATWG
				// list but are UTF-8 in practice.
				return finish(in, data, mediaType, "utf-8")
			}
			return nil, fmt.Errorf("%w: unknown charset %q", ErrCharset, label)
		}
		if name == "utf-8" {
			return finish(in, data, mediaType, name)
		}
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("%w %s: %v", ErrCharset, name, err)
		}
		return finish(in, out, mediaType, name)
	}
	return finish(in, data, mediaType, "utf-8")
}

// finish rejects what is still not valid UTF-8 and fills in.
func finish(in *Input, data []byte, mediaType, charsetName string) (*Input, error) {
	if !utf8.Valid(data) {
		at := invalidAt(data)
		if charsetName == "utf-8" {
			return nil, fmt.Errorf("%w at byte %d, and no other charset declared", ErrInvalidUTF8, at)
		}
		return nil, fmt.Errorf("%w at byte %d after decoding %s", ErrInvalidUTF8, at, charsetName)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	if mediaType == "" {
		mediaType = sniff(data)
	}
	in.Data = data
	in.ContentType = mediaType
	in.Charset = charsetName
	return in, nil
}

func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// bom recognises a byte-order mark and returns the decoder it calls for
// and its length.
func bom(data []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return encoding.Nop, "utf-8", 3
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	}
	return nil, "", 0
}

// looksBinary reports whether the first bytes of data hold control bytes
// no text file has (NUL and the C0 controls other than tab, newlines, form
// feed and escape), or the signature of a known binary format.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b {
			return true
		}
	}
	t := http.DetectContentType(head)
	return !strings.HasPrefix(t, "text/")
}

// sniff tells HTML from plain text by the markup it starts with, as
// browsers do.
func sniff(data []byte) string {
	t, _, _ := mime.ParseMediaType(http.DetectContentType(data[:min(len(data), 512)]))
	if t == "text/html" || t == "text/xml" && bytes.Contains(bytes.ToLower(data[:min(len(data), 4096)]), []byte("<html")) {
		return "text/html"
	}
	return "text/plain"
}

// metaCharset finds the charset an HTML page declares in a <meta> tag near
// its start. golang.org/x/net/html/charset does the same pre-scan but does
// not tell a declared charset from its windows-1252 default, and a page
// with no declaration must not be decoded on a guess.
func metaCharset(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data[:min(len(data), 8192)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var cs, content string
			var httpEquiv bool
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "content":
					content = string(v)
				case "http-equiv":
					httpEquiv = strings.EqualFold(string(v), "content-type")
				}
				if !more {
					break
				}
			}
			if cs != "" {
				return strings.TrimSpace(cs)
			}
			if httpEquiv && content != "" {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
			}
		}
	}
}

// Decode checks data that arrived by other means (an upload, a request
// body) and decodes it to UTF-8 exactly as Read does. contentType is the
// declared media type with its parameters ("text/html; charset=utf-8"), or
// "" when none was declared; a declared charset outranks a <meta> tag.
func Decode(name string, data []byte, contentType string) (*Input, error) {
	return decode(&Input{Name: name}, data, contentType)
}
