package model_test

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"testing"

	"strategytracker/model"
	"strategytracker/model/memstore"
)

// Reassign moves every reference to a goal, area, unit or person onto
// another of its kind, so that the first can be deleted: afterwards
// nothing refers to it, and the other is referred to by everything that
// referred to either (a measure with both as partners keeps one; the
// report's submitter is a person's reference too).
func TestReassignMovesEveryReference(t *testing.T) {
	d := reassignDoc()
	ctx := context.Background()
	for _, c := range reassignCases {
		t.Run(string(c.entity), func(t *testing.T) {
			s := memstore.New(d, memstore.Options{})
			before, err := s.Doc(ctx)
			if err != nil {
				t.Fatal(err)
			}
			from := referenceItems(before.References(c.entity, c.from))
			if len(from) == 0 {
				t.Fatalf("nothing refers to %s %d: the case tests nothing", c.entity, c.from)
			}
			want := referenceItems(before.References(c.entity, c.to))
			for kind, items := range from {
				want[kind] = sortedUnion(want[kind], items)
			}
			if err := s.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
				return model.Reassign(tx, c.entity, c.from, c.to)
			}); err != nil {
				t.Fatal(err)
			}
			after, _ := s.Doc(ctx)
			if got := after.References(c.entity, c.from); len(got) > 0 {
				t.Errorf("after reassigning, %s %d is still referred to: %+v", c.entity, c.from, got)
			}
			if got := referenceItems(after.References(c.entity, c.to)); !maps.EqualFunc(got, want, slices.Equal) {
				t.Errorf("after reassigning, %s %d is referred to by\n%v\nwant\n%v", c.entity, c.to, got, want)
			}
		})
	}
	s := memstore.New(d, memstore.Options{})
	for _, c := range []struct {
		entity   model.Entity
		from, to model.ID
		want     string
	}{
		{model.EntityUnit, 1, 1, model.EINVALID},
		{model.EntityPerson, 3, 3, model.EINVALID},
		{model.EntityGoal, 1, 99, model.ENOTFOUND},
		{model.EntityArea, 99, 1, model.ENOTFOUND},
		{model.EntityPerson, 3, 99, model.ENOTFOUND},
	} {
		err := s.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
			return model.Reassign(tx, c.entity, c.from, c.to)
		})
		if got := model.ErrorCode(err); got != c.want {
			t.Errorf("Reassign(%s %d → %d) = %v, want %s", c.entity, c.from, c.to, err, c.want)
		}
	}
}

// reassignDoc is a strategy where every kind of reference is made: a
// unit leading one measure and a partner of another, a measure with two
// goals, people responsible for measures and milestones and authors of
// updates, the report's submitter.
func reassignDoc() *model.Doc {
	d := model.Generate(200, 1)
	for i := range d.Measures {
		if m := &d.Measures[i]; i%3 == 0 {
			m.Milestones[0].Responsible = m.Responsible
		}
	}
	d.Measures[0].LeadUnit, d.Measures[0].Partners = "U03", []string{"U01", "U02"}
	d.Measures[1].Goals = []string{"G1", "G2"}
	d.Strategy.Submitter = 3
	return d
}

// reassignCases reassign one row of each kind onto another.
var reassignCases = []struct {
	entity   model.Entity
	from, to model.ID
}{
	{model.EntityGoal, 1, 2},
	{model.EntityArea, 1, 2},
	{model.EntityUnit, 1, 2},
	{model.EntityPerson, 3, 4},
}

// TestReferencesListWhatReassignMoves: for every kind of row, the rows the
// refusal of its delete lists (References) are exactly the rows Reassign
// changes: one walk (refRows) for both.
func TestReferencesListWhatReassignMoves(t *testing.T) {
	ctx := context.Background()
	for _, c := range reassignCases {
		t.Run(string(c.entity), func(t *testing.T) {
			s := memstore.New(reassignDoc(), memstore.Options{})
			before, _ := s.Doc(ctx)
			var listed []string
			for _, r := range before.References(c.entity, c.from) {
				if r.Kind != "office" { // a role, not a reference: Reassign leaves it
					listed = sortedUnion(listed, r.Items)
				}
			}
			if err := s.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
				return model.Reassign(tx, c.entity, c.from, c.to)
			}); err != nil {
				t.Fatal(err)
			}
			after, _ := s.Doc(ctx)
			if got, want := changedRows(before, after), listed; !slices.Equal(got, want) {
				t.Errorf("Reassign changed\n%v\nReferences listed\n%v", got, want)
			}
		})
	}
}

// changedRows names the rows that differ between before and after as
// References names them (sorted): measures by code, milestones as "code:
// title", updates as "code date", people by name, the strategy by title.
func changedRows(before, after *model.Doc) []string {
	var out []string
	if before.Strategy.Submitter != after.Strategy.Submitter {
		out = append(out, before.Strategy.Title.BG)
	}
	for i, p := range before.People {
		q := after.People[i]
		p.Version, q.Version = 0, 0
		if p != q {
			out = append(out, p.Name.BG)
		}
	}
	for i := range before.Measures {
		m, n := before.Measures[i], after.Measures[i]
		for j, ms := range m.Milestones {
			if ms.Responsible != n.Milestones[j].Responsible {
				out = append(out, m.Code+": "+ms.Title.BG)
			}
		}
		for j, u := range m.Updates {
			if u.Author != n.Updates[j].Author {
				out = append(out, m.Code+" "+u.Date.Format(model.BG))
			}
		}
		m.Version, n.Version = 0, 0
		m.Milestones, n.Milestones, m.Updates, n.Updates = nil, nil, nil, nil
		if !reflect.DeepEqual(m, n) {
			out = append(out, m.Code)
		}
	}
	return sortedUnion(nil, out)
}

// referenceItems are the items of refs by kind, sorted.
func referenceItems(refs []model.Reference) map[string][]string {
	out := map[string][]string{}
	for _, r := range refs {
		out[r.Kind] = sortedUnion(out[r.Kind], r.Items)
	}
	return out
}

func sortedUnion(a, b []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
}
