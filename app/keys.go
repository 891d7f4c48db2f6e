package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/mockidp/mockidp/clouds"
	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/datadir"
)

// loadOrCreateKeys gives every cloud its own signing key, kept in
// {dataDir}/keys so tokens stay valid across restarts. Keys on disk are
// loaded; a missing one is made when its cloud first signs or publishes,
// from RSA keys a pool starts making at once, so a first start serves its
// first token after one key, not four.
func loadOrCreateKeys(dataDir string, now time.Time) (*idp.Keyring, error) {
	dir := filepath.Join(dataDir, "keys")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	ring := idp.NewKeyring()
	var missing []*clouds.Cloud
	for _, c := range clouds.All() {
		k, err := loadKey(keyPath(dir, c))
		switch {
		case err == nil:
			ring.Set(c.Name, k)
		case errors.Is(err, fs.ErrNotExist):
			missing = append(missing, c)
		default:
			return nil, err
		}
	}
	if len(missing) == 0 {
		return ring, nil
	}
	pool := newKeyPool(len(missing))
	for _, c := range missing {
		ring.SetLazy(c.Name, func() (*idp.SigningKey, error) {
			return loadOrCreateLazily(dataDir, pool, keyPath(dir, c), "mockidp "+c.Name+" token signing", now)
		})
	}
	return ring, nil
}

func keyPath(dir string, c *clouds.Cloud) string { return filepath.Join(dir, c.Name+".pem") }

func loadKey(path string) (*idp.SigningKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := idp.ParseSigningKeyPEM(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (delete it to make a new key)", path, err)
	}
	return k, nil
}

// loadOrCreateLazily makes a cloud's key on first use under the data
// folder's lock, reading it instead when another instance sharing the
// folder made it first, so instances on one folder sign with one key.
func loadOrCreateLazily(dataDir string, pool *keyPool, path, cn string, now time.Time) (*idp.SigningKey, error) {
	unlock, err := datadir.Lock(dataDir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	k, err := loadKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	return createKey(pool, path, cn, now)
}

// createKey takes a key from the pool, certifies it as cn and keeps it at
// path. A key that cannot be written still signs: the error only means
// the next start makes another.
func createKey(pool *keyPool, path, cn string, now time.Time) (*idp.SigningKey, error) {
	rk, err := pool.take()
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	k, err := idp.CertifySigningKey(rk, cn, now)
	if err != nil {
		return nil, err
	}
	return k, datadir.WriteFile(path, k.PEM(), 0o600)
}
