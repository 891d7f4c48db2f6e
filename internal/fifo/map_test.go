package fifo

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time { return c.t }

func newTestMap(l Limits, c *fakeClock, removed *[]string) *Map[string, string] {
	return NewMap(Options[string, string]{
		Limits: l, Now: c.Now,
		Size:     func(k, v string) int64 { return int64(len(k) + len(v)) },
		OnRemove: func(k, _ string) { *removed = append(*removed, k) },
	})
}

func keys(m *Map[string, string]) []string {
	var out []string
	for e := m.head; e != nil; e = e.next {
		out = append(out, e.key)
	}
	return out
}

func TestMapBounds(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	type put struct {
		k, v string
		ttl  time.Duration
	}
	tests := []struct {
		name        string
		limits      Limits
		puts        []put
		advance     time.Duration
		wantKeys    []string
		wantBytes   int64
		wantRemoved []string
	}{
		{name: "ok/unbounded", puts: []put{{"a", "1", 0}, {"b", "2", 0}}, wantKeys: []string{"a", "b"}, wantBytes: 4},
		{name: "ok/count cap drops oldest", limits: Limits{MaxEntries: 2},
			puts:     []put{{"a", "1", 0}, {"b", "2", 0}, {"c", "3", 0}},
			wantKeys: []string{"b", "c"}, wantBytes: 4, wantRemoved: []string{"a"}},
		{name: "ok/byte cap drops oldest until it fits", limits: Limits{MaxBytes: 10},
			puts:     []put{{"a", "1234", 0}, {"b", "1234", 0}, {"c", "12345", 0}},
			wantKeys: []string{"c"}, wantBytes: 6, wantRemoved: []string{"a", "b"}},
		{name: "ok/replace keeps one entry", limits: Limits{MaxEntries: 2},
			puts:     []put{{"a", "1", 0}, {"b", "2", 0}, {"a", "33", 0}},
			wantKeys: []string{"b", "a"}, wantBytes: 5, wantRemoved: []string{"a"}},
		{name: "ok/expired entries go", puts: []put{{"a", "1", time.Minute}, {"b", "2", time.Hour}, {"c", "3", 0}},
			advance:  time.Minute,
			wantKeys: []string{"b", "c"}, wantBytes: 4, wantRemoved: []string{"a"}},
		{name: "ok/expiry out of insertion order", puts: []put{{"a", "1", time.Hour}, {"b", "2", time.Minute}, {"c", "3", 2 * time.Minute}},
			advance:  2 * time.Minute,
			wantKeys: []string{"a"}, wantBytes: 2, wantRemoved: []string{"b", "c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &fakeClock{t0}
			var removed []string
			m := newTestMap(tc.limits, c, &removed)
			for _, p := range tc.puts {
				var exp time.Time
				if p.ttl > 0 {
					exp = c.t.Add(p.ttl)
				}
				if err := m.Put(p.k, p.v, exp); err != nil {
					t.Fatal(err)
				}
			}
			c.t = c.t.Add(tc.advance)
			if got := m.Len(); got != len(tc.wantKeys) {
				t.Errorf("Len = %d, want %d", got, len(tc.wantKeys))
			}
			if got := fmt.Sprint(keys(m)); got != fmt.Sprint(tc.wantKeys) {
				t.Errorf("keys = %s, want %s", got, fmt.Sprint(tc.wantKeys))
			}
			if got := m.Bytes(); got != tc.wantBytes {
				t.Errorf("Bytes = %d, want %d", got, tc.wantBytes)
			}
			if fmt.Sprint(removed) != fmt.Sprint(tc.wantRemoved) {
				t.Errorf("removed = %v, want %v", removed, tc.wantRemoved)
			}
		})
	}
}

