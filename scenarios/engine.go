package scenarios

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ErrNotFound is returned by Remove and Get for an unknown scenario ID.
var ErrNotFound = errors.New("no scenario with that id")

// Engine holds the active scenarios and picks the one a request triggers.
// It is safe for concurrent use.
type Engine struct {
	now func() time.Time

	// count mirrors len(list) so Pick can skip the lock when nothing is
	// scripted: the common case, and the one the benchmarks measure.
	count atomic.Int32
	mu    sync.Mutex
	list  []*entry
	next  int
}

type entry struct {
	s     Scenario
	seen  int // matching requests inside the window
	fired int
	rng   *rand.Rand
}

// NewEngine starts an empty engine reading the mock clock through now
// (nil means time.Now).
func NewEngine(now func() time.Time) *Engine {
	if now == nil {
		now = time.Now
	}
	return &Engine{now: now}
}

// Empty reports whether no scenario is active, without locking.
func (e *Engine) Empty() bool { return e.count.Load() == 0 }

// Add validates s, gives it an ID when it has none and activates it. An ID
// already in use is replaced, so a config file applied twice does not
// double its scenarios.
func (e *Engine) Add(s Scenario) (Scenario, error) {
	if err := Validate(s); err != nil {
		return Scenario{}, err
	}
	s.Match.Endpoint = strings.ToLower(s.Match.Endpoint)
	s.Match.Cloud = strings.ToLower(s.Match.Cloud)
	e.mu.Lock()
	defer e.mu.Unlock()
	if s.ID == "" {
		e.next++
		s.ID = "s" + strconv.Itoa(e.next)
	}
	ent := &entry{s: s}
	if s.Probability > 0 {
		ent.rng = rand.New(rand.NewPCG(uint64(s.Seed), 0x6d6f636b696470))
	}
	for i, old := range e.list {
		if old.s.ID == s.ID {
			e.list[i] = ent
			return s, nil
		}
	}
	e.list = append(e.list, ent)
	e.count.Store(int32(len(e.list)))
	return s, nil
}

// AddAll adds every scenario or, when one is invalid, none; errors name
// the scenario by position.
func (e *Engine) AddAll(list []Scenario) ([]Scenario, error) {
	var errs []error
	for i, s := range list {
		if err := Validate(s); err != nil {
			errs = append(errs, fmt.Errorf("scenario %d: %w", i, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([]Scenario, 0, len(list))
	for _, s := range list {
		added, err := e.Add(s)
		if err != nil {
			return out, err
		}
		out = append(out, added)
	}
	return out, nil
}

// Remove deactivates the scenario with that ID.
func (e *Engine) Remove(id string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, ent := range e.list {
		if ent.s.ID == id {
			e.list = append(e.list[:i], e.list[i+1:]...)
			e.count.Store(int32(len(e.list)))
			return nil
		}
	}
	return ErrNotFound
}

// Clear removes the scenarios scoped to tenant (Match.Tenant, compared
// without case) and returns how many went; tenant "" removes all.
func (e *Engine) Clear(tenant string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	kept := e.list[:0]
	for _, ent := range e.list {
		if tenant != "" && !strings.EqualFold(ent.s.Match.Tenant, tenant) {
			kept = append(kept, ent)
		}
	}
	removed := len(e.list) - len(kept)
	clear(e.list[len(kept):])
	e.list = kept
	e.count.Store(int32(len(e.list)))
	return removed
}

// List returns the active scenarios in the order they are tried.
func (e *Engine) List() []Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Status, 0, len(e.list))
	for _, ent := range e.list {
		out = append(out, Status{Scenario: ent.s, Seen: ent.seen, Fired: ent.fired})
	}
	return out
}

// Get returns one active scenario.
func (e *Engine) Get(id string) (Status, error) {
	for _, s := range e.List() {
		if s.ID == id {
			return s, nil
		}
	}
	return Status{}, ErrNotFound
}

// Pick returns the action of the first scenario that fires for r. A
// scenario whose Times are used up is removed.
func (e *Engine) Pick(r Request) (Fired, bool) {
	if e.count.Load() == 0 {
		return Fired{}, false
	}
	now := e.now()
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, ent := range e.list {
		if !ent.fires(r, now) {
			continue
		}
		ent.fired++
		if ent.s.Times > 0 && ent.fired >= ent.s.Times {
			e.list = append(e.list[:i], e.list[i+1:]...)
			e.count.Store(int32(len(e.list)))
		}
		return Fired{ScenarioID: ent.s.ID, Action: ent.s.Action}, true
	}
	return Fired{}, false
}

// fires counts a matching request and decides whether this one triggers.
func (ent *entry) fires(r Request, now time.Time) bool {
	s := &ent.s
	if (!s.After.IsZero() && now.Before(s.After)) || (!s.Until.IsZero() && !now.Before(s.Until)) {
		return false
	}
	if !matches(s.Match, r) {
		return false
	}
	ent.seen++
	if s.Every > 1 && ent.seen%s.Every != 0 {
		return false
	}
	if ent.rng != nil && ent.rng.Float64() >= s.Probability {
		return false
	}
	return true
}
