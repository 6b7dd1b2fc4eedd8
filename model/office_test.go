package model_test

import (
	"context"
	"testing"

	"strategytracker/model"
	"strategytracker/model/memstore"
)

// The last office user can neither be demoted nor deleted through a
// store's transaction (model.WriteTx, under every store), and both work
// once another person has the office role (issue 21.7).
func TestAStoreKeepsAnOfficeUser(t *testing.T) {
	d := model.NewStrategyDoc(model.T("Стратегия", "Strategy"), "Иван", "ivan@sofia.bg", "", model.MustDate("2026-12-01"))
	s := memstore.New(d, memstore.Options{})
	ctx := context.Background()
	update := func(fn func(tx model.Tx) error) error { return s.Update(ctx, 1, model.ActionUpdate, "", fn) }
	me := func(tx model.Tx) model.Person { return *tx.Doc().Person(1) }
	demote := func(tx model.Tx) error { p := me(tx); p.Role = model.RoleCoordinator; return tx.SavePerson(&p) }
	remove := func(tx model.Tx) error { p := me(tx); return tx.Delete(model.EntityPerson, 1, p.Version) }
	for name, fn := range map[string]func(model.Tx) error{"demoted": demote, "deleted": remove} {
		if err := update(fn); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("the only office user %s: %v, want refused", name, err)
		}
	}
	if err := update(func(tx model.Tx) error {
		return tx.SavePerson(&model.Person{Name: model.T("Мария", ""), Unit: "OFFICE", Email: "maria@sofia.bg", Role: model.RoleOffice})
	}); err != nil {
		t.Fatal(err)
	}
	if err := update(demote); err != nil {
		t.Errorf("one of two office users demoted: %v", err)
	}
}
