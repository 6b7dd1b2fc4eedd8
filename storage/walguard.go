package storage

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"strategytracker/model"
)

// A -wal or -journal file beside a strategy file is applied by SQLite when
// it opens the file, and SQLite cannot tell whether it belongs there: a
// WAL's checksums and salts chain its frames to its own header, never to
// the database. A WAL left by a crash of another file (or of an older copy
// of this one) would overwrite the strategy with foreign pages.
//
// So every write transaction of this package also rewrites the one row of
// table wal_guard (migration 0002): a 44-byte blob holding a magic, the
// table's root page, the previous guard and a new random one. Each
// committed transaction in a WAL therefore carries a page image with
// (prev, cur), and the main file holds the guard of the last transaction
// checkpointed into it. A WAL belongs to the file when the file's guard is
// the first transaction's prev or any transaction's cur: then the WAL
// continues exactly the state the file is in. checkCompanions reads both
// files with plain reads, before SQLite sees them, and refuses otherwise.

// guardMagic starts the guard blob ("STTR" + "walG").
var guardMagic = []byte("STTRwalG")

const guardSize = 8 + 4 + 16 + 16

type guard struct {
	root      uint32
	prev, cur [16]byte
}

func (g guard) blob() []byte {
	b := make([]byte, 0, guardSize)
	b = append(b, guardMagic...)
	b = binary.BigEndian.AppendUint32(b, g.root)
	b = append(b, g.prev[:]...)
	return append(b, g.cur[:]...)
}

func parseGuard(b []byte) (guard, bool) {
	var g guard
	if len(b) < guardSize || !bytes.Equal(b[:8], guardMagic) {
		return g, false
	}
	g.root = binary.BigEndian.Uint32(b[8:12])
	copy(g.prev[:], b[12:28])
	copy(g.cur[:], b[28:44])
	return g, true
}

// guardRoot returns the root page of table wal_guard, 0 when the schema
// has none yet (a file being upgraded from schema 1).
func guardRoot(ctx context.Context, q queryer) (uint32, error) {
	var root int64
	err := q.QueryRowContext(ctx, "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'wal_guard'").Scan(&root)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return uint32(root), err
}

// guardSource makes the random part of new guards. A file created with a
// given DatabaseID (generate: same seed, same file) gets its guards from a
// stream seeded by it for as long as the creating Store is open.
type guardSource struct {
	seed string
	n    uint64
}

func (g *guardSource) next() (b [16]byte) {
	if g == nil || g.seed == "" {
		rand.Read(b[:])
		return b
	}
	g.n++
	sum := sha256.Sum256(fmt.Appendf(nil, "%s/%d", g.seed, g.n))
	copy(b[:], sum[:])
	return b
}

