package main

import (
	"context"
	"os"

	"strategytracker/cli"
	"strategytracker/model"
	"strategytracker/storage/postgres"
)

// connectServer opens the strategy on a PostgreSQL server as the login of
// address, asking for the password through askPassword when the server
// wants one that nothing else gave.
func connectServer(address string, askPassword func(prompt string) (string, error)) (model.Store, error) {
	if os.Getenv("PGCONNECT_TIMEOUT") == "" {
		os.Setenv("PGCONNECT_TIMEOUT", "15") // an unreachable server: a message in seconds, not minutes
	}
	s, err := postgres.Open(context.Background(), address, postgres.Options{AskPassword: askPassword, Backup: cli.BackupToFile})
	if err != nil {
		return nil, err // not a typed nil inside the interface
	}
	return s, nil
}
