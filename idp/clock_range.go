package idp

import (
	"fmt"
	"time"
)

// The mock clock's range. A running clock keeps its shift from the system
// time as a time.Duration, which overflows past about 292 years: 9999-12-31
// used to read back as 2319. Token times are Unix seconds well inside
// this range too.
var (
	ClockMin = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	ClockMax = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// ErrClockRange is returned for a time outside [ClockMin, ClockMax].
var ErrClockRange = fmt.Errorf("the mock clock runs from %s to %s", ClockMin.Format(time.DateOnly), ClockMax.Format(time.DateOnly))

// TrySet is Set for a time from outside: it refuses one the clock cannot
// hold instead of overflowing.
func (c *Clock) TrySet(t time.Time) error {
	if t.Before(ClockMin) || t.After(ClockMax) {
		return fmt.Errorf("%s: %w", t.Format(time.RFC3339), ErrClockRange)
	}
	c.Set(t)
	return nil
}

// TryAdvance is Advance for a duration from outside: it refuses a move
// that would leave the clock's range, atomically with the move.
func (c *Clock) TryAdvance(d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.at
	if !c.frozen {
		now = c.base().Add(c.offset)
	}
	to := now.Add(d)
	if to.Before(ClockMin) || to.After(ClockMax) || (d > 0) != to.After(now) && d != 0 {
		return fmt.Errorf("advancing %s from %s: %w", d, now.Format(time.RFC3339), ErrClockRange)
	}
	if c.frozen {
		c.at = to
	} else {
		c.offset += d
	}
	return nil
}
