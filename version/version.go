// Package version tells which build this is. The release build stamps it:
//
//	go build -trimpath -ldflags "-X strategytracker/version.stamped=1.2.0" .
//
// (scripts/version.sh derives the string from `git describe`). An
// unstamped build (go run, go test, a plain go build) falls back to the
// commit that Go records in the binary, as 0.0.0-dev+COMMIT.
package version

import (
	"runtime/debug"
	"sync"
)

// stamped is set with -ldflags -X at build time.
var stamped string

// source is where this version's source code is, set with -ldflags -X by
// the release build (SOURCE_URL, else the source archive it publishes).
var source string

// What the binaries say about themselves (About dialog, report and
// workbook metadata, Windows version resources).
const (
	Product   = "Strategy Tracker"
	Company   = "Sofia Municipality"
	Copyright = "© 2026 Sofia Municipality. Licensed under the EUPL-1.2."
	// License is the licence of the program (LICENSE, shipped as LICENSE.txt).
	License = "EUPL-1.2"
)

// Source is where the source code of this build is: the release's source
// archive or repository (stamped), else the file every release publishes.
func Source() string {
	if source != "" {
		return source
	}
	return "strategytracker-" + String() + "-source.tar.gz"
}

var fallback = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "0.0.0-dev"
	}
	return fromBuildInfo(info.Settings)
})

// String is the version of this build: the stamped one, else
// 0.0.0-dev+COMMIT (".dirty" appended when the tree had changes), else
// 0.0.0-dev.
func String() string {
	if stamped != "" {
		return stamped
	}
	return fallback()
}

// Full is the product name and version, e.g. "Strategy Tracker 1.2.0", for
// the Creator / Application fields of the reports.
func Full() string { return Product + " " + String() }

func fromBuildInfo(settings []debug.BuildSetting) string {
	var rev string
	dirty := false
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "0.0.0-dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "0.0.0-dev+" + rev
	if dirty {
		v += ".dirty"
	}
	return v
}
