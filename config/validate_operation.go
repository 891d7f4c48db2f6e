package config

import (
	"strconv"
	"time"
)

// checkOperation parses the settings about how mockidp runs: who reaches
// the control API, how long shutdown waits, how many connections a
// listener holds.
func checkOperation(c *Config, at origins, errs *Errors) {
	if b, err := strconv.ParseBool(c.ControlAllowRemote); err != nil {
		errs.addf(at.of("control_allow_remote"), "%q: want true or false", c.ControlAllowRemote)
	} else {
		c.AllowRemote = b
	}
	if d, err := time.ParseDuration(c.ShutdownTimeout); err != nil || d < 0 {
		errs.addf(at.of("shutdown_timeout"), "%q: want a duration such as 10s", c.ShutdownTimeout)
	} else {
		c.Shutdown = d
	}
	if n, err := strconv.Atoi(c.MaxConnections); err != nil || n < 1 {
		errs.addf(at.of("max_connections"), "%q: want a whole number of at least 1", c.MaxConnections)
	} else {
		c.ConnLimit = n
	}
}
