package xlsx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"
)

// orderedZip is the zip writer of the workbooks: excelize writes streamed
// sheets in map order, so entries are compressed as they come, kept, and
// written sorted on Close, [Content_Types].xml first, making the same
// workbook the same bytes.
type orderedZip struct {
	w       io.Writer
	entries []*zipEntry
	fw      *flate.Writer // compresses the entry being written
	cur     *zipEntry
}

// zipLevel is the compression of the workbooks: the fastest. Cell styles
// make sheet XML slow to compress at the default level (about 1.6× the
// time of unstyled cells) for a file only about 30% smaller.
const zipLevel = flate.BestSpeed

type zipEntry struct {
	name string
	data bytes.Buffer // compressed
	crc  hash.Hash32
	size uint64
	raw  []byte // kept uncompressed to be edited on Close
}

// contentTypes is the entry whose <Default> list excelize writes in map order.
const contentTypes = "[Content_Types].xml"

func (z *orderedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	e := &zipEntry{name: name, crc: crc32.NewIEEE()}
	z.entries = append(z.entries, e)
	if name == contentTypes {
		return rawWriter{e}, nil
	}
	if z.fw == nil {
		fw, err := flate.NewWriter(&e.data, zipLevel)
		if err != nil {
			return nil, err
		}
		z.fw = fw
	} else {
		z.fw.Reset(&e.data)
	}
	z.cur = e
	return entryWriter{z, e}, nil
}

type entryWriter struct {
	z *orderedZip
	e *zipEntry
}

func (w entryWriter) Write(p []byte) (int, error) {
	w.e.crc.Write(p)
	w.e.size += uint64(len(p))
	return w.z.fw.Write(p)
}

type rawWriter struct{ e *zipEntry }

func (w rawWriter) Write(p []byte) (int, error) {
	w.e.raw = append(w.e.raw, p...)
	return len(p), nil
}

// finish ends the compression of the entry being written.
func (z *orderedZip) finish() error {
	if z.cur == nil {
		return nil
	}
	z.cur = nil
	return z.fw.Close()
}

func (z *orderedZip) AddFS(fs.FS) error {
	return errors.New("xlsx: AddFS is not supported")
}

// zipDate is the MS-DOS date of every entry, 1980-01-01: the earliest a
// zip file can record.
const zipDate = 1<<5 | 1

func (z *orderedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	rank := func(name string) int {
		switch name {
		case contentTypes:
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	slices.SortStableFunc(z.entries, func(a, b *zipEntry) int {
		if c := cmp.Compare(rank(a.name), rank(b.name)); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		if e.raw != nil {
			if err := e.compress(sortDefaults(e.raw)); err != nil {
				return err
			}
		}
		//lint:ignore SA1019 the DOS date alone, without Modified's extra field, keeps the bytes those of earlier versions
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, ModifiedDate: zipDate,
			CRC32: e.crc.Sum32(), CompressedSize64: uint64(e.data.Len()), UncompressedSize64: e.size})
		if err != nil {
			return err
		}
		if _, err := e.data.WriteTo(w); err != nil {
			return err
		}
	}
	return zw.Close()
}

// compress sets the entry's content to b.
func (e *zipEntry) compress(b []byte) error {
	e.data.Reset()
	e.crc.Reset()
	e.crc.Write(b)
	e.size = uint64(len(b))
	fw, err := flate.NewWriter(&e.data, zipLevel)
	if err != nil {
		return err
	}
	if _, err := fw.Write(b); err != nil {
		return err
	}
	return fw.Close()
}

var defaultType = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)

// sortDefaults puts the <Default> content types in order: excelize adds
// those of image extensions in map order.
func sortDefaults(b []byte) []byte {
	spans := defaultType.FindAllIndex(b, -1)
	elems := make([][]byte, len(spans))
	for i, sp := range spans {
		elems[i] = b[sp[0]:sp[1]]
	}
	slices.SortFunc(elems, bytes.Compare)
	var out []byte
	last := 0
	for i, sp := range spans {
		out = append(out, b[last:sp[0]]...)
		out = append(out, elems[i]...)
		last = sp[1]
	}
	return append(out, b[last:]...)
}
