package postgres_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"strategytracker/cli"
	"strategytracker/model"
	"strategytracker/model/storetest"
	"strategytracker/storage"
	"strategytracker/storage/postgres"
)

// Copy and backup between the two drivers live in cli, above both; their
// tests run here, against the test server.

var ctx = context.Background()

func fixedClock() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }

// copy file → server → file: the export is byte-identical, the audit log
// is the same entry for entry, and check passes at every end.
func TestCopyFileToServerToFile(t *testing.T) {
	url := postgres.NewTestDatabase(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "source.db")
	f, err := storage.Create(ctx, src, postgres.DemoDoc(t), storage.Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	storetest.EditEverything(t, f)
	want := postgres.Export(t, f)
	wantLog, _ := f.Audit(ctx, model.AuditFilter{})
	f.Close()

	rep, err := cli.Copy(ctx, src, url, postgres.Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	if rep.AuditEntries != len(wantLog) {
		t.Errorf("copied %d audit entries, want %d", rep.AuditEntries, len(wantLog))
	}
	s, err := postgres.Open(ctx, url, postgres.Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Check(ctx); err != nil {
		t.Fatalf("check on the server: %v", err)
	}
	if !bytes.Equal(postgres.Export(t, s), want) {
		t.Error("the server's export differs from the file's")
	}
	// The copy goes on working: a change on the server, then back.
	editOnServer := func() {
		d, _ := s.Doc(ctx)
		ms := d.Measures[0].Milestones[0]
		ms.Note = "on the server"
		office := postgres.PersonByRole(t, d, model.RoleOffice)
		if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&ms) }); err != nil {
			t.Fatal(err)
		}
		g := model.Goal{Code: "G10", Title: model.T("Още", "More")}
		if err := s.Update(ctx, office.ID, model.ActionCreate, "", func(tx model.Tx) error { return tx.SaveGoal(&g) }); err != nil {
			t.Fatal(err)
		}
	}
	back := filepath.Join(dir, "back.db")
	if _, err := cli.Copy(ctx, url, back, postgres.Options{Now: fixedClock}); err != nil {
		t.Fatal(err)
	}
	f2, err := storage.Open(ctx, back, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f2.Check(ctx); err != nil {
		t.Errorf("check of the file copied back: %v", err)
	}
	if got := postgres.Export(t, f2); !bytes.Equal(got, want) {
		t.Error("file → server → file: the export is not byte-identical")
	}
	gotLog, _ := f2.Audit(ctx, model.AuditFilter{})
	if len(gotLog) != len(wantLog) || gotLog[len(gotLog)-1].Hash != wantLog[len(wantLog)-1].Hash {
		t.Errorf("the audit log copied back has %d entries, want %d with the same last hash", len(gotLog), len(wantLog))
	}
	if f2.DatabaseID() != s.DatabaseID() {
		t.Error("the copy has another database id: update templates would not apply to it")
	}
	f2.Close()

	editOnServer()
	again := filepath.Join(dir, "again.db")
	if _, err := cli.Copy(ctx, url, again, postgres.Options{}); err != nil {
		t.Fatal(err)
	}
	f3, err := storage.Open(ctx, again, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f3.Close()
	if !bytes.Equal(postgres.Export(t, f3), postgres.Export(t, s)) {
		t.Error("server → file after server edits: exports differ")
	}
	// The file copy takes further edits and still checks.
	editEverythingElse := func() {
		d, _ := f3.Doc(ctx)
		office := postgres.PersonByRole(t, d, model.RoleOffice)
		g := model.Goal{Code: "G11", Title: model.T("И още", "And more")}
		if err := f3.Update(ctx, office.ID, model.ActionCreate, "", func(tx model.Tx) error { return tx.SaveGoal(&g) }); err != nil {
			t.Fatal(err)
		}
	}
	editEverythingElse()
	if _, err := f3.Check(ctx); err != nil {
		t.Errorf("check of the copy after an edit: %v", err)
	}
	if _, err := cli.Copy(ctx, src, url, postgres.Options{}); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("copy onto a server that holds a strategy: %v, want conflict", err)
	}
	if _, err := cli.Copy(ctx, url, again, postgres.Options{}); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("copy onto an existing file: %v, want conflict", err)
	}
}

func TestBackupWritesACheckedFile(t *testing.T) {
	s, err := postgres.Create(ctx, postgres.NewTestDatabase(t), postgres.DemoDoc(t), postgres.Options{Backup: cli.BackupToFile})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.EditEverything(t, s)
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	f, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Check(ctx); err != nil {
		t.Errorf("check of the backup: %v", err)
	}
	if !bytes.Equal(postgres.Export(t, f), postgres.Export(t, s)) {
		t.Error("the backup's export differs from the server's")
	}
	if err := s.Backup(ctx, path); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("backup over an existing file: %v, want conflict", err)
	}
}
