package assets

import (
	"bytes"
	"encoding/json"
	"image/png"
	"testing"
)

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("icon.png: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Errorf("icon is %dx%d, want 256x256", b.Dx(), b.Dy())
	}
}

func TestFonts(t *testing.T) {
	for name, f := range map[string][]byte{"FontRegular": FontRegular, "FontBold": FontBold} {
		// A TrueType font starts with the sfnt version 0x00010000.
		if len(f) < 1024 || !bytes.HasPrefix(f, []byte{0, 1, 0, 0}) {
			t.Errorf("%s is not a TrueType font", name)
		}
	}
	if !bytes.Contains(FontLicense, []byte("SIL OPEN FONT LICENSE Version 1.1")) {
		t.Error("the font licence is not the SIL OFL 1.1")
	}
}

func TestDemoStrategyIsJSON(t *testing.T) {
	if !json.Valid(DemoStrategy) {
		t.Error("demo/strategy.json is not valid JSON")
	}
}

func TestTranslationsParse(t *testing.T) {
	for _, lang := range []string{"bg", "en"} {
		if n := len(Texts(lang)); n < 100 {
			t.Errorf("translations/%s.json has %d texts", lang, n)
		}
		if got, ok := Text(lang, "invalid.email"); !ok || got == "" {
			t.Errorf("%s: invalid.email is %q", lang, got)
		}
	}
	if _, ok := Text("de", "invalid.email"); ok {
		t.Error("a language without a file has texts")
	}
}
