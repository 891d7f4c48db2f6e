// Package console is mockidp's web console under /_mockidp/: pages a
// person reads (the directory, the request log, a token decoder, the
// scenarios, pending device codes, consents and sessions) and steers the
// mock from. Pages are rendered here from the same state the control API
// reads; every change a page makes is a same-origin JSON request to the
// control API itself, so the console holds no state logic of its own and
// sits behind the control API's one gate.
package console
