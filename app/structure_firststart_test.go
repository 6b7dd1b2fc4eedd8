package app

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

func TestFirstStartChoices(t *testing.T) {
	a := test.NewTempApp(t)
	var created *model.Doc
	var got model.Store
	demo := newMemStore(testDoc())
	opts := Options{Lang: model.BG, Today: func() model.Date { return testAsOf },
		Creator:    func(path string, d *model.Doc) (model.Store, error) { created = d; return newMemStore(d), nil },
		CreateDemo: func(string) (model.Store, error) { return demo, nil }}
	fs := FirstStart{DefaultPath: filepath.Join(t.TempDir(), "none", "strategy.db")}
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

// The first start on a fresh account, whose home has no configuration
// folder yet: each of the three choices ends with a strategy open, the
// first two in the default file, whose folders they make. The stores here
// write the file as the real one does, which fails when its folder is
// missing (issue 22: "Start a new strategy" answered "no such file or
// directory").
func TestFirstStartFromEmptyHome(t *testing.T) {
	for _, choice := range []string{"demo", "new", "open"} {
		t.Run(choice, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("XDG_CONFIG_HOME", "")
			cfg, err := os.UserConfigDir()
			if err != nil {
				t.Fatal(err)
			}
			def := filepath.Join(cfg, "strategytracker", "strategy.db")
			write := func(path string, d *model.Doc) (model.Store, error) {
				if err := os.WriteFile(path, []byte("db"), 0o644); err != nil {
					return nil, err
				}
				return newMemStore(d), nil
			}
			opts := Options{Lang: model.BG, Today: func() model.Date { return testAsOf }, Creator: write,
				CreateDemo: func(path string) (model.Store, error) { return write(path, testDoc()) },
				Opener: func(path string) (model.Store, error) {
					if _, err := os.Stat(path); err != nil {
						return nil, err
					}
					return newMemStore(testDoc()), nil
				}}
			a := test.NewTempApp(t)
			w := a.NewWindow("first")
			var got model.Store
			f := newFirstStart(a, w, opts, FirstStart{DefaultPath: def}, func(s model.Store) { got = s })
			w.SetContent(f.content())
			switch choice {
			case "demo":
				test.Tap(f.demo)
			case "new":
				test.Tap(f.newOne)
				test.Type(f.title, "Стратегия на Перник")
				test.Type(f.name, "Иван Петров")
				test.Tap(f.create)
			case "open":
				mine := filepath.Join(home, "strategy-from-a-colleague.db")
				if err := os.WriteFile(mine, []byte("db"), 0o644); err != nil {
					t.Fatal(err)
				}
				test.Tap(f.open) // the file dialog opens on the empty home…
				f.openPath(mine) // …and the file is chosen in it
			}
			if got == nil || f.errText.Text != "" {
				t.Fatalf("no strategy open; the window says %q", f.errText.Text)
			}
			if _, err := os.Stat(def); (err == nil) != (choice != "open") {
				t.Errorf("default file: %v", err)
			}
		})
	}
}

