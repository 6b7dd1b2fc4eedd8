package app

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// formDialog is a dialog around a form, with its own Save and Cancel
// buttons (reachable by tests), a banner saying why fields are disabled and
// a line for an error that belongs to no single field.
type formDialog struct {
	dlg    *dialog.CustomDialog
	save   *widget.Button
	cancel *widget.Button
	banner *widget.Label
	err    *widget.Label
}

// dialogTitle is a dialog's title from the menu item that opened it, the
// item's "…" (a dialog follows) dropped: "Експорт…" titles "Експорт".
func dialogTitle(menuLabel string) string { return strings.TrimSuffix(menuLabel, "…") }

func (u *UI) newFormDialog(title string, body fyne.CanvasObject, onSave func()) *formDialog {
	f := &formDialog{banner: lockBanner()}
	f.err = widget.NewLabel("")
	f.err.Importance = widget.DangerImportance
	f.err.Wrapping = fyne.TextWrapWord
	f.err.Hide()
	scroll := container.NewVScroll(body)
	passWheel(scroll)
	content := container.NewBorder(f.banner, f.err, nil, nil, scroll)
	f.dlg = dialog.NewCustomWithoutButtons(dialogTitle(title), content, u.win)
	f.cancel = widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), f.dlg.Hide)
	f.save = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), onSave)
	f.save.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{f.cancel, f.save})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(min(720, max(480, size.Width*0.7)), min(640, max(360, size.Height*0.85))))
	return f
}

func (f *formDialog) setError(msg string) {
	f.err.SetText(msg)
	if msg == "" {
		f.err.Hide()
	} else {
		f.err.Show()
	}
}

// fieldSet is a form's fields by the name the model gives them.
type fieldSet map[string]*field

// add makes the field name of the form, labelled label, around input.
func (fs fieldSet) add(name, label string, input fyne.CanvasObject) *field {
	f := newField(label, input)
	fs[name] = f
	return f
}

// show puts each message of errs beside its field and clears the others.
func (fs fieldSet) show(errs map[string]string) {
	for name, f := range fs {
		f.setError(errs[name])
	}
}

// showModelError puts a validation message of the model beside the field
// it is about (model.Error.Field: "title.en", "funding[1].amountCents",
// "override.status"); false when it is about none of the form's fields.
func (fs fieldSet) showModelError(err error) bool {
	var e *model.Error
	if errors.As(err, &e) && e.Field != "" {
		if f, ok := fs[formFieldOf(e.Field)]; ok {
			f.setError(errorMessage(err))
			return true
		}
	}
	return false
}

// formErrs collects a form's messages by field name, the first one each,
// while the form's values are read.
type formErrs map[string]string

func (e formErrs) set(name, msg string) {
	if _, ok := e[name]; !ok && msg != "" {
		e[name] = msg
	}
}

// number reads a decimal number.
func (e formErrs) number(name, text string) float64 {
	v, ok := parseNumber(text)
	if !ok {
		e.set(name, tr("invalid.number"))
	}
	return v
}

// money reads an amount in euro as cents.
func (e formErrs) money(name, text string) int64 {
	v, ok := parseMoney(text)
	if !ok {
		e.set(name, tr("invalid.money"))
	}
	return v
}

// date reads a date that must be there.
func (e formErrs) date(name, text string) model.Date {
	d, msg := parseRequiredDate(text)
	e.set(name, msg)
	return d
}

// optionalDate reads a date that may be empty.
func (e formErrs) optionalDate(name, text string) model.Date {
	d, msg := parseOptionalDate(text)
	e.set(name, msg)
	return d
}

// submit shows errs beside the fields of a form and, when there are none,
// commits row from it.
func (u *UI) submit(f *formDialog, fields fieldSet, errs formErrs, label string, base, row any) {
	fields.show(errs)
	if len(errs) == 0 {
		u.commitForm(f, fields, label, base, row)
	}
}

// locks shows what the user may not change as text and hides the actions
// they cannot take, collecting the reasons (each once) for a banner.
type locks struct{ reasons []string }

// note keeps the reason why ("" when allowed) and reports whether allowed.
func (l *locks) note(why string) bool {
	if why != "" && !slices.Contains(l.reasons, why) {
		l.reasons = append(l.reasons, why)
	}
	return why == ""
}

// field shows f as an input when allowed, else as readable text.
func (l *locks) field(f *field, why string) {
	f.setReadOnly(!l.note(why))
}

// action shows the buttons when allowed and hides them otherwise.
func (l *locks) action(why string, bs ...*widget.Button) {
	ok := l.note(why)
	for _, b := range bs {
		if ok {
			b.Show()
		} else {
			b.Hide()
		}
	}
}

// banner shows the reasons in b (hidden when there are none).
func (l *locks) banner(b *widget.Label) { setBanner(b, strings.Join(l.reasons, "\n")) }

