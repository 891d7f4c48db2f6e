// Package arm is Azure Resource Manager's stand-in: served on each
// cloud's management host (management.azure.com, …), reached through the
// proxy or a host alias. Answers carry ARM's headers and error envelope;
// scenarios match on the caller the bearer token names.
package arm
