package app

import (
	"os"
	"path/filepath"
	"strings"
)

// Where the app proposes to save the files it writes (exports, the
// workbooks, the published site): the folder used last, else the user's
// documents.

// prefSaveFolder is the folder a file was last exported or saved to.
const prefSaveFolder = "folder.save"

// saveFolder is where files are proposed to go: the folder used last, else
// the user's documents, else the home folder.
func (u *UI) saveFolder() string {
	if d := u.app.Preferences().String(prefSaveFolder); isDir(d) {
		return d
	}
	if d := documentsDir(); d != "" {
		return d
	}
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	return filepath.Dir(u.store.Path())
}

// documentsDir is the user's documents folder (XDG_DOCUMENTS_DIR of
// user-dirs.dirs on Linux, else ~/Documents), "" when there is none.
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if cfg, err := os.UserConfigDir(); err == nil {
		if b, err := os.ReadFile(filepath.Join(cfg, "user-dirs.dirs")); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(strings.TrimSpace(line), "XDG_DOCUMENTS_DIR="); ok {
					d := strings.ReplaceAll(strings.Trim(v, `"`), "$HOME", home)
					if isDir(d) && d != home {
						return d
					}
				}
			}
		}
	}
	for _, name := range []string{"Documents", "Документи"} {
		if d := filepath.Join(home, name); isDir(d) {
			return d
		}
	}
	return ""
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return p != "" && err == nil && st.IsDir()
}
