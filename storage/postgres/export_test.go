package postgres

// Test helpers for the external tests (cli_test.go), which drive the
// command line against the test server.
var (
	NewTestDatabase = newDatabase
	WithLogin       = withLogin
	DemoDoc         = demoDoc
	Export          = export
	PersonByRole    = personByRole
)
