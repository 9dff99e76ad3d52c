package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadClusters reads word clusters in the format of Liang's wcluster
// "paths" file, one "BITS<TAB>WORD" per line (a third column, the count, is
// ignored).
func ReadClusters(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read clusters: %w", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		if sc.Text() == "" {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 || cols[0] == "" || strings.Trim(cols[0], "01") != "" || cols[1] == "" {
			return nil, fmt.Errorf("read clusters %s line %d: want BITS<TAB>WORD, got %q", path, line, sc.Text())
		}
		out[cols[1]] = cols[0]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read clusters %s: %w", path, err)
	}
	return out, nil
}

// WriteClusters writes clusters in the format ReadClusters reads, sorted by
// bit string and word. Words that the format cannot hold (empty, or with a
// tab or line break) are left out.
func WriteClusters(w io.Writer, clusters map[string]string) error {
	words := sortedKeys(clusters)
	bw := bufio.NewWriter(w)
	lines := make([]string, 0, len(words))
	for _, wd := range words {
		if wd == "" || strings.ContainsAny(wd, "\t\n\r") {
			continue // cannot be written in this format, and never a token
		}
		lines = append(lines, clusters[wd]+"\t"+wd)
	}
	sortStrings(lines)
	for _, l := range lines {
		if _, err := fmt.Fprintln(bw, l); err != nil {
			return fmt.Errorf("write clusters: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write clusters: %w", err)
	}
	return nil
}
