package app

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/mockidp/mockidp/idp"
	"github.com/mockidp/mockidp/internal/datadir"
)

// arcKeyStale: an Arc key file older than this at start belongs to a run
// that is gone (a live challenge is answered within seconds).
const arcKeyStale = 10 * time.Minute

// loadDataFolder loads or creates the CA, the signing keys and the daemon
// credential under the data folder's lock, so instances starting together
// on one folder (parallel CI jobs sharing ~/.cache/mockidp) agree on one
// CA and one key set: the first creates, the others wait and read.
func (a *App) loadDataFolder(now time.Time) (*idp.Keyring, error) {
	unlock, err := datadir.Lock(a.cfg.DataDir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := a.loadCA(now); err != nil {
		return nil, err
	}
	keys, err := loadOrCreateKeys(a.cfg.DataDir, now)
	if err != nil {
		return nil, fmt.Errorf("signing keys: %w", err)
	}
	a.credPath = filepath.Join(a.cfg.DataDir, "daemon-credential.pem")
	if err := datadir.WriteFile(a.credPath, idp.DaemonCredentialPEM, 0o600); err != nil {
		return nil, err
	}
	if n := datadir.RemoveStale(a.managedIdentityOptions().ArcKeyDir, ".key", now.Add(-arcKeyStale)); n > 0 {
		a.log.Info("removed stale Arc key files", "count", n)
	}
	return keys, nil
}
