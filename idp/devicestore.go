package idp

import (
	"github.com/mockidp/mockidp/internal/fifo"
	"io"
	"sync"
	"time"
)

// deviceStore keeps device authorizations by device code, in a fifo.Map,
// and an index by user code that the map's OnRemove keeps in step; one
// lock guards both. A code is kept for one lifetime past its expiry, so a
// late poll still hears expired_token rather than bad_verification_code.
type deviceStore struct {
	mu     sync.Mutex
	codes  *fifo.Map[string, *DeviceAuthorization]
	byUser map[string]string // user code → device code
	policy DevicePolicy
}

func newDeviceStore(policy DevicePolicy, now func() time.Time) *deviceStore {
	s := &deviceStore{byUser: map[string]string{}, policy: policy.withDefaults()}
	s.codes = fifo.NewMap(fifo.Options[string, *DeviceAuthorization]{
		Limits: s.limits(), Size: deviceSize, Now: now,
		OnRemove: func(_ string, d *DeviceAuthorization) { delete(s.byUser, d.UserCode) },
	})
	return s
}

func (s *deviceStore) limits() fifo.Limits {
	return fifo.Limits{MaxEntries: s.policy.MaxCodes, MaxBytes: maxDeviceCodeBytes}
}

// add stores d under fresh codes read from r and returns a copy.
func (s *deviceStore) add(d *DeviceAuthorization, r io.Reader, now time.Time) (DeviceAuthorization, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d.detach()
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
	if err := s.codes.Put(d.DeviceCode, d, d.Expires.Add(s.policy.Lifetime)); err != nil {
		return DeviceAuthorization{}, ErrServer.New().Wrap(err)
	}
	s.byUser[d.UserCode] = d.DeviceCode
	return d.snapshot(), nil
}

// with runs fn on the code a lookup finds, under the store's lock, after
// expired codes are dropped; fn sees nil when there is no such code.
func (s *deviceStore) with(lookup func() string, fn func(*DeviceAuthorization) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	found := s.codes.Update(lookup(), func(d **DeviceAuthorization, _ *time.Time) bool {
		err = fn(*d)
		return true
	})
	if !found {
		return fn(nil)
	}
	return err
}

func (s *deviceStore) byDeviceCode(code string) func() string {
	return func() string { return code }
}

func (s *deviceStore) byUserCode(code string) func() string {
	return func() string { return s.byUser[NormalizeUserCode(code)] }
}

func (s *deviceStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.codes.Len()
}

func (s *deviceStore) setPolicy(p DevicePolicy) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.policy = p.withDefaults()
	s.codes.SetLimits(s.limits())
}

func (s *deviceStore) getPolicy() DevicePolicy {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.policy
}

// snapshot copies d without its page ticket.
func (d *DeviceAuthorization) snapshot() DeviceAuthorization {
	c := *d
	c.ticket, c.ticketAs = "", nil
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

// pending copies, oldest first, at most max codes still waiting for a
// person's decision at now.
func (s *deviceStore) pending(now time.Time, max int) []DeviceAuthorization {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []DeviceAuthorization
	s.codes.Values(func(d *DeviceAuthorization) bool {
		if d.State == DevicePending && !d.Expired(now) {
			out = append(out, d.snapshot())
		}
		return len(out) < max
	})
	return out
}
