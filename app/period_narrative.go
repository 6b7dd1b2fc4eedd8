package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// narrativeEditor is the office's narrative of the period for the council:
// the executive commentary of the whole strategy and, per priority area,
// the five kinds of text, each in Bulgarian and English. Coordinators'
// proposals are listed under their kind with an Accept button. A closed
// period's narrative is shown read-only (locked); so is everyone's but
// the office's.
type narrativeEditor struct {
	s    *periodScreen
	root fyne.CanvasObject

	area    *widget.Select
	codes   []string // the select's options: "" (the whole strategy), then the areas' codes
	body    *fyne.Container
	banner  *widget.Label
	save    *widget.Button
	saved   *widget.Label                            // "Saved." after a save, until the next edit
	entries map[model.NarrativeKind][2]*widget.Entry // bg, en of the area shown
	accept  map[model.ID]*widget.Button              // the proposals' Accept buttons
	// drafts are the texts edited and not yet saved, by area and kind;
	// they survive switching areas and reloads of the file.
	drafts   map[narrativeKey]model.Text
	shown    string   // the area shown
	periodID model.ID // drafts belong to this period
	building bool
}

type narrativeKey struct {
	area string
	kind model.NarrativeKind
}

func newNarrativeEditor(s *periodScreen) *narrativeEditor {
	n := &narrativeEditor{s: s, drafts: map[narrativeKey]model.Text{}}
	n.area = widget.NewSelect(nil, func(string) { n.onArea() })
	n.body = container.NewVBox()
	n.banner = lockBanner()
	n.save = widget.NewButtonWithIcon(tr("period.narrative.save"), theme.DocumentSaveIcon(), n.onSave)
	n.save.Importance = widget.HighImportance
	n.saved = widget.NewLabel("")
	n.saved.Importance = widget.SuccessImportance
	top := container.NewVBox(hint(tr("period.narrative.intro")),
		container.NewBorder(nil, nil, widget.NewLabel(tr("period.narrative.area")), nil, n.area), n.banner)
	n.root = container.NewBorder(top, container.NewHBox(n.save, n.saved), nil, nil, container.NewVScroll(n.body))
	return n
}

// areaLabel is the select's text of area code ("" the whole strategy).
func (n *narrativeEditor) areaLabel(code string) string {
	if code == "" {
		return tr("period.narrative.whole")
	}
	if a := n.s.u.doc.Area(code); a != nil {
		return code + " · " + a.Title.In(n.s.u.lang)
	}
	return code
}

// narrativeKindsOf are the texts written for area in p: the executive
// commentary for the whole strategy (and any other kind a text of it
// already has there, written with `period narrative`), every kind for an area.
func narrativeKindsOf(p *model.Period, area string) []model.NarrativeKind {
	if area != "" {
		return model.NarrativeKinds
	}
	var out []model.NarrativeKind
	for _, kind := range model.NarrativeKinds {
		if kind == model.NarrativeCommentary || slices.ContainsFunc(p.Narrative, func(x model.Narrative) bool { return x.Area == "" && x.Kind == kind }) {
			out = append(out, kind)
		}
	}
	return out
}

// storedText is the office's text of kind for area in p: its accepted
// texts, joined.
func storedText(p *model.Period, area string, kind model.NarrativeKind) model.Text {
	var bg, en []string
	for _, x := range p.Narrative {
		if x.Area == area && x.Kind == kind && x.Accepted() {
			if x.Text.BG != "" {
				bg = append(bg, x.Text.BG)
			}
			if x.Text.EN != "" {
				en = append(en, x.Text.EN)
			}
		}
	}
	return model.T(strings.Join(bg, "\n\n"), strings.Join(en, "\n\n"))
}

// lock says why the narrative cannot be edited ("" when it can).
func (n *narrativeEditor) lock() string {
	p := n.s.period
	if why := n.s.denial(); why != "" {
		return why
	}
	if p != nil && p.State == model.PeriodClosed {
		return trf("period.narrative.locked", p.Name.In(n.s.u.lang))
	}
	return ""
}

func (n *narrativeEditor) refresh() {
	u, p := n.s.u, n.s.period
	if p == nil || u.doc == nil {
		return
	}
	if p.ID != n.periodID {
		n.drafts = map[narrativeKey]model.Text{}
		n.periodID = p.ID
	}
	n.codes = []string{""}
	for _, a := range u.doc.Areas {
		n.codes = append(n.codes, a.Code)
	}
	labels := make([]string, len(n.codes))
	sel := 0
	for i, c := range n.codes {
		labels[i] = n.areaLabel(c)
		if c == n.shown {
			sel = i
		}
	}
	n.building = true
	n.area.SetOptions(labels)
	n.area.SetSelectedIndex(sel)
	n.building = false
	n.show(n.codes[sel])
}

func (n *narrativeEditor) onArea() {
	if n.building || n.s.period == nil {
		return
	}
	if i := n.area.SelectedIndex(); i >= 0 && i < len(n.codes) {
		n.show(n.codes[i])
	}
}

