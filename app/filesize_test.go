package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// maxFileLines is the most lines a file of the app may have, tests
// included (issue 19): a longer one is split by topic.
const maxFileLines = 450

func TestFilesAreShort(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(b, []byte("\n")); n > maxFileLines {
			t.Errorf("app/%s has %d lines, more than %d: split it by topic", f, n, maxFileLines)
		}
	}
}
