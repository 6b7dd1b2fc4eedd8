// Package netfs tells whether a file lies on a network file system (an SMB
// share, NFS, …), where SQLite's locking is unreliable and its WAL mode
// does not work (https://www.sqlite.org/useovernet.html). The app and the
// command line warn when a strategy file is opened there. It imports the
// standard library only.
//
// What the system can tell: on Linux the file system type of the path
// (statfs); on Windows a UNC path (\\server\share\…) or a drive letter
// that Windows reports as a remote (mapped network) drive; on macOS the
// file system's type name. Elsewhere nothing is detected.
package netfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Result says where a path lies.
type Result struct {
	Network bool   // on a network file system
	Kind    string // what it is, e.g. "nfs", "cifs", "UNC path", "network drive Z:"; "" when local
}

// Check tells whether path (or, when it does not exist yet, the folder it
// would be created in) lies on a network file system.
func Check(path string) (Result, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Result{}, err
	}
	if r, ok := checkName(abs); ok {
		return r, nil
	}
	existing, err := nearestExisting(abs)
	if err != nil {
		return Result{}, err
	}
	return checkFS(existing)
}

// nearestExisting is path itself or its nearest existing parent.
func nearestExisting(path string) (string, error) {
	for p := path; ; {
		_, err := os.Stat(p)
		if err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		p = parent
	}
}

// IsUNC reports whether path is a Windows UNC path: \\server\share\… or
// \\?\UNC\server\share\… (either slash). \\?\C:\… and \\.\… are local.
func IsUNC(path string) bool {
	p := strings.ReplaceAll(path, "/", `\`)
	if rest, ok := strings.CutPrefix(p, `\\?\`); ok {
		return len(rest) > 4 && strings.EqualFold(rest[:4], `UNC\`)
	}
	if strings.HasPrefix(p, `\\.\`) {
		return false
	}
	rest, ok := strings.CutPrefix(p, `\\`)
	return ok && rest != "" && !strings.HasPrefix(rest, `\`)
}

// Warning is the message the app and the command line show for a file on
// a network file system, in English; the app translates it by its key.
func (r Result) Warning(path string) string {
	return path + " is on a network file system (" + r.Kind + "). SQLite's locking is not " +
		"reliable there: two people working on it at once can damage it. Copy the file to " +
		"this computer's disk to work on it, or use the shared server (postgres://…) when " +
		"your office has one."
}