// bannerBelow is banner for b under above (the detail screen's banner over
// its tabs): a reason above already says it for the whole screen, so b
// shows only the others — each reason once on a screen.
func (l *locks) bannerBelow(b, above *widget.Label) {
	var shown []string
	if above.Visible() {
		shown = strings.Split(above.Text, "\n")
	}
	var rest []string
	for _, r := range l.reasons {
		if !slices.Contains(shown, r) {
			rest = append(rest, r)
		}
	}
	setBanner(b, strings.Join(rest, "\n"))
}

// commit saves row — base with the user's changes; base nil for a new row —
// as one step of undo. When someone saved the row meanwhile (ECONFLICT) it
// opens the conflict dialog, whose "apply mine" commits the merge the same
// way and whose "take theirs" runs discard. done runs with the outcome:
// nil when saved, an ECONFLICT error when the conflict dialog took over.
func (u *UI) commit(label string, base, row any, done func(error), discard func()) {
	u.save(label, func(tx model.Tx) error { return saveRow(tx, cloneRow(row)) }, func(err error) {
		if model.ErrorCode(err) == model.ECONFLICT && !isNilRow(base) {
			u.showConflict(base, row, func(merged any) { u.commit(label, base, merged, done, discard) }, discard)
		}
		if done != nil {
			done(err)
		}
	})
}

// conflictShown reports whether commit handed err to the conflict dialog.
func conflictShown(err error) bool { return model.ErrorCode(err) == model.ECONFLICT }

// commitForm is commit from a form dialog: the dialog closes once saved,
// and a refusal is shown beside the field it names, else under the form.
func (u *UI) commitForm(f *formDialog, fields fieldSet, label string, base, row any) {
	f.save.Disable()
	u.commit(label, base, row, func(err error) {
		f.save.Enable()
		switch {
		case err == nil:
			f.dlg.Hide()
		case conflictShown(err):
		case !fields.showModelError(err):
			f.setError(errorMessage(err))
		}
	}, f.dlg.Hide)
}

// formFieldOf is the form field of a model field key: "title.en" is
// title_en, "funding[1].amountCents" is funding, "override.status" override.
func formFieldOf(key string) string {
	name := key
	if i := strings.IndexAny(name, ".[ "); i >= 0 {
		name = name[:i]
	}
	if strings.HasSuffix(key, ".en") || strings.HasSuffix(key, "(en)") {
		name += "_en"
	}
	return name
}

// isNilRow reports whether row is nil or a nil pointer.
func isNilRow(row any) bool {
	if row == nil {
		return true
	}
	v := reflect.ValueOf(row)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

type textError string

func (e textError) Error() string { return string(e) }

func errorText(s string) error { return textError(s) }

// save runs fn in one transaction as the user. On success the changes
// become one step of Undo and the document is read again; done then runs
// on the UI goroutine with the error (nil: saved).
func (u *UI) save(label string, fn func(tx model.Tx) error, done func(err error)) {
	if u.me == nil {
		done(model.Errorf(model.EFORBIDDEN, "%s", tr("lock.nouser")))
		return
	}
	store, actor := u.store, u.me.ID
	u.background(func() func() {
		rec := &recorder{}
		err := store.Update(context.Background(), actor, model.ActionUpdate, "", func(tx model.Tx) error {
			return fn(&recordingTx{Tx: tx, rec: rec})
		})
		var doc *model.Doc
		if err == nil {
			doc, _ = store.Doc(context.Background())
		}
		return func() {
			if u.store != store {
				return
			}
			if err != nil && u.askRevisionReason(label, fn, done, err) {
				return // asked for the reason of a change of the adopted plan
			}
			if err == nil && len(rec.changes) > 0 {
				u.hist.push(&edit{label: label, changes: rec.changes, reason: rec.reason})
			}
			if doc != nil {
				u.setDoc(doc)
			}
			if done != nil {
				done(err)
			}
		}
	})
}

// refusedFile is why a file given to the program was refused as a whole
// (not a strategy file, a newer one, not a workbook…), "" for other errors.
func refusedFile(err error) model.Reason {
	if model.ErrorCode(err) != model.EINVALID {
		return ""
	}
	return model.ErrorReason(err)
}

// showError shows err in a dialog under a heading saying what failed.
func (u *UI) showError(what string, err error) {
	msg := errorMessage(err)
	switch model.ErrorCode(err) {
	case model.EFORBIDDEN:
		if why := u.reasonText(err, nil); why != "" {
			msg = why // with the names the session knows
		}
		msg = tr("error.forbidden") + "\n" + msg
	case model.EINVALID:
		if refusedFile(err) == "" { // a refused file is not "invalid data"
			msg = tr("error.invalid") + "\n" + msg
		}
	}
	u.inform(tr("Error"), what+":\n"+msg)
}
