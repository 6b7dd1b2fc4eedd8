package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"strategytracker/model"
)

// The reporting cycle (DESIGN.md §4): period open / close / reopen /
// status. Each is a command of its own, named by two words.

func periodOpenCommand() *command {
	var name, nameEN, start, end, due string
	return &command{
		name: "period open", args: "-name NAME [-name-en NAME] -start DATE -end DATE -due DATE", help: "open a reporting period (one at a time)",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&name, "name", "", `the period's name, e.g. "IV тримесечие 2026"`)
			fs.StringVar(&nameEN, "name-en", "", `its English name, e.g. "Q4 2026" (default: the same as -name)`)
			fs.StringVar(&start, "start", "", "the first day of the period")
			fs.StringVar(&end, "end", "", "the last day of the period")
			fs.StringVar(&due, "due", "", "the day the units' answers are due")
			c.addUser(fs)
		},
		run: func(c *cmdContext) error {
			if strings.TrimSpace(name) == "" {
				return usageErr("period open needs -name NAME")
			}
			np := model.NewPeriod{Name: model.T(strings.TrimSpace(name), strings.TrimSpace(nameEN))}
			for _, f := range []struct {
				flag, text string
				into       *model.Date
			}{{"-start", start, &np.Start}, {"-end", end, &np.End}, {"-due", due, &np.Due}} {
				if f.text == "" {
					return usageErr("period open needs %s DATE", f.flag)
				}
				d, err := model.ParseDate(f.text)
				if err != nil {
					return usageErr("%s: %s", f.flag, model.ErrorMessage(err))
				}
				*f.into = d
			}
			var p *model.Period
			err := c.cycle(func(tx model.Tx, actor *model.Person) error {
				var err error
				p, err = model.OpenReportingPeriod(tx, np, actor.ID, c.now())
				return err
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "opened period %q: %s – %s, answers due %s\n", p.Name.In(model.BG), p.Start.Format(model.BG), p.End.Format(model.BG), p.Due.Format(model.BG))
			return nil
		},
	}
}

func periodCloseCommand() *command {
	return &command{
		name: "period close", help: "close the open period: lock its narrative and freeze a snapshot under its name",
		flags: func(fs *flag.FlagSet, c *cmdContext) { c.addUser(fs) },
		run: func(c *cmdContext) error {
			var p *model.Period
			var sn *model.Snapshot
			err := c.cycle(func(tx model.Tx, actor *model.Person) error {
				var err error
				p, sn, err = model.CloseReportingPeriod(tx, actor.ID, c.now())
				return err
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "closed period %q; snapshot %q as of %s\n", p.Name.In(model.BG), sn.Name, sn.AsOf.Format(model.BG))
			return nil
		},
	}
}

func periodReopenCommand() *command {
	var reason string
	return &command{
		name: "period reopen", args: "-reason TEXT", help: "reopen the period closed last, saying why",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&reason, "reason", "", "why the period is reopened (kept in the file and the audit log)")
			c.addUser(fs)
		},
		run: func(c *cmdContext) error {
			if strings.TrimSpace(reason) == "" {
				return usageErr("period reopen needs -reason TEXT")
			}
			var p *model.Period
			err := c.cycle(func(tx model.Tx, actor *model.Person) error {
				var err error
				p, err = model.ReopenReportingPeriod(tx, reason, actor.ID, c.now())
				return err
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "reopened period %q\n", p.Name.In(model.BG))
			return nil
		},
	}
}

// cycle runs one step of the reporting cycle as -user in one transaction.
func (c *cmdContext) cycle(step func(tx model.Tx, actor *model.Person) error) error {
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	actor, err := c.actor(d)
	if err != nil {
		return err
	}
	return c.store.Update(c.ctx, actor.ID, model.ActionUpdate, "", func(tx model.Tx) error { return step(tx, actor) })
}

// periodStatus computes who has reported in the current period, counting
// milestone edits recorded in the audit log within its window.
func (c *cmdContext) periodStatus(d *model.Doc) (model.PeriodStatus, error) {
	p := d.CurrentPeriod()
	if p == nil {
		return model.PeriodStatus{}, model.Errorf(model.ENOTFOUND, "no reporting period in %s: open one with period open", c.store.Path())
	}
	from, to := p.Window()
	entries, err := c.store.Audit(c.ctx, model.AuditFilter{Entity: model.EntityMilestone, From: from, To: to})
	if err != nil {
		return model.PeriodStatus{}, err
	}
	changed := map[model.ID]bool{}
	for _, e := range entries {
		if e.Action == model.ActionUpdate {
			if _, m := d.MilestoneByID(e.EntityID); m != nil {
				changed[m.ID] = true
			}
		}
	}
	return d.Status(p, changed), nil
}

func periodStatusCommand() *command {
	var asJSON bool
	return &command{
		name: "period status", args: "[-json] [-lang bg|en]", help: "who has reported in the open (or last) period and which measures have no update",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.BoolVar(&asJSON, "json", false, "print JSON for programs")
			c.addLang(fs)
		},
		run: func(c *cmdContext) error {
			d, err := c.store.Doc(c.ctx)
			if err != nil {
				return err
			}
			st, err := c.periodStatus(d)
			if err != nil {
				return err
			}
			if asJSON {
				return writeStatusJSON(c, st)
			}
			writeStatusText(c, d, st)
			return nil
		},
	}
}

