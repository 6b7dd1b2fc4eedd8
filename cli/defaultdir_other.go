//go:build !windows

package cli

import (
	"os"
	"path/filepath"
)

// defaultDir is the app's folder under the user's configuration folder:
// ~/.config/strategytracker on Linux, ~/Library/Application
// Support/strategytracker on macOS.
func defaultDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "strategytracker"), nil
}
