package postgres

import (
	"testing"

	"strategytracker/model"
	"strategytracker/model/storetest"
)

// TestContract runs the store contract suite that storage (the file) and
// model/memstore pass too: the same behaviour on every engine.
func TestContract(t *testing.T) {
	needServer(t)
	storetest.Run(t, func(t *testing.T, d *model.Doc) model.Store {
		s, err := Create(ctx, newDatabase(t), d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