// show fills the editor with area's texts and proposals.
func (n *narrativeEditor) show(area string) {
	u, p := n.s.u, n.s.period
	n.shown = area
	why := n.lock()
	role := n.s.denial() == "" // a role's refusal hides; a closed period greys
	if role {
		setBanner(n.banner, why)
	} else {
		setBanner(n.banner, "") // the screen's banner above says the role's reason: once
	}
	permit(n.save, role, why == "")
	n.body.RemoveAll()
	n.entries = map[model.NarrativeKind][2]*widget.Entry{}
	// One header names the columns: Bulgarian left, English right.
	n.body.Add(container.NewGridWithColumns(2, hint(tr("period.narrative.lang.bg")), hint(tr("period.narrative.lang.en"))))
	n.accept = map[model.ID]*widget.Button{}
	for _, kind := range narrativeKindsOf(p, area) {
		key := narrativeKey{area, kind}
		text, ok := n.drafts[key]
		if !ok || why != "" {
			text = storedText(p, area, kind) // a locked narrative shows what is stored, never a draft
		}
		var pair [2]*widget.Entry
		for i, lang := range []model.Lang{model.BG, model.EN} {
			e := widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(2)
			if lang == model.BG { // this language only: Text.In would fall back to the other
				e.SetText(text.BG)
			} else {
				e.SetText(text.EN)
			}
			e.SetPlaceHolder(trPart("period.narrative.lang.", string(lang)))
			e.OnChanged = func(string) { n.edited(area, kind) }
			if why != "" {
				e.Disable()
			}
			pair[i] = e
		}
		n.entries[kind] = pair
		title := widget.NewLabelWithStyle(trPart("period.narrative.kind.", string(kind)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		n.body.Add(title)
		n.body.Add(container.NewGridWithColumns(2, pair[0], pair[1]))
		for _, x := range p.Narrative {
			if x.Area != area || x.Kind != kind || x.Accepted() {
				continue
			}
			id := x.ID
			l := widget.NewLabel(trf("period.narrative.proposal", u.personName(x.ProposedBy), x.Text.In(u.lang)))
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.MediumImportance
			b := widget.NewButtonWithIcon(tr("period.narrative.accept"), theme.ConfirmIcon(), func() { n.onAccept(id) })
			permit(b, role, why == "")
			n.accept[id] = b
			n.body.Add(container.NewBorder(nil, nil, nil, b, l))
		}
		n.body.Add(widget.NewSeparator())
	}
	n.body.Refresh()
}

// edited keeps the entries' texts of kind as a draft.
func (n *narrativeEditor) edited(area string, kind model.NarrativeKind) {
	pair, ok := n.entries[kind]
	if !ok || n.shown != area {
		return
	}
	n.drafts[narrativeKey{area, kind}] = model.T(strings.TrimSpace(pair[0].Text), strings.TrimSpace(pair[1].Text))
}

// narrativeChange is a text edited and not saved.
type narrativeChange struct {
	key  narrativeKey
	text model.Text
}

// unsaved are the drafts that differ from the stored texts, in the order
// of the areas and kinds.
func (n *narrativeEditor) unsaved() []narrativeChange {
	p := n.s.period
	var out []narrativeChange
	if p == nil {
		return nil
	}
	for _, area := range n.codes {
		for _, kind := range narrativeKindsOf(p, area) {
			key := narrativeKey{area, kind}
			text, ok := n.drafts[key]
			if stored := storedText(p, area, kind); ok && (stored.BG != text.BG || stored.EN != text.EN) {
				out = append(out, narrativeChange{key, text})
			}
		}
	}
	return out
}

// onSave writes every edited text, of every area, in one transaction.
func (n *narrativeEditor) onSave() {
	s, p := n.s, n.s.period
	if p == nil || n.lock() != "" {
		return
	}
	changes := n.unsaved()
	if len(changes) == 0 {
		n.drafts = map[narrativeKey]model.Text{}
		return
	}
	n.save.Disable()
	n.saved.SetText("")
	s.cycleStep(func(tx model.Tx, actor model.ID) error {
		for _, c := range changes {
			if _, err := model.SetNarrative(tx, c.key.area, c.key.kind, c.text, actor); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		if err != nil {
			n.save.Enable()
			s.u.showError(tr("period.narrative.save"), err)
			return
		}
		n.drafts = map[narrativeKey]model.Text{}
		n.show(n.shown)
		n.saved.SetText(tr("period.narrative.saved")) // the confirmation (issue 22)
	})
}

// onAccept makes a coordinator's proposal the office's text.
func (n *narrativeEditor) onAccept(id model.ID) {
	s := n.s
	if n.lock() != "" {
		return
	}
	if b := n.accept[id]; b != nil {
		b.Disable()
	}
	s.cycleStep(func(tx model.Tx, actor model.ID) error {
		_, err := model.AcceptProposal(tx, id, actor)
		return err
	}, func(err error) {
		if err != nil {
			s.u.showError(tr("period.narrative.accept"), err)
			return
		}
		// The accepted text joins the office's: drop a draft of its kind
		// so that the entries show it.
		for _, x := range s.period.Narrative {
			if x.ID == id {
				delete(n.drafts, narrativeKey{x.Area, x.Kind})
			}
		}
		n.show(n.shown)
	})
}
