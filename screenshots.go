//go:build screenshots

package main

// Built with the screenshots tag, the root package is the screenshot driver
// instead of the desktop app (main.go is built without it): it shows every
// screen on a fresh copy of the demo strategy, in Bulgarian and English,
// saves each as OUT/NAME-LANG.png and quits (make screenshots runs it
// under a virtual 1366×768 display). The app users run has no screenshot
// driver, and the driver never opens a file of the user's: the demo copy
// and the preferences live in a temporary folder removed at the end.
//
//	go build -tags screenshots -o bin/strategytracker-screenshots .
//	xvfb-run -a -s '-screen 0 1366x768x24' bin/strategytracker-screenshots [-out DIR] [-only REGEXP] [-lang bg,en]

import (
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"

	"strategytracker/app"
	"strategytracker/cli"
	"strategytracker/model"
	"strategytracker/storage"
	"strategytracker/version"
)

func main() {
	out := flag.String("out", "screenshots", "the folder for the PNG files (NAME-LANG.png)")
	only := flag.String("only", "", "save only the shots whose NAME-LANG matches this regular expression (all are still staged)")
	langs := flag.String("lang", "bg,en", "the languages, comma-separated: bg, en")
	flag.Parse()
	so := app.ScreenshotOptions{Dir: *out,
		Opener: func(path string) (model.Store, error) {
			return storage.Open(context.Background(), path, storage.Options{})
		},
		Creator: func(path string, d *model.Doc) (model.Store, error) {
			return storage.Create(context.Background(), path, d, storage.Options{})
		},
	}
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			fail(fmt.Errorf("-only: %v", err))
		}
		so.Only = re
	}
	for _, l := range strings.Split(*langs, ",") {
		switch lang := model.Lang(strings.TrimSpace(l)); lang {
		case model.BG, model.EN:
			so.Langs = append(so.Langs, lang)
		default:
			fail(fmt.Errorf("-lang: %q is not bg or en", l))
		}
	}
	if err := app.CheckDisplay(); err != nil {
		fail(err)
	}
	opts := app.Options{
		Lang:       model.BG,
		CreateDemo: cli.CreateDemo,
		Version:    version.String(),
		Licence:    version.License,
		Source:     version.Source(),
	}
	if err := app.Screenshots(opts, so); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "screenshots: "+err.Error())
	os.Exit(1)
}
