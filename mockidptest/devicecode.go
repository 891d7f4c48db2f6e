package mockidptest

import "github.com/mockidp/mockidp/idp"

// WithDevicePolicy sets the device-code flow's timing: a shorter Interval
// makes clients that wait it out (x/oauth2) poll sooner, and SlowDown turns
// on slow_down answers.
func WithDevicePolicy(p idp.DevicePolicy) Option { return func(o *options) { o.device = p } }

// ApproveDeviceCode approves a pending device code, named by the user code
// the client was given, as user (UPN or object ID). Call it from the
// client's prompt callback; the client's next poll gets its tokens.
// Consent the request needs is granted for the user, as on the page.
func (s *Server) ApproveDeviceCode(userCode, user string) error {
	return s.IDP.Devices.ApproveDeviceCode(userCode, user)
}

// DenyDeviceCode declines a pending device code as user; the client's next
// poll gets authorization_declined.
func (s *Server) DenyDeviceCode(userCode, user string) error {
	return s.IDP.Devices.DeclineDeviceCode(userCode, user)
}
