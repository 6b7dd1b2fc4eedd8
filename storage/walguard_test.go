package storage

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"strategytracker/model"
	"strategytracker/model/storetest"
)

// copyFile copies src to dst byte for byte.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// noteEdits writes n milestone notes through s, one transaction each.
func noteEdits(t *testing.T, s *Store, n int, text string) {
	t.Helper()
	for i := 0; i < n; i++ {
		err := s.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
			ms := tx.Doc().Measures[i%len(tx.Doc().Measures)].Milestones[0]
			ms.Note = fmt.Sprintf("%s %d", text, i)
			return tx.SaveMilestone(&ms)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// crashWAL returns a copy of the WAL of a strategy file as an unclean exit
// would leave it: the store is open, its last transaction committed.
func crashWAL(t *testing.T, s *Store, dst string) {
	t.Helper()
	st, err := os.Stat(s.Path() + "-wal")
	if err != nil || st.Size() == 0 {
		t.Fatalf("%s has no WAL to copy: %v", s.Path(), err)
	}
	copyFile(t, s.Path()+"-wal", dst)
}

// foreignWAL returns the WAL of a plain SQLite database (not a strategy)
// with committed pages.
func foreignWAL(t *testing.T, dst string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "plain.db")
	db, err := sql.Open("sqlite", p+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA wal_autocheckpoint = 0", "CREATE TABLE t (x TEXT)", "INSERT INTO t VALUES (hex(randomblob(3000)))", "INSERT INTO t SELECT x FROM t"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, p+"-wal", dst)
}

func TestForeignWALIsRefusedAndNothingChanges(t *testing.T) {
	dir := t.TempDir()

	// Another strategy file, left with a WAL by an unclean exit.
	other, _ := newDemo(t)
	noteEdits(t, other, 3, "other file")
	otherWAL := filepath.Join(dir, "other.wal")
	crashWAL(t, other, otherWAL)

	// An older copy of this very file (same database id): after it was
	// taken the file went on, and a later crash left a WAL that continues
	// the newer state, not the copy's.
	path := filepath.Join(dir, "strategy.db")
	s, err := Create(ctx, path, demoDoc(t), Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	noteEdits(t, s, 2, "before the copy")
	s.Close()
	oldCopy := filepath.Join(dir, "copy.db")
	copyFile(t, path, oldCopy)
	s, err = Open(ctx, path, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	noteEdits(t, s, 2, "after the copy")
	s.Close()
	s, err = Open(ctx, path, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	noteEdits(t, s, 2, "later")
	laterWAL := filepath.Join(dir, "later.wal")
	crashWAL(t, s, laterWAL)
	s.Close()

	plainWAL := filepath.Join(dir, "plain.wal")
	foreignWAL(t, plainWAL)

	tests := []struct {
		name, wal, db, want string
	}{
		{"WAL of another strategy file", otherWAL, "", "continues another strategy file"},
		{"WAL of a plain SQLite database", plainWAL, "", "not written by Strategy Tracker"},
		{"WAL of this file beside an older copy", laterWAL, oldCopy, "another copy of this one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "strategy.db")
			if tt.db != "" {
				copyFile(t, tt.db, target)
			} else {
				fresh, _ := newDemo(t)
				fresh.Close()
				copyFile(t, fresh.Path(), target)
			}
			copyFile(t, tt.wal, target+"-wal")
			dbBefore, walBefore := fileSum(t, target), fileSum(t, target+"-wal")
			for _, readOnly := range []bool{false, true} {
				got, err := Open(ctx, target, Options{ReadOnly: readOnly})
				if err == nil {
					got.Close()
					t.Fatalf("opened (read-only %v) with a WAL that is not its own", readOnly)
				}
				msg := err.Error()
				for _, want := range []string{tt.want, target + "-wal", "does not belong to " + target, "Move " + target + "-wal out of this folder"} {
					if !strings.Contains(msg, want) {
						t.Errorf("error %q does not say %q", msg, want)
					}
				}
			}
			if fileSum(t, target) != dbBefore || fileSum(t, target+"-wal") != walBefore {
				t.Error("the refusal changed the file or its WAL")
			}
			if _, err := os.Stat(target + "-shm"); err == nil {
				t.Error("the refusal left a -shm behind: SQLite was reached")
			}
			// Once the stray WAL is moved away, the file opens as it was.
			os.Rename(target+"-wal", target+"-wal.moved")
			got, err := Open(ctx, target, Options{})
			if err != nil {
				t.Fatalf("without the WAL: %v", err)
			}
			got.Close()
		})
	}
}

func TestOwnWALAfterACrashIsApplied(t *testing.T) {
	dir := t.TempDir()
	s, path := newDemo(t)
	noteEdits(t, s, 3, "kept")
	// The file and its WAL as a power cut would leave them.
	target := filepath.Join(dir, "strategy.db")
	copyFile(t, path, target)
	crashWAL(t, s, target+"-wal")
	got, err := Open(ctx, target, Options{})
	if err != nil {
		t.Fatalf("own WAL refused: %v", err)
	}
	defer got.Close()
	d, _ := got.Doc(ctx)
	if note := d.Measures[2].Milestones[0].Note; note != "kept 2" {
		t.Errorf("after recovery the last note is %q, want %q", note, "kept 2")
	}
	if _, err := got.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestStrayJournalIsRefused(t *testing.T) {
	s, path := newDemo(t)
	s.Close()
	target := filepath.Join(t.TempDir(), "strategy.db")
	copyFile(t, path, target)
	// A rollback journal as another database leaves it: its magic first.
	journal := append([]byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}, make([]byte, 4088)...)
	if err := os.WriteFile(target+"-journal", journal, 0o644); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, target)
	_, err := Open(ctx, target, Options{})
	if err == nil || !strings.Contains(err.Error(), target+"-journal does not belong to "+target) {
		t.Fatalf("open with a stray journal: %v", err)
	}
	if fileSum(t, target) != before || fileSum(t, target+"-journal") != fileSumBytes(journal) {
		t.Error("the refusal changed the file or the journal")
	}
	// A zeroed journal is not applied by SQLite and is no reason to refuse.
	os.WriteFile(target+"-journal", make([]byte, 512), 0o644)
	s, err = Open(ctx, target, Options{})
	if err != nil {
		t.Fatalf("zeroed journal: %v", err)
	}
	s.Close()
}

func fileSumBytes(b []byte) [32]byte { return sha256.Sum256(b) }

// schema1File copies testdata/schema1-demo.db — the demo written by the
// release before schema 2 (commit 2a07e51, `strategytracker demo`) — into
// a temporary folder: an old file made by old code, as users have them.
func schema1File(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/schema1-demo.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUpgradeFromSchema1(t *testing.T) {
	t.Run("upgraded", func(t *testing.T) {
		path := schema1File(t)
		s, err := Open(ctx, path, Options{Now: fixedClock})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if !bytes.Equal(export(t, s), demoOfSchema1(t)) {
			t.Error("the upgrade changed the data")
		}
		if _, err := s.Check(ctx); err != nil {
			t.Errorf("check after the upgrade: %v", err)
		}
		noteEdits(t, s, 1, "after the upgrade")
	})
	t.Run("two values on one date are refused", func(t *testing.T) {
		path := schema1File(t)
		s, err := Open(ctx, path, Options{Now: fixedClock, migrations: migrations()[:1]})
		if err != nil {
			t.Fatal(err)
		}
		// Schema 1 let a second value on a date in (the app form did).
		var kpi int64
		var date string
		s.writer.QueryRow("SELECT kpi_id, date FROM kpi_values ORDER BY id LIMIT 1").Scan(&kpi, &date)
		if _, err := s.writer.Exec("INSERT INTO kpi_values (kpi_id, date, value, note, source, version) VALUES (?, ?, 1, '', '', 1)", kpi, date); err != nil {
			t.Fatal(err)
		}
		s.Close()
		before := fileSum(t, path)
		_, err = Open(ctx, path, Options{Now: fixedClock})
		want := fmt.Sprintf("KPI %d on %s", kpi, date)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "one value a day") {
			t.Fatalf("upgrade with two values on one date: %v; want it refused naming %s", err, want)
		}
		if fileSum(t, path) != before {
			t.Error("the refused upgrade changed the file")
		}
		if _, err := os.Stat(path + ".schema1.bak"); err == nil {
			t.Error("the refused upgrade left a copy behind")
		}
	})
}

func TestOneKPIValueADay(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	k, _ := d.KPIByID(firstKPIID(t, d))
	first := k.Values[0]
	dup := model.KPIValue{KPIID: k.ID, Date: first.Date, Value: first.Value + 1}
	err := s.Update(ctx, personByRole(t, d, model.RoleOffice).ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveKPIValue(&dup) })
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "one value a day") {
		t.Fatalf("second value on %s: %v, want refused", first.Date, err)
	}
	// The index holds even when the model's check is bypassed.
	_, err = s.writer.Exec("INSERT INTO kpi_values (kpi_id, date, value, note, source, version) VALUES (?, ?, 1, '', '', 1)", k.ID, first.Date.String())
	if err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("raw insert of a second value on one date: %v, want a UNIQUE failure", err)
	}
	if msg := wrapSQL(err, "save KPI value").Error(); !strings.Contains(msg, "one value a day") {
		t.Errorf("the index's refusal reads %q", msg)
	}
}