// A default folder that cannot be made is said plainly, naming it.
func TestFirstStartFolderImpossible(t *testing.T) {
	a := test.NewTempApp(t)
	blocker := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil { // a file where the folder should be
		t.Fatal(err)
	}
	def := filepath.Join(blocker, "strategytracker", "strategy.db")
	opts := Options{Lang: model.BG, CreateDemo: func(string) (model.Store, error) { t.Fatal("created"); return nil, nil }}
	w := a.NewWindow("first")
	f := newFirstStart(a, w, opts, FirstStart{DefaultPath: def}, func(model.Store) { t.Fatal("chosen") })
	w.SetContent(f.content())
	test.Tap(f.demo)
	want := trf("error.mkdir", filepath.Dir(def), tr("oserr.exists"))
	if got := f.errText.Text; got != want || strings.Contains(got, "not a directory") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// File › Open the demo strategy makes the demo the first time, in a folder
// that need not exist yet, and opens the same file the next time.
func TestOpenTheDemo(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	u := h.u
	path := filepath.Join(t.TempDir(), "new", "folder", "demo.db")
	made := 0
	u.opts.DemoPath = path
	u.opts.CreateDemo = func(p string) (model.Store, error) {
		made++
		if err := os.WriteFile(p, []byte("db"), 0o644); err != nil {
			return nil, err
		}
		return newMemStore(testDoc()), nil
	}
	var opened []string
	u.opts.Opener = func(p string) (model.Store, error) { opened = append(opened, p); return newMemStore(testDoc()), nil }
	first := u.store
	u.onOpenDemo()
	u.settle()
	if made != 1 || u.store == first {
		t.Fatalf("the demo was made %d times; the open file changed: %v", made, u.store != first)
	}
	u.onOpenDemo()
	u.settle()
	if made != 1 || len(opened) != 1 || opened[0] != path {
		t.Errorf("the second time: made %d, opened %v", made, opened)
	}
}

// The first start on a fresh account (empty HOME, no preferences) speaks
// the system's language when it is English and Bulgarian otherwise, offers
// the other language (remembered for the app) and has the theme the main
// window will have (issue 22: under LANG=en_US the window was Bulgarian,
// with no choice, and dark while the app opened light).
func TestFirstStartLanguageAndTheme(t *testing.T) {
	for _, c := range []struct {
		locale      string
		want, other model.Lang
	}{
		{"bg_BG.UTF-8", model.BG, model.EN},
		{"en_US.UTF-8", model.EN, model.BG},
		{"C.UTF-8", model.BG, model.EN},
	} {
		t.Run(c.locale, func(t *testing.T) {
			t.Setenv("HOME", t.TempDir())
			t.Setenv("XDG_CONFIG_HOME", "")
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", c.locale)
			t.Cleanup(func() { setLanguage(model.BG) })
			a := test.NewTempApp(t)
			opts := Options{Today: func() model.Date { return testAsOf }} // as main passes them: no language
			w := a.NewWindow("first")
			f := newFirstStart(a, w, opts, FirstStart{DefaultPath: filepath.Join(t.TempDir(), "strategy.db")}, func(model.Store) {})
			w.SetContent(f.content())
			if got, want := f.demo.Text, trIn(c.want, "firststart.open_demo_strategy_sofia"); got != want || f.langs.Selected != langNames[c.want] {
				t.Errorf("the window reads %q (language chosen %q), want %q", got, f.langs.Selected, want)
			}
			firstTheme := a.Settings().Theme()
			// The keyboard's order is unchanged by the language choice:
			// the first Tab reaches the demo (the Wine test drives it so).
			w.Canvas().FocusNext()
			if got := w.Canvas().Focused(); got != fyne.Focusable(f.demo) {
				t.Errorf("the first Tab goes to %T, want the demo button", got)
			}
			w.Canvas().Unfocus()

			test.Tap(f.newOne)
			test.Type(f.title, "Стратегия")
			f.langs.SetSelected(langNames[c.other]) // the user picks the other language
			if got, want := f.demo.Text, trIn(c.other, "firststart.open_demo_strategy_sofia"); got != want {
				t.Errorf("after choosing %s the window reads %q, want %q", c.other, got, want)
			}
			if !f.form.Visible() || f.title.Text != "Стратегия" {
				t.Errorf("the language switch lost the form (shown %v, title %q)", f.form.Visible(), f.title.Text)
			}
			if got := a.Preferences().String(prefLang); got != string(c.other) {
				t.Errorf("remembered language %q, want %q", got, c.other)
			}

			u := New(a, newMemStore(testDoc()), opts) // the main window after the choice
			if u.lang != c.other {
				t.Errorf("the app opens in %q, want the language chosen at the first start %q", u.lang, c.other)
			}
			if got := a.Settings().Theme(); !reflect.DeepEqual(got, firstTheme) {
				t.Errorf("the first-start window's theme %#v is not the app's %#v", firstTheme, got)
			}
		})
	}
}
