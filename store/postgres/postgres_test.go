package postgres_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/postgres"
	"github.com/crosscheck/crosscheck/store/storetest"
)

// server is the PostgreSQL the tests use: $CROSSCHECK_TEST_POSTGRES (a
// postgres:// URL of a role that may create databases), or else a
// throwaway cluster started from the machine's PostgreSQL server binaries
// in a temporary folder, listening on a Unix socket only. skip says why
// neither could be had.
var (
	server string
	skip   string
	dbs    atomic.Int64
)

func TestMain(m *testing.M) {
	stop := func() {}
	if u := os.Getenv("CROSSCHECK_TEST_POSTGRES"); u != "" {
		server = u
	} else {
		var err error
		server, stop, err = startCluster()
		if err != nil {
			skip = "no PostgreSQL for the tests (set CROSSCHECK_TEST_POSTGRES, or install PostgreSQL's server binaries): " + err.Error()
		}
	}
	code := m.Run()
	stop()
	os.Exit(code)
}

// startCluster runs initdb and pg_ctl from /usr/lib/postgresql/*/bin, as
// the postgres user when the tests run as root (PostgreSQL refuses root).
func startCluster() (string, func(), error) {
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		return "", nil, fmt.Errorf("initdb not found")
	}
	bin := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "crosscheck-pg-")
	if err != nil {
		return "", nil, err
	}
	var prefix []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return "", nil, fmt.Errorf("running as root and no postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return "", nil, err
		}
		prefix = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(args ...string) error {
		all := append(append([]string{}, prefix...), args...)
		out, err := exec.Command(all[0], all[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %w: %s", filepath.Base(args[0]), err, out)
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	if err := run(filepath.Join(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	port := "54329"
	opts := fmt.Sprintf("-k %s -p %s -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off", dir, port)
	if err := run(filepath.Join(bin, "pg_ctl"), "-D", data, "-o", opts, "-w", "-l", filepath.Join(dir, "log"), "start"); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	stop := func() {
		run(filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop")
		os.RemoveAll(dir)
	}
	return "postgres://postgres@/postgres?host=" + url.QueryEscape(dir) + "&port=" + port, stop, nil
}

// newDatabase makes a fresh database for one test, dropped when it ends,
// and returns its URL.
func newDatabase(t *testing.T) string {
	t.Helper()
	if skip != "" {
		t.Skip(skip)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("crosscheck_test_%d_%d", os.Getpid(), dbs.Add(1))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	// Registered first, so it runs after the stores' own cleanups.
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, server)
		if err == nil {
			c.Exec(ctx, "DROP DATABASE IF EXISTS "+name)
			c.Close(ctx)
		}
	})
	return u.String()
}

// openURL opens a store on the database at u, closed when the test ends.
func openURL(t *testing.T, u string) store.Store {
	t.Helper()
	db, err := postgres.Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// open makes a fresh database for one test and opens a store on it.
func open(t *testing.T) store.Store {
	t.Helper()
	return openURL(t, newDatabase(t))
}

// openTwo opens one fresh database twice, as two processes sharing a
// store do: two connection pools.
func openTwo(t *testing.T) (store.Store, store.Store) {
	t.Helper()
	u := newDatabase(t)
	return openURL(t, u), openURL(t, u)
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

func TestConformanceShared(t *testing.T) { storetest.RunShared(t, openTwo) }

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{"postgres://x/y": true, "postgresql://x": true, "crosscheck.db": false, "/tmp/postgres.db": false} {
		if postgres.IsURL(s) != want {
			t.Errorf("IsURL(%q) = %v", s, !want)
		}
	}
}