func firstKPIID(t *testing.T, d *model.Doc) model.ID {
	for _, m := range d.Measures {
		for _, k := range m.KPIs {
			if len(k.Values) > 0 {
				return k.ID
			}
		}
	}
	t.Fatal("no KPI with values")
	return 0
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T, d *model.Doc) model.Store {
		s, err := Create(ctx, filepath.Join(t.TempDir(), "strategy.db"), d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// A backup has a page layout of its own: the original's WAL never applies
// to it, even one that holds the very state the backup was taken at.
func TestOriginalsWALBesideABackupIsRefused(t *testing.T) {
	s, _ := newDemo(t)
	noteEdits(t, s, 2, "before the backup")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	// The backup's guard is its own, naming its own root page.
	var orig, copied []byte
	s.reader.QueryRow("SELECT data FROM wal_guard").Scan(&orig)
	db, err := sql.Open("sqlite", backup+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	db.QueryRow("SELECT data FROM wal_guard").Scan(&copied)
	root, _ := guardRoot(ctx, db)
	db.Close()
	og, ok1 := parseGuard(orig)
	cg, ok2 := parseGuard(copied)
	if !ok1 || !ok2 || og.cur == cg.cur || cg.root != root {
		t.Errorf("guards: original %x, backup %x (root %d, table at %d)", og.cur, cg.cur, cg.root, root)
	}
	noteEdits(t, s, 1, "after the backup")
	crashWAL(t, s, backup+"-wal")
	before := fileSum(t, backup)
	if b, err := Open(ctx, backup, Options{}); err == nil {
		b.Close()
		t.Fatal("the original's WAL was applied to the backup")
	} else if !strings.Contains(err.Error(), "does not belong to") {
		t.Fatalf("open: %v", err)
	}
	if fileSum(t, backup) != before {
		t.Error("the refusal changed the backup")
	}
	os.Remove(backup + "-wal")
	b, err := Open(ctx, backup, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.Check(ctx); err != nil {
		t.Error(err)
	}
	noteEdits(t, b, 1, "in the backup")
}

// The WAL and the pages are hostile input: no byte sequence may panic.
func FuzzWALReading(f *testing.F) {
	g := guard{root: 3}
	g.cur[0] = 1
	page := make([]byte, 512)
	page[0] = 0x0D
	page[4] = 1
	copy(page[400:], append([]byte{50, 1}, g.blob()...))
	page[8], page[9] = 0x01, 0x90
	f.Add(page, uint32(3))
	f.Add([]byte{0x37, 0x7f, 0x06, 0x82, 0, 0x2d, 0xe2, 0x18, 0, 0, 2, 0}, uint32(1))
	f.Fuzz(func(t *testing.T, b []byte, pgno uint32) {
		pageGuard(b, pgno)
		varint(b)
		p := filepath.Join(t.TempDir(), "x-wal")
		os.WriteFile(p, b, 0o644)
		readWAL(p)
	})
}

// demoOfSchema1 is the demo's export as schema 1 held it: the notes and
// the reason of the status set by hand in Bulgarian only, no submitter
// (the English texts and the submitter came with schema 6).
func demoOfSchema1(t *testing.T) []byte {
	t.Helper()
	d := demoDoc(t)
	submitter := model.ID(d.Strategy.Submitter) // a person the demo gained with it
	storetest.WithoutEnglishNotes(d)
	d.People = slices.DeleteFunc(d.People, func(p model.Person) bool { return p.ID == submitter })
	var b bytes.Buffer
	if err := model.Encode(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
