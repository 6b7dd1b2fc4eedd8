// Command strategytracker-cli is the console binary: every command of the
// desktop binary's command line (package cli), without the UI toolkit, so
// it starts fast, prints only its own output and, on Windows, is the one
// scripts use (the desktop exe is a GUI program without a console).
package main

import (
	"os"

	"strategytracker/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
