package model

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"
)

// FuzzParseDate: ParseDate never panics, and what it accepts prints back
// to a date it accepts again as the same day.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-30", "30.11.2026", "31.02.2026", "29.02.2024", "2026-13-01", "", "0000-00-00", "9999-12-31", "1.1.2026", "２０２６-11-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseDate(%q): error code %q, want invalid", s, ErrorCode(err))
			}
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %s, which reads back as %v, %v", s, d, again, err)
		}
		if bg, err := ParseDate(d.Format(BG)); err != nil || bg != d {
			t.Fatalf("Bulgarian form %q of %s reads back as %v, %v", d.Format(BG), d, bg, err)
		}
	})
}

// FuzzDecode: the JSON loader never panics; a document it accepts and
// that validates encodes and decodes to the same bytes.
func FuzzDecode(f *testing.F) {
	demo, err := os.ReadFile("../assets/demo/strategy.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(demo)
	var small bytes.Buffer
	Encode(&small, Generate(3, 1))
	f.Add(small.Bytes())
	f.Add([]byte(`{"format":"strategytracker/1"}`))
	f.Add([]byte(`{"format":"strategytracker/1","measures":[{"code":"1.1","start":"2026-02-30"}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := DecodeBytes(b)
		if err != nil {
			return
		}
		if err := d.Validate(0); err != nil {
			if msg := ErrorMessage(err); msg == "" || !utf8.ValidString(msg) {
				t.Fatalf("validation error without a readable message: %q", msg)
			}
			return
		}
		var first, second bytes.Buffer
		if err := Encode(&first, d); err != nil {
			t.Fatal(err)
		}
		d2, err := DecodeBytes(first.Bytes())
		if err != nil {
			t.Fatalf("our own export does not load: %v\n%s", err, first.Bytes())
		}
		if err := Encode(&second, d2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("export → load → export differs:\n%s\n%s", first.Bytes(), second.Bytes())
		}
		Summarize(d, NewDate(2026, 11, 30)) // must not panic on any valid document
	})
}
