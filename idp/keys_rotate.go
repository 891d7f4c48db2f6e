package idp

// MaxPublishedKeys bounds a cloud's JWKS across rotations with overlap:
// Entra publishes a handful of keys, and a test that rotates in a loop
// must not grow the key set (and every JWKS answer) without limit.
const MaxPublishedKeys = 4

// Rotate puts key first (it signs from now on) and keeps at most keep-1
// of the cloud's previous keys behind it, newest first, in one step: two
// rotations at once both land, neither loses the other's key. It reports
// false for a cloud without keys.
func (r *Keyring) Rotate(cloud string, key *SigningKey, keep int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.sets[cloud]
	if len(old) == 0 {
		return false
	}
	keys := []*SigningKey{key}
	for _, k := range old {
		if len(keys) >= keep {
			break
		}
		if k.ID != key.ID {
			keys = append(keys, k)
		}
	}
	r.sets[cloud] = keys
	return true
}
