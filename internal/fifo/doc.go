// Package fifo is mockidp's one bounded store: a map that keeps its
// entries in insertion order, caps them by count and by bytes (dropping the
// oldest first) and forgets entries whose expiry has passed on an injected
// clock. Authorization codes, refresh tokens, browser sessions and device
// codes all live in one, so a flood of requests with huge fields cannot
// grow memory without limit (issue 12).
//
// There are no timers: every call first drops what has expired, so expiry
// follows a mock clock exactly and tests never sleep.
package fifo
