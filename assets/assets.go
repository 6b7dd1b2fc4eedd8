// Package assets holds the files the program embeds, as plain bytes: the
// application icon, the fonts the reports use, and the demo strategy. It
// imports nothing but embed, so that every layer may use it (DEVELOPERS.md).
package assets

import "embed"

// Translations holds the texts of the desktop app's user interface, one
// JSON file per language (translations/bg.json, translations/en.json) in the
// flat format of fyne.io/fyne/v2/lang.
//
//go:embed translations/*.json
var Translations embed.FS

// Icon is the application icon, a 256×256 PNG.
//
//go:embed icon.png
var Icon []byte

// DemoStrategy is the demo strategy in the exchange format (DESIGN.md §5);
// `strategytracker demo` and the first start load it.
//
//go:embed demo/strategy.json
var DemoStrategy []byte

// FontRegular and FontBold are Noto Sans Regular and Bold (TrueType, with
// Cyrillic), under the SIL Open Font License 1.1 (fonts/OFL.txt). They are
// the fonts Fyne itself uses, copied so that the PDF report looks the same.
//
//go:embed fonts/NotoSans-Regular.ttf
var FontRegular []byte

//go:embed fonts/NotoSans-Bold.ttf
var FontBold []byte

// FontLicense is the licence text of the fonts.
//
//go:embed fonts/OFL.txt
var FontLicense []byte
