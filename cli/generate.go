package cli

import (
	"flag"
	"fmt"
	"os"
	"time"

	"strategytracker/model"
)

func generateCommand() *command {
	var n, seed int
	return &command{
		name: "generate", args: "-db FILE -measures N [-seed S]", help: "create a synthetic strategy of N measures",
		db: dbCreate,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.IntVar(&n, "measures", 0, fmt.Sprintf("number of measures to generate (1–%d)", model.MaxMeasures))
			fs.IntVar(&seed, "seed", 1, "random seed: the same seed gives the same file")
		},
		run: func(c *cmdContext) error { return generate(c, n, seed) },
	}
}

func generate(c *cmdContext, n, seed int) error {
	if n < 1 || n > model.MaxMeasures {
		return usageErr("-measures must be between 1 and %d", model.MaxMeasures)
	}
	// A fixed clock: the same seed gives the same file, whatever the day.
	clock := func() time.Time { return model.GeneratedAsOf.Time().Add(12 * time.Hour) }
	d := model.Generate(n, uint64(seed))
	s, err := createStore(c.ctx, c.db, d, clock, fmt.Sprintf("generated-%d-%d", n, seed))
	if err != nil {
		return err
	}
	defer s.Close()
	// The load is one audit entry; the history brings the log to N×5.
	err = s.Update(c.ctx, d.People[0].ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return model.GenerateHistory(tx, n*5-1, uint64(seed))
	})
	if err != nil {
		s.Close()
		os.Remove(c.db)
		return err
	}
	fmt.Fprintf(c.out, "created %s: %d measures, %d milestones\n", s.Path(), len(d.Measures), d.MilestoneCount())
	return nil
}