func writeStatusJSON(c *cmdContext, st model.PeriodStatus) error {
	type unit struct {
		Code       string                `json:"code"`
		State      model.UnitReportState `json:"state"`
		ReturnedAt *string               `json:"returnedAt"`
		Changes    int                   `json:"changes"`
	}
	p := st.Period
	out := struct {
		Period struct {
			Name  string            `json:"name"`
			Start model.Date        `json:"start"`
			End   model.Date        `json:"end"`
			Due   model.Date        `json:"due"`
			State model.PeriodState `json:"state"`
		} `json:"period"`
		Units                 []unit   `json:"units"`
		MeasuresWithoutUpdate []string `json:"measuresWithoutUpdate"`
	}{Units: []unit{}, MeasuresWithoutUpdate: append([]string{}, st.MeasuresWithoutUpdate...)}
	out.Period.Name, out.Period.Start, out.Period.End, out.Period.Due, out.Period.State = p.Name.In(c.lang), p.Start, p.End, p.Due, p.State
	for _, u := range st.Units {
		x := unit{Code: u.Unit, State: u.State, Changes: u.Changes}
		if u.ReturnedAt != "" {
			at := u.ReturnedAt
			x.ReturnedAt = &at
		}
		out.Units = append(out.Units, x)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "%s\n", b)
	return err
}

func writeStatusText(c *cmdContext, d *model.Doc, st model.PeriodStatus) {
	lang, p := c.lang, st.Period
	bg := lang == model.BG
	state := map[model.PeriodState][2]string{model.PeriodOpen: {"отворен", "open"}, model.PeriodClosed: {"приключен", "closed"}}[p.State]
	units := map[model.UnitReportState][2]string{model.UnitMissing: {"няма шаблон", "no template"},
		model.UnitWritten: {"чакаме отговор", "awaiting answer"}, model.UnitReturned: {"отчел се", "returned"}}
	pick := func(t [2]string) string {
		if bg {
			return t[0]
		}
		return t[1]
	}
	if bg {
		fmt.Fprintf(c.out, "Период %s (%s г. – %s г.), отговори до %s г. — %s\n", p.Name.In(lang), p.Start.Format(lang), p.End.Format(lang), p.Due.Format(lang), pick(state))
		fmt.Fprintf(c.out, "Отчели са се %d от %d звена; %s без актуализация в периода.\n\n", st.Reported, st.Expected, model.FormatCount(len(st.MeasuresWithoutUpdate), "мярка", "мерки", model.BG))
	} else {
		fmt.Fprintf(c.out, "Period %s (%s – %s), answers due %s — %s\n", p.Name.In(lang), p.Start.Format(lang), p.End.Format(lang), p.Due.Format(lang), pick(state))
		fmt.Fprintf(c.out, "%d of %d units have reported; %d measures have no update in the period.\n\n", st.Reported, st.Expected, len(st.MeasuresWithoutUpdate))
	}
	tw := tabwriter.NewWriter(c.out, 0, 0, 2, ' ', 0)
	if bg {
		fmt.Fprintln(tw, "Звено\tСъстояние\tВърнат на\tПромени\tМерки без актуализация")
	} else {
		fmt.Fprintln(tw, "Unit\tState\tReturned on\tChanges\tMeasures without update")
	}
	for _, u := range st.Units {
		name := u.Unit
		if x := d.Unit(u.Unit); x != nil {
			name = u.Unit + " " + x.Name.In(lang)
		}
		returned, changes := "—", "—"
		if u.State == model.UnitReturned {
			returned = model.FormatStamp(u.ReturnedAt, lang)
			changes = fmt.Sprint(u.Changes)
		}
		missing := strings.Join(u.Measures, ", ")
		if missing == "" {
			missing = "—"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", name, pick(units[u.State]), returned, changes, missing)
	}
	tw.Flush()
}

func periodNarrativeCommand() *command {
	var area, kind, text, textEN string
	return &command{
		name: "period narrative", args: "[-area CODE] -kind KIND -text TEXT [-text-en TEXT]",
		help: "write the office's narrative of the open period (kinds: commentary, highlights, risks, actions, decisions); an empty text removes it",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&area, "area", "", "the priority area's code (default: the whole strategy)")
			fs.StringVar(&kind, "kind", "commentary", "commentary, highlights, risks, actions or decisions (requested from the council)")
			fs.StringVar(&text, "text", "", "the text in Bulgarian")
			fs.StringVar(&textEN, "text-en", "", "the text in English")
			c.addUser(fs)
		},
		run: func(c *cmdContext) error {
			k := model.NarrativeKind(kind)
			if !slices.Contains(model.NarrativeKinds, k) {
				return usageErr("-kind %q: use commentary, highlights, risks, actions or decisions", kind)
			}
			d, err := c.store.Doc(c.ctx)
			if err != nil {
				return err
			}
			if area != "" && d.Area(area) == nil {
				return model.Errorf(model.ENOTFOUND, "-area: there is no priority area %q in %s", area, c.store.Path())
			}
			var p *model.Period
			err = c.cycle(func(tx model.Tx, actor *model.Person) error {
				var err error
				p, err = model.SetNarrative(tx, area, k, model.T(strings.TrimSpace(text), strings.TrimSpace(textEN)), actor.ID)
				return err
			})
			if err != nil {
				return err
			}
			where := "the whole strategy"
			if area != "" {
				where = "area " + area
			}
			fmt.Fprintf(c.out, "period %q: %s of %s written\n", p.Name.In(model.BG), kind, where)
			return nil
		},
	}
}
