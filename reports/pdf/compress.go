package pdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"io"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
)

// The page streams, compressed on every core.
//
// fpdf compresses the content stream of each page in Output, one page
// after the other, with a new zlib compressor for each: about 1 MB
// allocated and cleared per page, 2.2 GB for the 1,751 pages of the
// 2,000-measure strategy, most of the report's garbage collection and a
// third of its time, on one core. The report turns fpdf's compression
// off and, as fpdf hands over the finished document, compresses the page
// streams itself: on every core, each worker reusing one compressor.
// The bytes are fpdf's own — the same zlib level on the same streams,
// the same dictionaries, the cross-reference table's offsets moved by
// what each stream shrank (TestPagesCompressedAsFpdf compares the two
// byte for byte). A document in a form this code does not know is
// written as fpdf made it, uncompressed: still a valid PDF.

// pageWriter receives the uncompressed PDF of a document of pages pages
// from fpdf's Output and writes it to w with its page streams compressed.
type pageWriter struct {
	w     io.Writer
	pages int
	held  []byte // what came before the end of the document, when fpdf writes in parts
}

// Write writes the document once it is whole. fpdf writes its buffer in
// one call; were it ever to write in parts, they are kept until the end.
func (pw *pageWriter) Write(p []byte) (int, error) {
	doc := p
	if pw.held != nil || !bytes.HasSuffix(p, []byte("%%EOF\n")) {
		pw.held = append(pw.held, p...)
		if !bytes.HasSuffix(pw.held, []byte("%%EOF\n")) {
			return len(p), nil
		}
		doc = pw.held
	}
	pw.held = nil
	if err := writeCompressed(pw.w, doc, pw.pages); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes what was held back when the document never ended.
func (pw *pageWriter) flush() error {
	if pw.held == nil {
		return nil
	}
	_, err := pw.w.Write(pw.held)
	pw.held = nil
	return err
}

// stream is a page's content stream in the uncompressed document.
type stream struct {
	dict, data, end int    // where its dictionary ("<</Length …>>"), its data and what follows start
	packed          []byte // the data compressed
}

// writeCompressed writes doc with its page streams compressed, or doc as
// it is when its form is not the one expected.
func writeCompressed(w io.Writer, doc []byte, pages int) error {
	ss, okS := pageStreams(doc, pages)
	x, okX := readXref(doc)
	if !okS || !okX || (len(ss) > 0 && ss[len(ss)-1].end > x.at) {
		_, err := w.Write(doc)
		return err
	}
	compress(doc, ss)
	bw := bufio.NewWriterSize(w, 64<<10)
	at, grown := 0, 0
	ends := make([]int, len(ss))  // where each stream ended in doc
	shift := make([]int, len(ss)) // how much the document grew up to there
	var head []byte
	for i := range ss {
		s := &ss[i]
		head = append(head[:0], "<</Filter /FlateDecode /Length "...)
		head = strconv.AppendInt(head, int64(len(s.packed)), 10)
		head = append(head, ">>\nstream\n"...)
		bw.Write(doc[at:s.dict])
		bw.Write(head)
		bw.Write(s.packed)
		at = s.end
		grown += len(head) + len(s.packed) - (s.end - s.dict)
		ends[i], shift[i] = s.end, grown
	}
	moved := func(off int) int { // an offset of doc in what is written
		n := sort.SearchInts(ends, off+1) // the streams that ended at or before off
		if n == 0 {
			return off
		}
		return off + shift[n-1]
	}
	bw.Write(doc[at:x.entries])
	var num []byte
	for k := range x.n {
		e := x.entries + k*xrefEntry
		off, _ := strconv.Atoi(string(doc[e : e+10]))
		num = strconv.AppendInt(num[:0], int64(moved(off)), 10)
		bw.Write(zeros[:max(0, 10-len(num))])
		bw.Write(num)
		bw.Write(doc[e+10 : e+xrefEntry])
	}
	bw.Write(doc[x.entries+x.n*xrefEntry : x.start])
	bw.WriteString(strconv.Itoa(moved(x.at)))
	bw.Write(doc[x.startEnd:])
	return bw.Flush()
}

var zeros = []byte("0000000000")

// xrefEntry is the length of an entry of the cross-reference table as
// fpdf writes it: "%010d 00000 n \n".
const xrefEntry = 20

// xref is where the cross-reference table is in the document.
type xref struct {
	at       int // its start ("xref")
	entries  int // its first entry after the free one of object 0
	n        int // the entries there
	start    int // the number after "startxref"
	startEnd int // what follows that number
}

// readXref finds the cross-reference table of doc as fpdf writes it.
func readXref(doc []byte) (xref, bool) {
	var x xref
	k := bytes.LastIndex(doc, []byte("\nstartxref\n"))
	if k < 0 {
		return x, false
	}
	x.start = k + len("\nstartxref\n")
	x.startEnd = x.start + bytes.IndexByte(doc[x.start:], '\n')
	at, err := strconv.Atoi(string(doc[x.start:max(x.start, x.startEnd)]))
	if x.startEnd < x.start || err != nil || at < 0 || at >= k {
		return x, false
	}
	x.at = at
	rest := doc[at:]
	if !bytes.HasPrefix(rest, []byte("xref\n0 ")) {
		return x, false
	}
	line := bytes.IndexByte(rest[len("xref\n0 "):], '\n')
	if line < 0 {
		return x, false
	}
	size, err := strconv.Atoi(string(rest[len("xref\n0 ") : len("xref\n0 ")+line]))
	free := len("xref\n0 ") + line + 1
	if err != nil || size < 1 || !bytes.HasPrefix(rest[free:], []byte("0000000000 65535 f \n")) {
		return x, false
	}
	x.entries = at + free + xrefEntry
	x.n = size - 1
	if x.entries+x.n*xrefEntry > k {
		return x, false
	}
	for e := x.entries; e < x.entries+x.n*xrefEntry; e += xrefEntry {
		if !bytes.Equal(doc[e+10:e+xrefEntry], []byte(" 00000 n \n")) {
			return x, false
		}
	}
	return x, true
}

// pageStreams finds the content streams of the pages in doc: fpdf writes
// page n as object 2n+1 and its content as object 2n+2, in page order.
func pageStreams(doc []byte, pages int) ([]stream, bool) {
	ss := make([]stream, 0, pages)
	at := 0
	var mark []byte
	for n := 1; n <= pages; n++ {
		mark = append(mark[:0], '\n')
		mark = strconv.AppendInt(mark, int64(2*n+2), 10)
		mark = append(mark, " 0 obj\n<</Length "...)
		k := bytes.Index(doc[at:], mark)
		if k < 0 {
			return nil, false
		}
		dict := at + k + len(mark) - len("<</Length ")
		num := dict + len("<</Length ")
		e := bytes.Index(doc[num:], []byte(">>\nstream\n"))
		if e < 0 {
			return nil, false
		}
		size, err := strconv.Atoi(string(doc[num : num+e]))
		data := num + e + len(">>\nstream\n")
		if err != nil || size < 0 || data+size > len(doc) || !bytes.HasPrefix(doc[data+size:], []byte("\nendstream\n")) {
			return nil, false
		}
		ss = append(ss, stream{dict: dict, data: data, end: data + size})
		at = data + size
	}
	return ss, true
}

// compress compresses the streams' data as fpdf does (zlib, best speed),
// on every core; each worker reuses one compressor.
func compress(doc []byte, ss []stream) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ss)) {
		wg.Go(func() {
			var zw *zlib.Writer
			for {
				i := int(next.Add(1) - 1)
				if i >= len(ss) {
					return
				}
				s := &ss[i]
				var b bytes.Buffer
				b.Grow((s.end - s.data) / 3)
				if zw == nil {
					zw, _ = zlib.NewWriterLevel(&b, zlib.BestSpeed)
				} else {
					zw.Reset(&b)
				}
				zw.Write(doc[s.data:s.end])
				zw.Close()
				s.packed = b.Bytes()
			}
		})
	}
	wg.Wait()
}
