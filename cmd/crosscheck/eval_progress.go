package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// evalProgress reports long work on stderr: a bar on a terminal, a line every
// tenth of the way otherwise (logs and CI keep readable output).
type evalProgress struct {
	bar *progressbar.ProgressBar // nil when not on a terminal

	mu    sync.Mutex
	w     io.Writer
	desc  string
	n     int
	total int
	shown int // tenths already reported
}

func newEvalProgress(w io.Writer, total int, desc string) *evalProgress {
	p := &evalProgress{w: w, desc: desc, total: total}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(desc),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// Add records n more items done.
func (p *evalProgress) Add(n int) {
	if p.bar != nil {
		p.bar.Add(n)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n += n
	if p.total > 0 {
		if tenth := p.n * 10 / p.total; tenth > p.shown {
			p.shown = tenth
			fmt.Fprintf(p.w, "%s: %d/%d\n", p.desc, p.n, p.total)
		}
	}
}

// Finish ends the report.
func (p *evalProgress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// round3 and round4 keep metrics readable in the evals' JSON lines.
func round3(x float64) float64 { return math.Round(x*1e3) / 1e3 }
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// writeJSONLines writes one JSON value per line to the file at path.
func writeJSONLines(path string, values []any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, v := range values {
		if err := enc.Encode(v); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
