package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

func TestFirstStartChoices(t *testing.T) {
	a := test.NewTempApp(t)
	var created *model.Doc
	var got model.Store
	opts := Options{Lang: model.BG, Today: func() model.Date { return testAsOf },
		Creator: func(path string, d *model.Doc) (model.Store, error) { created = d; return newMemStore(d), nil }}
	demo := newMemStore(testDoc())
	fs := FirstStart{DefaultPath: "/tmp/none/strategy.db", CreateDemo: func(string) (model.Store, error) { return demo, nil }}
	w := a.NewWindow("first")
	f := newFirstStart(a, w, opts, fs, func(s model.Store) { got = s })
	w.SetContent(f.content())

	test.Tap(f.demo)
	if got != model.Store(demo) {
		t.Fatal("the demo choice did not open the demo")
	}
	got = nil
	test.Tap(f.newOne)
	if !f.form.Visible() {
		t.Fatal("the new strategy form is hidden")
	}
	test.Tap(f.create)
	if got != nil || f.errText.Text == "" {
		t.Fatal("an empty form made a strategy")
	}
	test.Type(f.title, "Моята стратегия")
	test.Type(f.name, "Иван")
	test.Type(f.email, "ivan@example.bg")
	test.Tap(f.create)
	if got == nil || created == nil || created.People[0].Role != model.RoleOffice || created.Strategy.Title.BG != "Моята стратегия" {
		t.Fatalf("new strategy: %+v", created)
	}
	if a.Preferences().Int(prefUser+got.DatabaseID()) != 1 {
		t.Error("the new strategy's office user is not remembered as the user")
	}
}
