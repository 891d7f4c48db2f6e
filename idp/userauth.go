package idp

import "crypto/subtle"

// AuthenticateUser checks a username and password as Entra's sign-in does:
// unknown user 50034, disabled 50057, wrong password 50126.
func (p *Directory) AuthenticateUser(t *TenantView, username, password string) (*User, error) {
	u, ok := t.User(username)
	if !ok {
		return nil, ErrUserNotFound.New(username, t.DefaultDomain())
	}
	if u.Disabled {
		return nil, ErrUserDisabled.New()
	}
	if u.Password == "" || subtle.ConstantTimeCompare([]byte(u.Password), []byte(password)) != 1 {
		return nil, ErrBadPassword.New()
	}
	return u, nil
}

// NewSignIn starts a session for a user who just proved a password.
func (p *Directory) NewSignIn(u *User) SignIn {
	return SignIn{User: u, SessionID: NewGUID(p.rand), AuthTime: p.clock.Now(), AMR: []string{"pwd"}}
}
