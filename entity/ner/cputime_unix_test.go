//go:build unix

package ner

import (
	"syscall"
	"time"
)

// cpuTime is the process's user and system CPU time so far: throughput per
// CPU second stays steady when other work shares the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
