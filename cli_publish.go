package main

import (
	"flag"
	"fmt"

	"strategytracker/model"
	"strategytracker/reports/site"
)

// The publish command (DESIGN.md §4): the static public site and the open
// data. It lives in its own file so that it moves as one piece into the
// cli/ package.

func init() {
	commands = append(commands, command{"publish", "-o DIR [-lang bg,en] [-asof DATE] [-licence ID]",
		"the static public site and the open data (only public information)", cmdPublish, false})
}

func cmdPublish(c *cmdContext) error {
	dir := c.str("o")
	if dir == "" {
		return usageErr("publish needs -o DIR: the folder to write the site into")
	}
	langs := []model.Lang{model.BG, model.EN}
	langSet := false
	c.flags.Visit(func(f *flag.Flag) { langSet = langSet || f.Name == "lang" })
	if langSet {
		var err error
		if langs, err = site.ParseLangs(*c.values["lang"].(*string)); err != nil {
			return usageErr("-lang: %s", model.ErrorMessage(err))
		}
	}
	opts := site.Options{Langs: langs, AsOf: c.asOf}
	if id := c.str("licence"); id != "" {
		l, err := site.LicenceByID(id)
		if err != nil {
			return usageErr("-licence: %s", model.ErrorMessage(err))
		}
		opts.Licence = l
	}
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	if err := site.Publish(dir, d, opts); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "published %s: %d public measures as of %s\n", dir, len(site.PublicDoc(d).Measures), c.asOf)
	return nil
}
