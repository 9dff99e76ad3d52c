//go:build !unix

package scoring

import "time"

// CPUTime is not available on this system; callers fall back to the wall
// clock.
func CPUTime() (time.Duration, bool) { return 0, false }
