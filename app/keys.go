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
// {dataDir}/keys so tokens stay valid across restarts.
func loadOrCreateKeys(dataDir string, now time.Time) (*idp.Keyring, error) {
	dir := filepath.Join(dataDir, "keys")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	ring := idp.NewKeyring()
	for _, c := range clouds.All() {
		path := filepath.Join(dir, c.Name+".pem")
		key, err := loadOrCreateKey(path, "mockidp "+c.Name+" token signing", now)
		if err != nil {
			return nil, err
		}
		ring.Set(c.Name, key)
	}
	return ring, nil
}

func loadOrCreateKey(path, cn string, now time.Time) (*idp.SigningKey, error) {
	data, err := os.ReadFile(path)
	if err == nil {
		k, err := idp.ParseSigningKeyPEM(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (delete it to make a new key)", path, err)
		}
		return k, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	k, err := idp.GenerateSigningKey(cn, now)
	if err != nil {
		return nil, err
	}
	if err := datadir.WriteFile(path, k.PEM(), 0o600); err != nil {
		return nil, err
	}
	return k, nil
}
