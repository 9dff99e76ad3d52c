package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestReadFile(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		wantErr  error
		wantMsg  string // substring of the error message
		wantData string
		wantType string
		wantCS   string
	}{
		{name: "empty", data: nil, wantErr: ErrEmpty, wantMsg: "input is empty"},
		{name: "blank", data: []byte(" \n\t\n"), wantErr: ErrEmpty},
		{name: "nul bytes", data: []byte("abc\x00\x01\x02def"), wantErr: ErrBinary, wantMsg: "binary data, not text or HTML"},
		{name: "png", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), wantErr: ErrBinary},
		{name: "pdf", data: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), wantErr: ErrBinary},
		{name: "truncated gzip", data: []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), wantErr: ErrGzip, wantMsg: "corrupt gzip data"},
		{name: "gzip html", data: gz("<!doctype html><p>Hi</p>"), wantData: "<!doctype html><p>Hi</p>", wantType: "text/html", wantCS: "utf-8"},
		{name: "gzip binary", data: gz("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), wantErr: ErrBinary},
		{name: "gzip empty", data: gz(""), wantErr: ErrEmpty},
		{name: "invalid utf-8 text", data: []byte("The minister said caf\xe9 prices rose.\n"),
			wantErr: ErrInvalidUTF8, wantMsg: "invalid UTF-8 at byte 21"},
		{name: "utf-8 text", data: []byte("Title: Café\n\nBody.\n"), wantData: "Title: Café\n\nBody.\n", wantType: "text/plain", wantCS: "utf-8"},
		{name: "utf-8 bom", data: []byte("\xef\xbb\xbfHello there.\n"), wantData: "Hello there.\n", wantType: "text/plain", wantCS: "utf-8"},
		{name: "utf-16le bom", data: []byte("\xff\xfeH\x00i\x00!\x00"), wantData: "Hi!", wantType: "text/plain", wantCS: "utf-16le"},
		{name: "utf-16be bom", data: []byte("\xfe\xff\x00H\x00i"), wantData: "Hi", wantType: "text/plain", wantCS: "utf-16be"},
		{name: "latin-1 html with meta",
			data:     []byte(`<html><head><meta charset="iso-8859-1"><title>Caf` + "\xe9" + `</title></head><body><p>Caf` + "\xe9" + `</p></body></html>`),
			wantData: `<html><head><meta charset="iso-8859-1"><title>Café</title></head><body><p>Café</p></body></html>`,
			wantType: "text/html", wantCS: "windows-1252"},
		{name: "html without charset, invalid", data: []byte("<!DOCTYPE html><p>Caf\xe9</p>"), wantErr: ErrInvalidUTF8},
		{name: "html sniffed", data: []byte("  <!doctype html><html><body><p>Hi</p></body></html>"), wantType: "text/html", wantCS: "utf-8",
			wantData: "  <!doctype html><html><body><p>Hi</p></body></html>"},
		{name: "bom then nothing", data: []byte("\xef\xbb\xbf  \n"), wantErr: ErrEmpty},
		{name: "html claiming utf-16 in meta", data: []byte(`<html><head><meta charset="utf-16"></head><body>Café</body></html>`),
			wantData: `<html><head><meta charset="utf-16"></head><body>Café</body></html>`, wantType: "text/html", wantCS: "utf-8"},
		{name: "unknown charset label, valid utf-8", data: []byte(`<html><head><meta charset="utf8mb4"></head><body>Café</body></html>`),
			wantData: `<html><head><meta charset="utf8mb4"></head><body>Café</body></html>`, wantType: "text/html", wantCS: "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "in", tt.data)
			in, err := Read(context.Background(), p, Options{})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg) {
					t.Errorf("message %q does not contain %q", err, tt.wantMsg)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("message spans lines: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := string(in.Data); got != tt.wantData {
				t.Errorf("data = %q, want %q", got, tt.wantData)
			}
			if in.ContentType != tt.wantType || in.Charset != tt.wantCS {
				t.Errorf("type, charset = %q, %q, want %q, %q", in.ContentType, in.Charset, tt.wantType, tt.wantCS)
			}
		})
	}
}

// TestReadHugeFile checks that a 200 MB file fails at once, from its size,
// without being read into memory.
func TestReadHugeFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Truncate(p, 200<<20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Read(context.Background(), p, Options{MaxBytes: 32 << 20})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if got, want := err.Error(), "too large: more than 32 MiB"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %s: the file was read instead of refused", d)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := Read(context.Background(), filepath.Join(dir, "missing.txt"), Options{})
	if !errors.Is(err, fs.ErrNotExist) || strings.Contains(err.Error(), dir) {
		t.Errorf("missing file: %v", err)
	}
	_, err = Read(context.Background(), dir, Options{})
	if !errors.Is(err, ErrNotFile) {
		t.Errorf("directory: %v", err)
	}
}

