package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The import's summary lines are in the language asked for (-lang, by
// default Bulgarian, as every command's), through the translation files;
// the changes and problems speak the template's language.
func TestImportSummaryInTheLanguageAskedFor(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", db)
	tpl, filled := filepath.Join(dir, "template.xlsx"), filepath.Join(dir, "update.xlsx")
	mustRun(t, "template", "-db", db, "-lang", "en", "-o", tpl)
	d := docOf(t, db)
	ms := d.MeasureByCode("1.1").Milestones[5]
	fill(t, tpl, filled, func(f *excelize.File) { setCell(t, f, "Milestones", ms.ID, "noteEn", "Two companies remain.") })
	bad := filepath.Join(dir, "bad.xlsx")
	fill(t, tpl, bad, func(f *excelize.File) { setCell(t, f, "Milestones", ms.ID, "completed", "31.02.2026") })
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "-db", db, "-user", "i.petrova@sofia.example", tpl}, "няма какво да се внесе: template.xlsx не съдържа промени спрямо базата данни"},
		{[]string{"import", "-db", db, "-lang", "en", tpl}, "nothing to import: template.xlsx holds no change to the database"},
		{[]string{"import", "-db", db, "-dry-run", "-lang", "en", filled}, "dry run: 1 change from update.xlsx would be made as "},
		{[]string{"import", "-db", db, "-dry-run", filled}, "проверка: 1 промяна от update.xlsx би била направена от името на "},
		{[]string{"import", "-db", db, "-lang", "en", filled}, "imported 1 change from update.xlsx as "},
	} {
		if out := mustRun(t, tt.args...); !strings.Contains(out, tt.want) {
			t.Errorf("%v printed %q, want %q", tt.args[3:], out, tt.want)
		}
	}
	if got, _ := docOf(t, db).MilestoneByID(ms.ID); got.NoteEn != "Two companies remain." {
		t.Errorf("English note after the import: %q", got.NoteEn)
	}
	for lang, want := range map[string]string{"en": "bad.xlsx: 1 problem(s); nothing was imported", "bg": "bad.xlsx: проблеми: 1; нищо не е внесено"} {
		code, _, errOut := run(t, "import", "-db", db, "-lang", lang, bad)
		if code != 1 || !strings.Contains(errOut, "strategytracker: "+want) {
			t.Errorf("-lang %s: exit %d, %q; want %q", lang, code, errOut, want)
		}
	}
}
