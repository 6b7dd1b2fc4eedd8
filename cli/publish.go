package cli

import (
	"flag"
	"fmt"

	"strategytracker/model"
	"strategytracker/reports/site"
)

// The publish command (DESIGN.md §4): the static public site and the open
// data.
func publishCommand() *command {
	var langs, licence, id string
	return &command{
		name: "publish", args: "-o DIR [-lang bg,en] [-asof DATE] [-licence ID] [-id URI]",
		help: "the static public site and the open data (only public information)",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&langs, "lang", "bg,en", "the languages of the site, comma-separated")
			fs.StringVar(&licence, "licence", "", "licence of the open data (default CC-BY-4.0)")
			fs.StringVar(&id, "id", "", "identifier of the data package, e.g. the portal's dataset URI (default: derived from the strategy)")
			c.addAsOf(fs)
			c.addOutput(fs, "the folder to write the site into")
		},
		run: func(c *cmdContext) error {
			dir := c.str("o")
			if dir == "" {
				return usageErr("publish needs -o DIR: the folder to write the site into")
			}
			ls, err := site.ParseLangs(langs)
			if err != nil {
				return usageErr("-lang: %s", model.ErrorMessage(err))
			}
			opts := site.Options{Langs: ls, AsOf: c.asOf, ID: id}
			if licence != "" {
				l, err := site.LicenceByID(licence)
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
			fmt.Fprintf(c.out, "published %s: %d public measures as of %s\n", dir, len(site.PublicDoc(d).Measures), c.asOf.Format(model.BG))
			return nil
		},
	}
}
