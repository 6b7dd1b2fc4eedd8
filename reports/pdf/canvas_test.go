package pdf

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"strategytracker/assets"
)

func testCanvas() *canvas {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	return newCanvas(f)
}

// The canvas counts pages and links as fpdf does, on its own.
func TestCanvasCounts(t *testing.T) {
	c := testCanvas()
	c.SetFont(family, "", 9)
	for range 3 {
		c.AddPage()
		c.cell(20, 30, 50, 4, "текст", "L")
	}
	c.SetPage(2)
	first, second := c.AddLink(), c.AddLink()
	c.SetLink(second, 10, -1)
	gotPage, gotPages := c.PageNo(), c.PageCount()
	if err := c.close(); err != nil {
		t.Fatal(err)
	}
	if want := c.f.PageNo(); gotPage != want {
		t.Errorf("page %d, fpdf's %d", gotPage, want)
	}
	if want := c.f.PageCount(); gotPages != want {
		t.Errorf("%d pages, fpdf's %d", gotPages, want)
	}
	if got, want := []int{first, second, 3}, []int{1, 2, c.f.AddLink()}; got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("links %v, want %v (fpdf's next)", got, want)
	}
}

// A panic of fpdf on its goroutine is an error of close, and the layout
// that goes on drawing never waits for it.
func TestCanvasPanic(t *testing.T) {
	c := testCanvas()
	c.SetFont(family, "", 9)
	c.AddPage()
	c.SetLink(99, 10, -1) // no such link: fpdf indexes past its links
	for range 5 * opBatch {
		c.cell(20, 30, 50, 4, "текст", "L")
	}
	if err := c.close(); err == nil {
		t.Fatal("got no error, want fpdf's panic")
	}
	if err := c.close(); err == nil {
		t.Fatal("closed twice: got no error, want the same panic")
	}
}
