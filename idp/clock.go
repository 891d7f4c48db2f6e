package idp

import (
	"sync"
	"time"
)

// Clock is mockidp's sense of time: the system clock shifted by an offset,
// or frozen at one instant. Tests and scenarios move it instead of sleeping.
type Clock struct {
	mu     sync.RWMutex
	base   func() time.Time
	offset time.Duration
	frozen bool
	at     time.Time
}

// NewClock returns a clock that follows the system time.
func NewClock() *Clock { return &Clock{base: time.Now} }

// NewFixedClock returns a clock frozen at t until it is advanced or set.
func NewFixedClock(t time.Time) *Clock {
	return &Clock{base: time.Now, frozen: true, at: t}
}

// Now is the current mock time.
func (c *Clock) Now() time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.frozen {
		return c.at
	}
	return c.base().Add(c.offset)
}

// Advance moves the clock forward by d (backward when d is negative).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.at = c.at.Add(d)
		return
	}
	c.offset += d
}

// Set moves the clock to t; a running clock keeps running from there.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.at = t
		return
	}
	c.offset = t.Sub(c.base())
}
