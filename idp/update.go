package idp

// Update changes the directory atomically: fn edits a copy of the current
// seed, which becomes the directory only if it is valid. Readers see the
// old directory or the new one, never a mix.
func (p *Provider) Update(fn func(*Seed) error) error {
	p.updateMu.Lock()
	defer p.updateMu.Unlock()
	seed := cloneSeed(p.dir.Load().seed)
	if err := fn(&seed); err != nil {
		return err
	}
	d, err := buildDirectory(seed)
	if err != nil {
		return err
	}
	p.dir.Store(d)
	return nil
}

// TenantByID finds a tenant of any cloud by its GUID in the current
// directory.
func (p *Provider) TenantByID(id string) (*TenantView, bool) { return p.Directory().TenantByID(id) }
