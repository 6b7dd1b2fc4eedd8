package model

import (
	"fmt"
	"io"
	"os"
)

// Limits on the size of the files the program reads whole (DESIGN.md
// §1.2): a file is refused before more than its limit is read, so that a
// huge or endless file (/dev/zero) cannot exhaust memory.
const (
	// MaxJSONSize bounds a strategy export (`load`).
	MaxJSONSize = 256 << 20
	// MaxWorkbookSize bounds a workbook (update template, plan workbook).
	MaxWorkbookSize = 64 << 20
	// MaxTextFileSize bounds a text file (a council decision, a narrative).
	MaxTextFileSize = 1 << 20
)

// ReadBounded reads r whole, refusing it once it holds more than limit
// bytes with an EINVALID error naming what (a file name) and the limit.
func ReadBounded(r io.Reader, limit int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, Errorf(EINVALID, "%s: cannot read it: %w", what, err)
	}
	if int64(len(b)) > limit {
		e := Errorf(EINVALID, "%s is larger than %s, the most the program reads of such a file", what, SizeLabel(limit))
		e.Rule, e.Limit = RuleTooLarge, float64(limit)
		return nil, e
	}
	return b, nil
}

// ReadFileBounded is ReadBounded of the file at path; a file that cannot
// be opened is ENOTFOUND.
func ReadFileBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Errorf(ENOTFOUND, "cannot read %s: %w", path, err)
	}
	defer f.Close()
	return ReadBounded(f, limit, path)
}

// SizeLabel writes a size in bytes as people read it: "64 MB", "1 MB",
// "512 bytes".
func SizeLabel(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
