package idp

import (
	"io"
	"sync"
	"time"
)

// deviceStore keeps device authorizations by device code and by user code.
// There are no timers: every access first drops, oldest first, the codes
// whose retention is over, so expiry follows the mock clock exactly. A code
// is kept for one lifetime past its expiry, so a late poll still hears
// expired_token rather than bad_verification_code. The cap drops the oldest
// code when a new one would exceed it.
type deviceStore struct {
	mu         sync.Mutex
	byDevice   map[string]*DeviceAuthorization
	byUser     map[string]*DeviceAuthorization
	head, tail *DeviceAuthorization // oldest and newest, by issue order
	policy     DevicePolicy
}

func newDeviceStore(policy DevicePolicy) *deviceStore {
	return &deviceStore{byDevice: map[string]*DeviceAuthorization{}, byUser: map[string]*DeviceAuthorization{},
		policy: policy.withDefaults()}
}

// retained reports whether d is still kept at now.
func (s *deviceStore) retained(d *DeviceAuthorization, now time.Time) bool {
	return now.Before(d.Expires.Add(d.Expires.Sub(d.Issued)))
}

// evict drops expired codes from the old end and, while the store is at
// its cap, the oldest ones. Callers hold mu.
func (s *deviceStore) evict(now time.Time, room int) {
	for s.head != nil && (!s.retained(s.head, now) || len(s.byDevice)+room > s.policy.MaxCodes) {
		s.remove(s.head)
	}
}

func (s *deviceStore) remove(d *DeviceAuthorization) {
	delete(s.byDevice, d.DeviceCode)
	delete(s.byUser, d.UserCode)
	if d.prev != nil {
		d.prev.next = d.next
	} else {
		s.head = d.next
	}
	if d.next != nil {
		d.next.prev = d.prev
	} else {
		s.tail = d.prev
	}
	d.prev, d.next = nil, nil
}

// add stores d under fresh codes read from r and returns a copy.
func (s *deviceStore) add(d *DeviceAuthorization, r io.Reader, now time.Time) DeviceAuthorization {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.evict(now, 1)
	d.Issued = now
	d.Expires = now.Add(s.policy.Lifetime)
	d.Interval = s.policy.Interval
	for {
		d.UserCode = newUserCode(r)
		if _, dup := s.byUser[d.UserCode]; !dup {
			break
		}
	}
	d.DeviceCode = "DAQABIQEAAAD" + randomString(r, 96)
	s.byDevice[d.DeviceCode] = d
	s.byUser[d.UserCode] = d
	d.prev = s.tail
	if s.tail != nil {
		s.tail.next = d
	} else {
		s.head = d
	}
	s.tail = d
	return d.snapshot()
}

// with runs fn on the code a lookup finds, under the store's lock, after
// eviction; fn sees nil when there is no such code.
func (s *deviceStore) with(lookup func() *DeviceAuthorization, now time.Time, fn func(*DeviceAuthorization) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.evict(now, 0)
	return fn(lookup())
}

func (s *deviceStore) byDeviceCode(code string) func() *DeviceAuthorization {
	return func() *DeviceAuthorization { return s.byDevice[code] }
}

func (s *deviceStore) byUserCode(code string) func() *DeviceAuthorization {
	return func() *DeviceAuthorization { return s.byUser[NormalizeUserCode(code)] }
}

func (s *deviceStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byDevice)
}

func (s *deviceStore) setPolicy(p DevicePolicy) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.policy = p.withDefaults()
}

func (s *deviceStore) getPolicy() DevicePolicy {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.policy
}

// snapshot copies d without its list links and page ticket.
func (d *DeviceAuthorization) snapshot() DeviceAuthorization {
	c := *d
	c.prev, c.next, c.ticket, c.ticketAs = nil, nil, "", nil
	return c
}

func newUserCode(r io.Reader) string {
	b := make([]byte, userCodeLength)
	if _, err := io.ReadFull(r, b); err != nil {
		panic("idp: random source failed: " + err.Error())
	}
	for i := range b {
		b[i] = userCodeAlphabet[b[i]&31]
	}
	return string(b)
}
