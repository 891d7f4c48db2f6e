package seed

// The default seed's fixed identifiers, documented in README.md. The same
// apps and user exist in one tenant of every cloud, so national-cloud tests
// need no seed of their own.
const (
	DefaultTenantID        = "3a6e1f52-8c4d-4b7e-9a21-5f0c2d8e4b19"
	DefaultUSGovTenantID   = "5b7f2a63-9d5e-4c8f-8b32-6a1d3e9f5c2a"
	DefaultChinaTenantID   = "6c8a3b74-ae6f-4d9a-9c43-7b2e4fa06d3b"
	DefaultGermanyTenantID = "7d9b4c85-bf7a-4eab-8d54-8c3f5ab17e4c"

	DefaultDaemonClientID = "b2c4d6e8-1a3c-4e5f-8a7b-9c0d1e2f3a4b"
	DefaultDaemonSecret   = "mockidp-daemon-secret"
	DefaultCLIClientID    = "c3d5e7f9-2b4d-4f6a-9b8c-0d1e2f3a4b5c"
	DefaultAPIClientID    = "d4e6f8a0-3c5e-4a7b-8c9d-1e2f3a4b5c6d"
	DefaultAPISecret      = "mockidp-api-secret"
	DefaultAPIURI         = "api://mockidp-tasks"

	DefaultUserID       = "e5f7a9b1-4d6f-4b8c-9dae-2f3a4b5c6d7e"
	DefaultUserName     = "alex"
	DefaultUserPassword = "mockidp-password"
)
