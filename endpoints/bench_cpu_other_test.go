//go:build !unix

package endpoints

import "time"

func processCPU() (time.Duration, bool) { return 0, false }