func TestReadStdin(t *testing.T) {
	in, err := Read(context.Background(), "-", Options{Stdin: strings.NewReader("Hello.\n")})
	if err != nil || string(in.Data) != "Hello.\n" || in.Name != "-" {
		t.Fatalf("Read(-) = %+v, %v", in, err)
	}
	_, err = Read(context.Background(), "-", Options{Stdin: strings.NewReader(strings.Repeat("x", 2000)), MaxBytes: 1024})
	if !errors.Is(err, ErrTooLarge) || err.Error() != "too large: more than 1 KiB" {
		t.Errorf("large stdin: %v", err)
	}
	_, err = Read(context.Background(), "-", Options{Stdin: strings.NewReader("")})
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("empty stdin: %v", err)
	}
	in, err = Read(context.Background(), "-", Options{Stdin: bytes.NewReader(gz("Hello.\n"))})
	if err != nil || string(in.Data) != "Hello.\n" {
		t.Errorf("gzip stdin: %+v, %v", in, err)
	}
	// A small file that inflates past the cap is refused like a large one.
	_, err = Read(context.Background(), "-", Options{Stdin: bytes.NewReader(gz(strings.Repeat("x", 1<<20))), MaxBytes: 4096})
	if !errors.Is(err, ErrTooLarge) || err.Error() != "too large: more than 4 KiB uncompressed" {
		t.Errorf("gzip bomb: %v", err)
	}
}

func TestFetch(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "crosscheck/") {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><p>Story</p></body></html>"))
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=ISO-8859-1")
		w.Write([]byte("Caf\xe9 au lait"))
	})
	mux.HandleFunc("/meta-charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>` + "\xcf\xf0\xe8\xe2\xe5\xf2" + `</body></html>`))
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?n="+r.URL.Query().Get("n")+"x", http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/untyped-binary", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // stop net/http from sniffing a type
		w.Write([]byte("\x00\x01\x02\x03binary"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("word ", 1000)))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 10 {
			w.Write([]byte(strings.Repeat("word ", 100)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("first part "))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	f := NewFetcher(FetchOptions{Timeout: 300 * time.Millisecond, MaxBytes: 4000})
	tests := []struct {
		path     string
		wantErr  error
		wantMsg  string
		wantData string
		wantURL  string
	}{
		{path: "/article", wantData: "<html><body><p>Story</p></body></html>"},
		{path: "/moved", wantData: "<html><body><p>Story</p></body></html>", wantURL: "/article"},
		{path: "/latin1", wantData: "Café au lait"},
		{path: "/meta-charset", wantData: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>Привет</body></html>`},
		{path: "/missing", wantMsg: "HTTP 404 Not Found"},
		{path: "/loop", wantErr: ErrRedirects, wantMsg: "stopped after 10 redirects"},
		{path: "/image", wantErr: ErrContentType, wantMsg: "content type image/png is not HTML or text"},
		{path: "/untyped-binary", wantErr: ErrBinary},
		{path: "/big", wantErr: ErrTooLarge, wantMsg: "too large: more than 4000 bytes"},
		{path: "/big-chunked", wantErr: ErrTooLarge},
		{path: "/hang", wantErr: ErrTimeout, wantMsg: "timed out after 300ms"},
		{path: "/slow-body", wantErr: ErrTimeout, wantMsg: "timed out after 300ms"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			start := time.Now()
			in, err := f.Fetch(context.Background(), srv.URL+tt.path)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %s", d)
			}
			if tt.wantMsg != "" || tt.wantErr != nil {
				if err == nil {
					t.Fatalf("no error, got %q", in.Data)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("err = %v, want %v", err, tt.wantErr)
				}
				if tt.wantMsg != "" && err.Error() != tt.wantMsg {
					t.Errorf("message = %q, want %q", err, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(in.Data) != tt.wantData {
				t.Errorf("data = %q, want %q", in.Data, tt.wantData)
			}
			if tt.wantURL != "" && in.URL != srv.URL+tt.wantURL {
				t.Errorf("URL = %q, want %q", in.URL, srv.URL+tt.wantURL)
			}
		})
	}

	var se *StatusError
	if _, err := f.Fetch(context.Background(), srv.URL+"/missing"); !errors.As(err, &se) || se.Code != 404 {
		t.Errorf("404 error = %#v", err)
	}
}

func TestFetchCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := Read(ctx, srv.URL, Options{Timeout: 5 * time.Second})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestDenyPrivate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("secret"))
	}))
	defer srv.Close()
	f := NewFetcher(FetchOptions{Control: DenyPrivate, Timeout: time.Second})
	_, err := f.Fetch(context.Background(), srv.URL)
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused", err)
	}
	if strings.Contains(err.Error(), "Get ") {
		t.Errorf("message keeps the request prefix: %q", err)
	}

	for _, addr := range []string{"127.0.0.1:80", "[::1]:443", "10.1.2.3:80", "192.168.0.1:80", "169.254.169.254:80",
		"0.0.0.0:80", "100.64.0.1:80", "[fd00::1]:80", "[::ffff:127.0.0.1]:80"} {
		if err := DenyPrivate("tcp", addr, nil); !errors.Is(err, ErrRefused) {
			t.Errorf("DenyPrivate(%s) = %v, want refused", addr, err)
		}
	}
	for _, addr := range []string{"93.184.216.34:443", "[2606:2800:220:1::1]:80"} {
		if err := DenyPrivate("tcp", addr, nil); err != nil {
			t.Errorf("DenyPrivate(%s) = %v, want nil", addr, err)
		}
	}
}

func TestFetchBadURL(t *testing.T) {
	f := NewFetcher(FetchOptions{})
	for _, u := range []string{"http://", "http://exa mple.com/", "ftp://example.com/"} {
		if _, err := f.Fetch(context.Background(), u); err == nil || !strings.HasPrefix(err.Error(), "bad URL") {
			t.Errorf("Fetch(%q) = %v, want a bad URL error", u, err)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{32 << 20: "32 MiB", 1 << 30: "1 GiB", 3 << 10: "3 KiB", 1536: "1536 bytes", 1000: "1000 bytes"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