// beginWrite begins a write transaction that carries a new guard: every
// write of this package begins with it (migrations, which may create the
// guard's table, call touchGuard after their script).
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, wrapSQL(err, "begin a change of %s", s.path)
	}
	if err := s.touchGuard(ctx, tx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// reguard gives a copy made with VACUUM INTO a guard of its own: the copy
// has its own page layout, so no WAL of the original may ever be applied
// to it, and the copied guard (the original's, naming the original's root
// page) must not match one.
func reguard(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return model.Errorf(model.EINTERNAL, "%s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: abs}).EscapedPath())
	if err != nil {
		return model.Errorf(model.EINTERNAL, "open the copy %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return model.Errorf(model.EINTERNAL, "open the copy %s: %w", path, err)
	}
	defer tx.Rollback()
	root, err := guardRoot(ctx, tx)
	if err != nil || root == 0 {
		return wrapSQL(err, "the copy %s", path) // schema 1: no guard to renew
	}
	fresh := &Store{path: path, guards: nil}
	if _, err := tx.ExecContext(ctx, "DELETE FROM wal_guard"); err != nil {
		return wrapSQL(err, "the copy %s", path)
	}
	if err := fresh.touchGuard(ctx, tx); err != nil {
		return err
	}
	return wrapSQL(tx.Commit(), "the copy %s", path)
}

// touchGuard makes the transaction carry a new guard (see above). Every
// write transaction calls it.
func (s *Store) touchGuard(ctx context.Context, tx *sql.Tx) error {
	root, err := guardRoot(ctx, tx)
	if err != nil || root == 0 {
		return wrapSQL(err, "read the WAL guard")
	}
	var old []byte
	err = tx.QueryRowContext(ctx, "SELECT data FROM wal_guard WHERE id = 1").Scan(&old)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return wrapSQL(err, "read the WAL guard")
	}
	g := guard{root: root}
	if prev, ok := parseGuard(old); ok {
		g.prev = prev.cur
	}
	g.cur = s.guards.next()
	_, err = tx.ExecContext(ctx, "INSERT INTO wal_guard (id, data) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data", g.blob())
	return wrapSQL(err, "write the WAL guard")
}

// pageGuard finds the guard in a b-tree page image: the live cell of
// rowid 1 of a table leaf page whose payload holds the guard blob, and
// whose recorded root page is this page (so that text typed by a user that
// happens to hold the magic is never mistaken for it).
func pageGuard(page []byte, pgno uint32) (guard, bool) {
	if len(page) < 8 || page[0] != 0x0D || pgno < 2 {
		return guard{}, false
	}
	if !bytes.Contains(page, guardMagic) {
		return guard{}, false
	}
	cells := int(binary.BigEndian.Uint16(page[3:5]))
	for i := 0; i < cells && 8+2*i+2 <= len(page); i++ {
		off := int(binary.BigEndian.Uint16(page[8+2*i:]))
		if off >= len(page) {
			continue
		}
		size, n := varint(page[off:])
		off += n
		rowid, n := varint(page[off:])
		off += n
		if n == 0 || rowid != 1 || size > uint64(len(page)-off) {
			continue
		}
		payload := page[off : off+int(size)]
		at := bytes.Index(payload, guardMagic)
		if at < 0 {
			continue
		}
		if g, ok := parseGuard(payload[at:]); ok && g.root == pgno {
			return g, true
		}
	}
	return guard{}, false
}

// varint decodes a SQLite varint; n is 0 when b is too short.
func varint(b []byte) (v uint64, n int) {
	for i := 0; i < 9 && i < len(b); i++ {
		if i == 8 {
			return v<<8 | uint64(b[i]), 9
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}

// walContent is what SQLite would apply from a WAL: the frames up to its
// last valid commit frame, as its recovery finds them.
type walContent struct {
	pageSize  int
	committed int     // committed frames
	guards    []guard // one per committed transaction that wrote the guard
}

// readWAL reads a WAL file the way SQLite's recovery does (wal.c,
// walIndexRecover): a header with a valid checksum, then frames whose salts
// match the header and whose running checksum is right, up to the first
// that is not; only the frames up to the last commit frame count.
func readWAL(path string) (walContent, error) {
	var w walContent
	f, err := os.Open(path)
	if err != nil {
		return w, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	hdr := make([]byte, 32)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return w, nil // shorter than a header: SQLite ignores it
	}
	magic := binary.BigEndian.Uint32(hdr[0:4])
	if magic&^1 != 0x377f0682 {
		return w, nil
	}
	bigEndian := magic&1 == 1
	pageSize := int(binary.BigEndian.Uint32(hdr[8:12]))
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 || binary.BigEndian.Uint32(hdr[4:8]) != 3007000 {
		return w, nil
	}
	s0, s1 := walChecksum(bigEndian, hdr[:24], 0, 0)
	if s0 != binary.BigEndian.Uint32(hdr[24:28]) || s1 != binary.BigEndian.Uint32(hdr[28:32]) {
		return w, nil
	}
	w.pageSize = pageSize
	frame := make([]byte, 24+pageSize)
	var txGuard *guard // the guard written by the transaction being read
	for n := 1; ; n++ {
		if _, err := io.ReadFull(r, frame); err != nil {
			break
		}
		pgno := binary.BigEndian.Uint32(frame[0:4])
		if pgno == 0 || !bytes.Equal(frame[8:16], hdr[16:24]) {
			break
		}
		s0, s1 = walChecksum(bigEndian, frame[:8], s0, s1)
		s0, s1 = walChecksum(bigEndian, frame[24:], s0, s1)
		if s0 != binary.BigEndian.Uint32(frame[16:20]) || s1 != binary.BigEndian.Uint32(frame[20:24]) {
			break
		}
		if g, ok := pageGuard(frame[24:], pgno); ok {
			txGuard = &g // the transaction's last image of the page counts
		}
		if binary.BigEndian.Uint32(frame[4:8]) != 0 { // a commit frame
			if txGuard != nil {
				w.guards = append(w.guards, *txGuard)
			}
			txGuard = nil
			w.committed = n
		}
	}
	return w, nil
}

// walChecksum is SQLite's WAL checksum (walChecksumBytes) over b, which is
// a multiple of 8 bytes long, continuing from s0, s1.
func walChecksum(bigEndian bool, b []byte, s0, s1 uint32) (uint32, uint32) {
	order := binary.ByteOrder(binary.LittleEndian)
	if bigEndian {
		order = binary.BigEndian
	}
	for i := 0; i+8 <= len(b); i += 8 {
		s0 += order.Uint32(b[i:]) + s1
		s1 += order.Uint32(b[i+4:]) + s0
	}
	return s0, s1
}

// mainGuard reads page root of the database file (page size pageSize)
// and returns the guard it holds.
func mainGuard(path string, pageSize int, root uint32) (guard, bool) {
	f, err := os.Open(path)
	if err != nil {
		return guard{}, false
	}
	defer f.Close()
	page := make([]byte, pageSize)
	if _, err := f.ReadAt(page, int64(root-1)*int64(pageSize)); err != nil {
		return guard{}, false
	}
	return pageGuard(page, root)
}

// walVerdict says why a WAL does not belong to its database file ("" when
// it does, or holds nothing SQLite would apply).
func walVerdict(path string, dbPageSize int, userVersion int) (string, error) {
	w, err := readWAL(path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	if w.committed == 0 {
		return "", nil // nothing committed: SQLite applies nothing
	}
	if w.pageSize != dbPageSize {
		return fmt.Sprintf("its pages are %d bytes and the file's %d", w.pageSize, dbPageSize), nil
	}
	if len(w.guards) == 0 {
		return "it was not written by Strategy Tracker (it carries no guard of a strategy file)", nil
	}
	g, ok := mainGuard(path, dbPageSize, w.guards[0].root)
	if !ok {
		// A file of schema 1 has no guard; its upgrade, interrupted, left a
		// WAL whose first transaction starts the guard from nothing.
		if userVersion < 2 && w.guards[0].prev == ([16]byte{}) {
			return "", nil
		}
		return "it continues another strategy file", nil
	}
	if g.cur == w.guards[0].prev {
		return "", nil
	}
	for _, wg := range w.guards {
		if g.cur == wg.cur {
			return "", nil
		}
	}
	return "it continues another strategy file, or another copy of this one", nil
}

// fileState identifies what a check read, to see whether a WAL is alive.
func fileState(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return fmt.Sprint(st.Size(), st.ModTime().UnixNano())
}

// checkCompanions refuses a -wal or a hot -journal beside path that does
// not belong to it, reading them without SQLite and changing nothing.
// hdr is the file's first 100 bytes.
func checkCompanions(path string, hdr []byte, userVersion int) error {
	if err := checkJournal(path, hdr); err != nil {
		return err
	}
	if !hasWAL(path) {
		return nil
	}
	pageSize := int(binary.BigEndian.Uint16(hdr[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	// A WAL in use by another process changes while it is read, and a
	// checkpoint moves its guard into the file in between: a mismatch
	// counts only when both files stood still while they were read.
	for attempt := 0; ; attempt++ {
		before := fileState(path) + "/" + fileState(path+"-wal")
		why, err := walVerdict(path, pageSize, userVersion)
		if err != nil {
			return model.Errorf(model.EINVALID, "cannot read %s-wal: %w", path, err)
		}
		if why == "" {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
		if after := fileState(path) + "/" + fileState(path+"-wal"); after == before {
			return model.Errorf(model.EINVALID, "%s-wal does not belong to %s: %s. SQLite would apply it on opening and destroy the strategy, so nothing was opened and both files are unchanged. Move %s-wal out of this folder (keep it until you are sure you do not need it) and open %s again",
				path, path, why, path, path)
		}
		if attempt == 50 {
			return nil // written to all along: a live WAL of an open file
		}
	}
}

// checkJournal refuses a hot rollback journal: strategy files are always
// in WAL mode, so a journal beside one was left by another database (or a
// tool that switched the file out of WAL mode), and SQLite would roll the
// file back with its pages. An empty journal, or one whose header is
// zeroed, is not applied (SQLite's hasHotJournal) and is let be.
func checkJournal(path string, hdr []byte) error {
	f, err := os.Open(path + "-journal")
	if err != nil {
		return nil
	}
	defer f.Close()
	first := make([]byte, 1)
	if n, _ := f.Read(first); n == 0 || first[0] == 0 {
		return nil
	}
	why := "strategy files are kept in WAL mode and never write a rollback journal"
	if hdr[18] == 1 && hdr[19] == 1 {
		why = "a strategy file opened by another tool in rollback mode; Strategy Tracker cannot tell whether the journal is this file's"
	}
	return model.Errorf(model.EINVALID, "%s-journal does not belong to %s (%s). SQLite would apply it on opening and could destroy the strategy, so nothing was opened and both files are unchanged. Move %s-journal out of this folder (keep it until you are sure you do not need it) and open %s again",
		path, path, why, path, path)
}
