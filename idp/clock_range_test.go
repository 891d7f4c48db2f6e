package idp_test

import (
	"errors"
	"testing"
	"time"

	"github.com/mockidp/mockidp/idp"
)

func TestClockRefusesOverflow(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, clock := range []*idp.Clock{idp.NewClock(), idp.NewFixedClock(start)} {
		before := clock.Now()
		if err := clock.TrySet(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)); !errors.Is(err, idp.ErrClockRange) {
			t.Errorf("set 9999-12-31: %v, want ErrClockRange", err)
		}
		if err := clock.TryAdvance(time.Duration(1<<63 - 1)); !errors.Is(err, idp.ErrClockRange) {
			t.Errorf("advance by the largest duration: %v, want ErrClockRange", err)
		}
		if got := clock.Now(); got.Sub(before) > time.Minute || got.Year() != before.Year() {
			t.Errorf("a refused change moved the clock to %s", got)
		}
		if err := clock.TrySet(time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if err := clock.TryAdvance(time.Hour); err != nil {
			t.Fatal(err)
		}
		if got := clock.Now(); got.Year() != 2199 && got.Year() != 2200 {
			t.Errorf("after set 2199-12-31 and advance 1h the clock reads %s", got)
		}
	}
}
