package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"strategytracker/model"
)

// badUTF8 stands in, while a workbook is read, for each byte sequence of
// its XML that is not UTF-8: U+FDD0 is a noncharacter, valid in XML but
// never in text people type, so a cell that holds it held invalid bytes.
// (The XML reader would otherwise drop the whole part — every shared
// string — and the file would read as "not a template".) model.InvalidUTF8
// finds the parts; the marker finds the cell.
const badUTF8 = '\uFDD0'

// markInvalidUTF8 returns the workbook b with every invalid UTF-8 sequence
// of its XML parts replaced by badUTF8, or b itself when all are valid (or
// it is no zip: excelize says what is wrong with it then).
func markInvalidUTF8(b []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return b
	}
	parts := make([][]byte, len(zr.File))
	invalid := false
	var total int64
	for i, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return b
		}
		data, err := io.ReadAll(io.LimitReader(r, unzipLimit-total+1))
		r.Close()
		total += int64(len(data))
		if err != nil || total > unzipLimit {
			return b // excelize refuses it with its own limit
		}
		if model.InvalidUTF8(data) >= 0 {
			invalid = true
			parts[i] = bytes.ToValidUTF8(data, []byte(string(badUTF8)))
		}
	}
	if !invalid {
		return b
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, f := range zr.File {
		data := parts[i]
		if data == nil {
			r, err := f.Open()
			if err != nil {
				return b
			}
			data, err = io.ReadAll(io.LimitReader(r, unzipLimit))
			r.Close()
			if err != nil {
				return b
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return b
		}
		if _, err := w.Write(data); err != nil {
			return b
		}
	}
	if zw.Close() != nil {
		return b
	}
	return buf.Bytes()
}

// checkMarkedUTF8 refuses text read from a marked workbook that held
// invalid UTF-8, naming where (model.CheckUTF8's message).
func checkMarkedUTF8(where, s string) error {
	if i := strings.IndexRune(s, badUTF8); i >= 0 {
		e := model.Errorf(model.EINVALID, "%s: the text is not valid UTF-8 (byte %d): save the file as UTF-8", where, i)
		e.Field = where
		return e
	}
	return model.CheckUTF8(where, s)
}
