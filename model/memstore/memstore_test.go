package memstore_test

import (
	"testing"
	"time"

	"strategytracker/model"
	"strategytracker/model/memstore"
	"strategytracker/model/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T, d *model.Doc) model.Store {
		d.Tidy()
		if err := d.Validate(model.DateOf(time.Now())); err != nil {
			t.Fatal(err)
		}
		s := memstore.New(d, memstore.Options{})
		t.Cleanup(func() { s.Close() })
		return s
	})
}