func TestMapRefusesWhatCannotFit(t *testing.T) {
	var removed []string
	m := newTestMap(Limits{MaxBytes: 4}, &fakeClock{time.Unix(0, 0)}, &removed)
	if err := m.Put("a", "12", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := m.Put("b", "12345", time.Time{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Put of an oversized entry: err = %v, want ErrTooLarge", err)
	}
	if _, ok := m.Get("a"); !ok || len(removed) != 0 {
		t.Errorf("an oversized Put evicted %v", removed)
	}
}

func TestMapPutAlreadyExpired(t *testing.T) {
	c := &fakeClock{time.Unix(100, 0)}
	var removed []string
	m := newTestMap(Limits{}, c, &removed)
	if err := m.Put("a", "1", c.t); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Get("a"); ok {
		t.Error("an entry expiring now was stored")
	}
}

func TestMapUpdate(t *testing.T) {
	c := &fakeClock{time.Unix(0, 0)}
	var removed []string
	m := newTestMap(Limits{MaxBytes: 8}, c, &removed)
	_ = m.Put("a", "1", c.t.Add(time.Minute))
	_ = m.Put("b", "2", time.Time{})

	// Sliding expiry and growth: the other entry makes room.
	found := m.Update("a", func(v *string, exp *time.Time) bool {
		*v, *exp = "123456", c.t.Add(time.Hour)
		return true
	})
	if !found || m.Bytes() != 7 || fmt.Sprint(removed) != "[b]" {
		t.Fatalf("after growth: found=%v bytes=%d removed=%v", found, m.Bytes(), removed)
	}
	c.t = c.t.Add(30 * time.Minute)
	if v, ok := m.Get("a"); !ok || v != "123456" {
		t.Fatalf("slid entry = %q, %v", v, ok)
	}
	// Growing past the whole budget drops the entry itself.
	m.Update("a", func(v *string, _ *time.Time) bool { *v = "123456789"; return true })
	if _, ok := m.Get("a"); ok || m.Bytes() != 0 {
		t.Errorf("oversized update kept: bytes=%d", m.Bytes())
	}
	// fn returning false deletes; a missing key is reported.
	_ = m.Put("c", "3", time.Time{})
	m.Update("c", func(*string, *time.Time) bool { return false })
	if m.Update("c", func(*string, *time.Time) bool { return true }) {
		t.Error("Update found a deleted entry")
	}
}

func TestMapSetLimitsAndClear(t *testing.T) {
	var removed []string
	m := newTestMap(Limits{}, &fakeClock{time.Unix(0, 0)}, &removed)
	for _, k := range []string{"a", "b", "c"} {
		_ = m.Put(k, "v", time.Time{})
	}
	m.SetLimits(Limits{MaxEntries: 1})
	if fmt.Sprint(keys(m)) != "[c]" {
		t.Fatalf("after SetLimits: %v", keys(m))
	}
	m.Clear()
	if m.Len() != 0 || m.Bytes() != 0 || m.head != nil || m.tail != nil {
		t.Error("Clear left entries")
	}
}

// A flood of maximum-size entries keeps the store within both bounds.
func TestStoreFloodStaysBounded(t *testing.T) {
	const maxBytes = 1 << 20
	s := New(Options[int, []byte]{Limits: Limits{MaxEntries: 1000, MaxBytes: maxBytes},
		Size: func(_ int, v []byte) int64 { return int64(len(v)) + 64 }})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				_ = s.Put(w*10000+i, make([]byte, 1+i%4096), time.Time{})
				s.Get(w*10000 + i - 1)
				s.Update(w*10000+i-2, func(v *[]byte, _ *time.Time) bool { *v = (*v)[:len(*v)/2]; return true })
			}
		}()
	}
	wg.Wait()
	if n, b := s.Len(), s.Bytes(); n > 1000 || b > maxBytes {
		t.Errorf("store holds %d entries, %d bytes; limits 1000, %d", n, b, maxBytes)
	}
	var sum int64
	s.mu.Lock()
	for e := s.m.head; e != nil; e = e.next {
		sum += e.size
	}
	s.mu.Unlock()
	if sum != s.Bytes() {
		t.Errorf("byte count drifted: entries sum to %d, store says %d", sum, s.Bytes())
	}
}

func BenchmarkStorePut(b *testing.B) {
	s := New(Options[int, string]{Limits: Limits{MaxEntries: 10000},
		Size: func(int, string) int64 { return 64 }})
	exp := time.Now().Add(time.Hour)
	for i := 0; b.Loop(); i++ {
		_ = s.Put(i, "v", exp)
	}
}

// Values walks the live entries oldest first, skips the expired and
// stops when told.
func TestMapValues(t *testing.T) {
	c := &fakeClock{t: time.Unix(1000, 0)}
	var removed []string
	m := newTestMap(Limits{}, c, &removed)
	for i, exp := range []time.Time{{}, c.t.Add(time.Minute), {}, {}} {
		if err := m.Put(fmt.Sprint("k", i), fmt.Sprint("v", i), exp); err != nil {
			t.Fatal(err)
		}
	}
	c.t = c.t.Add(2 * time.Minute)
	collect := func(limit int) []string {
		var got []string
		m.Values(func(v string) bool { got = append(got, v); return len(got) < limit })
		return got
	}
	if got := fmt.Sprint(collect(10)); got != "[v0 v2 v3]" {
		t.Errorf("all: %s", got)
	}
	if got := fmt.Sprint(collect(2)); got != "[v0 v2]" {
		t.Errorf("stopped after 2: %s", got)
	}
}
