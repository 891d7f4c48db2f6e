package fifo

import (
	"errors"
	"time"
)

// ErrTooLarge is returned for an entry bigger than the store's whole byte
// budget; it is not stored.
var ErrTooLarge = errors.New("fifo: entry larger than the store's byte limit")

// Limits bound a store. A zero field means no bound on that axis.
type Limits struct {
	MaxEntries int
	MaxBytes   int64
}

// Options configure a store. Size is required: it is the caller's estimate
// of what an entry costs in memory, keys included. Now defaults to
// time.Now. OnRemove, if set, sees every entry that leaves the store
// (evicted, expired, deleted, replaced or cleared); it runs with the
// store's lock held and must not call back into the store.
type Options[K comparable, V any] struct {
	Limits
	Size     func(K, V) int64
	Now      func() time.Time
	OnRemove func(K, V)
}

type entry[K comparable, V any] struct {
	key        K
	val        V
	expires    time.Time // zero: never
	size       int64
	prev, next *entry[K, V]
}

// Map is the unsynchronised store; Store wraps it with a mutex. Use a Map
// directly only when a caller's own lock also guards a secondary index
// kept in step through OnRemove.
type Map[K comparable, V any] struct {
	opts       Options[K, V]
	items      map[K]*entry[K, V]
	head, tail *entry[K, V] // oldest and newest by insertion
	bytes      int64
	// nextExpiry is a lower bound of every entry's expiry: before it no
	// sweep can find anything, so most calls skip the walk.
	nextExpiry time.Time
}

// NewMap builds an empty Map.
func NewMap[K comparable, V any](o Options[K, V]) *Map[K, V] {
	if o.Size == nil {
		panic("fifo: Options.Size is required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Map[K, V]{opts: o, items: map[K]*entry[K, V]{}}
}

// Put stores v under k until expires (zero: no expiry), replacing any
// entry with that key, then drops the oldest entries until the limits
// hold again. An entry that could never fit is refused with ErrTooLarge;
// one whose expiry has already passed is not stored.
func (m *Map[K, V]) Put(k K, v V, expires time.Time) error {
	now := m.sweep()
	size := m.opts.Size(k, v)
	if m.opts.MaxBytes > 0 && size > m.opts.MaxBytes {
		return ErrTooLarge
	}
	if old, ok := m.items[k]; ok {
		m.remove(old)
	}
	if !expires.IsZero() && !now.Before(expires) {
		return nil
	}
	e := &entry[K, V]{key: k, val: v, expires: expires, size: size, prev: m.tail}
	if m.tail != nil {
		m.tail.next = e
	} else {
		m.head = e
	}
	m.tail = e
	m.items[k] = e
	m.bytes += size
	m.noteExpiry(expires)
	m.enforce(e)
	return nil
}

// Get returns the live entry for k.
func (m *Map[K, V]) Get(k K) (V, bool) {
	m.sweep()
	e, ok := m.items[k]
	if !ok {
		var zero V
		return zero, false
	}
	return e.val, true
}

// Update runs fn on the live entry for k, letting it change the value and
// the expiry in place; fn returning false deletes the entry. The entry's
// size is measured again afterwards and the limits enforced, other entries
// going first. Update reports whether k was found.
func (m *Map[K, V]) Update(k K, fn func(v *V, expires *time.Time) (keep bool)) bool {
	now := m.sweep()
	e, ok := m.items[k]
	if !ok {
		return false
	}
	if !fn(&e.val, &e.expires) || (!e.expires.IsZero() && !now.Before(e.expires)) {
		m.remove(e)
		return true
	}
	size := m.opts.Size(e.key, e.val)
	m.bytes += size - e.size
	e.size = size
	m.noteExpiry(e.expires)
	if m.opts.MaxBytes > 0 && size > m.opts.MaxBytes {
		m.remove(e)
		return true
	}
	m.enforce(e)
	return true
}

// Delete removes k and reports whether it was there.
func (m *Map[K, V]) Delete(k K) bool {
	e, ok := m.items[k]
	if ok {
		m.remove(e)
	}
	return ok
}

// Values calls fn on every live entry, oldest first, until fn returns
// false. fn must not change the store.
func (m *Map[K, V]) Values(fn func(V) bool) {
	m.sweep()
	for e := m.head; e != nil; e = e.next {
		if !fn(e.val) {
			return
		}
	}
}

// Len is the number of live entries.
func (m *Map[K, V]) Len() int {
	m.sweep()
	return len(m.items)
}

// Bytes is the summed size of the live entries.
func (m *Map[K, V]) Bytes() int64 {
	m.sweep()
	return m.bytes
}

// Clear removes every entry.
func (m *Map[K, V]) Clear() {
	for m.head != nil {
		m.remove(m.head)
	}
	m.nextExpiry = time.Time{}
}

// SetLimits changes the bounds; entries beyond the new ones go at once.
func (m *Map[K, V]) SetLimits(l Limits) {
	m.opts.Limits = l
	m.enforce(nil)
}

// Limits are the current bounds.
func (m *Map[K, V]) Limits() Limits { return m.opts.Limits }

// enforce drops the oldest entries, sparing keep, until the limits hold.
func (m *Map[K, V]) enforce(keep *entry[K, V]) {
	for e := m.head; e != nil && m.over(); {
		next := e.next
		if e != keep {
			m.remove(e)
		}
		e = next
	}
}

func (m *Map[K, V]) over() bool {
	l := m.opts.Limits
	return (l.MaxEntries > 0 && len(m.items) > l.MaxEntries) || (l.MaxBytes > 0 && m.bytes > l.MaxBytes)
}

func (m *Map[K, V]) noteExpiry(t time.Time) {
	if !t.IsZero() && (m.nextExpiry.IsZero() || t.Before(m.nextExpiry)) {
		m.nextExpiry = t
	}
}

// sweep drops every expired entry when the earliest known expiry has
// passed, and returns the time it used. Each walk removes an entry or
// raises nextExpiry, so the cost is amortised over what expires.
func (m *Map[K, V]) sweep() time.Time {
	now := m.opts.Now()
	if m.nextExpiry.IsZero() || now.Before(m.nextExpiry) {
		return now
	}
	m.nextExpiry = time.Time{}
	for e := m.head; e != nil; {
		next := e.next
		if !e.expires.IsZero() && !now.Before(e.expires) {
			m.remove(e)
		} else {
			m.noteExpiry(e.expires)
		}
		e = next
	}
	return now
}

func (m *Map[K, V]) remove(e *entry[K, V]) {
	delete(m.items, e.key)
	m.bytes -= e.size
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		m.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		m.tail = e.prev
	}
	e.prev, e.next = nil, nil
	if m.opts.OnRemove != nil {
		m.opts.OnRemove(e.key, e.val)
	}
}
