package pdf

import (
	"bytes"
	"testing"

	"strategytracker/model"
)

// fpdfCompressed is the report of d as fpdf alone writes it, compressing
// each page stream in Output itself.
func fpdfCompressed(t *testing.T, d *model.Doc, opt Options) []byte {
	t.Helper()
	r, err := newReport(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	r.build()
	r.finishPages()
	if err := r.pdf.close(); err != nil {
		t.Fatal(err)
	}
	r.pdf.f.SetCompression(true)
	var b bytes.Buffer
	if err := r.pdf.f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The report compresses its page streams on every core; the bytes must be
// the ones fpdf writes when it compresses them itself.
func TestPagesCompressedAsFpdf(t *testing.T) {
	en := benchOptions()
	en.Lang = model.EN
	cases := []struct {
		name string
		d    *model.Doc
		opt  Options
	}{
		{"demo bg", demoDoc(t, true), demoOptions(model.BG)},
		{"demo en", demoDoc(t, false), demoOptions(model.EN)},
		{"generated 150 en", model.Generate(150, 1), en},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := fpdfCompressed(t, c.d, c.opt)
			got := writeReport(t, c.d, c.opt)
			if !bytes.Equal(got, want) {
				n := 0
				for n < min(len(got), len(want)) && got[n] == want[n] {
					n++
				}
				t.Fatalf("got %d bytes, want fpdf's %d; they differ from byte %d: got %q, want %q",
					len(got), len(want), n, got[n:min(n+40, len(got))], want[n:min(n+40, len(want))])
			}
			if bytes.Contains(got, []byte("<</Length")) && !bytes.Contains(got, []byte("/FlateDecode")) {
				t.Fatal("the page streams are not compressed")
			}
		})
	}
}

// A document this code does not know the form of is written as it is.
func TestPageWriterUnknownForm(t *testing.T) {
	cases := []struct {
		name, doc string
		pages     int
	}{
		{"no page stream", "%PDF-1.3\n3 0 obj\n<</Type /Page>>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<<>>\nstartxref\n40\n%%EOF\n", 1},
		{"a length past the end", "%PDF-1.3\nendobj\n4 0 obj\n<</Length 999>>\nstream\nq\nendstream\nendobj\nstartxref\n0\n%%EOF\n", 1},
		{"no cross-reference table", "%PDF-1.3\nendobj\n4 0 obj\n<</Length 1>>\nstream\nq\nendstream\nendobj\n%%EOF\n", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			pw := &pageWriter{w: &b, pages: c.pages}
			// In two parts: the writer keeps the first until the end comes.
			half := len(c.doc) / 2
			if _, err := pw.Write([]byte(c.doc[:half])); err != nil {
				t.Fatal(err)
			}
			if b.Len() != 0 {
				t.Fatalf("wrote %d bytes before the end of the document", b.Len())
			}
			if _, err := pw.Write([]byte(c.doc[half:])); err != nil {
				t.Fatal(err)
			}
			if err := pw.flush(); err != nil {
				t.Fatal(err)
			}
			if got, want := b.String(), c.doc; got != want {
				t.Fatalf("got %q, want the document as it was %q", got, want)
			}
		})
	}
}
