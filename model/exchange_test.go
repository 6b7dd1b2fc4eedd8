package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

func encode(t *testing.T, d *Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.Bytes()
}

func TestEncodeDecodeEncodeIsByteIdentical(t *testing.T) {
	d := Generate(150, 1)
	d.Snapshots = []Snapshot{{Name: "Отчет 2025", AsOf: MustDate("2025-12-31"), CreatedAt: "2026-01-05T10:00:00Z",
		CreatedBy: "Мария <m@sofia.bg>", SHA256: strings.Repeat("ab", 32), Figures: json.RawMessage(`{"measures":[{"code":"1.1","progress":50}]}`)}}
	first := encode(t, d)
	back, err := DecodeBytes(first)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	second := encode(t, back)
	if !bytes.Equal(first, second) {
		t.Fatalf("Encode → Decode → Encode differs (%d vs %d bytes)", len(first), len(second))
	}
	if err := back.Validate(today); err != nil {
		t.Errorf("decoded doc does not validate: %v", err)
	}
	if got, want := len(back.Measures), 150; got != want {
		t.Errorf("decoded %d measures, want %d", got, want)
	}
	if !bytes.HasPrefix(first, []byte("{\n  \"format\": \"strategytracker/2\",\n  \"strategy\": {\n    \"title\": {\n      \"bg\": ")) {
		t.Errorf("export does not start with the format key, two-space indented:\n%.200s", first)
	}
	if !bytes.HasSuffix(first, []byte("}\n")) {
		t.Errorf("export does not end with }\\n")
	}
}

func TestDecodeRefuses(t *testing.T) {
	valid := string(encode(t, validDoc()))
	tests := []struct {
		name string
		in   string
	}{
		{"unknown top-level key", `{"format":"strategytracker/1","colour":"red"}`},
		{"unknown key in a measure", strings.Replace(valid, `"leadUnit":`, `"lead_unit":`, 1)},
		{"unknown key in a milestone", strings.Replace(valid, `"evidence":`, `"evidense":`, 1)},
		{"trailing object", valid + `{}`},
		{"trailing text", valid + "x"},
		{"trailing closing brace", valid + "}"},
		{"trailing closing bracket", valid + "]"},
		{"trailing closing brace after spaces", valid + " \n }\n"},
		{"trailing no-break space", valid + "\u00a0"},
		{"truncated", valid[:len(valid)/2]},
		{"not JSON", "hello"},
		{"empty", ""},
		{"a date in Bulgarian form", strings.Replace(valid, `"2021-01-01"`, `"01.01.2021"`, 1)},
		{"an impossible date", strings.Replace(valid, `"2021-01-01"`, `"2021-02-30"`, 1)},
		{"a string where a number belongs", strings.Replace(valid, `"plannedCents": 100000`, `"plannedCents": "100000"`, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.in == valid {
				t.Fatal("the test input was not changed")
			}
			d, err := DecodeBytes([]byte(tt.in))
			if err == nil {
				t.Fatalf("Decode accepted it: %+v", d.Strategy)
			}
			if code := ErrorCode(err); code != EINVALID {
				t.Errorf("error code = %q, want %q (%v)", code, EINVALID, err)
			}
		})
	}
}

func TestDecodeAcceptsTrailingWhitespace(t *testing.T) {
	valid := encode(t, validDoc())
	if _, err := DecodeBytes(append(valid, " \n\t\r\n"...)); err != nil {
		t.Errorf("Decode with trailing whitespace: %v", err)
	}
}

func TestEncodeOrder(t *testing.T) {
	d := validDoc()
	d.Goals = []Goal{{Code: "G10", Title: T("д", "d")}, {Code: "G2", Title: T("б", "b")}, {Code: "G1", Title: T("а", "a")}}
	d.Areas = []Area{{Code: "A10", Title: T("х", "x"), Order: 1}, {Code: "A2", Title: T("у", "y"), Order: 2}, {Code: "A1", Title: T("з", "z"), Order: 3}}
	d.People = []Person{d.People[1], d.People[0]}
	mk := func(id ID, code string) Measure {
		m := validDoc().Measures[0]
		m.ID, m.Code = id, code
		m.Milestones, m.KPIs, m.Updates = nil, nil, nil
		return m
	}
	d.Measures = []Measure{mk(1, "1.10"), mk(2, "10.1"), mk(3, "1.9"), mk(4, "2.1"), mk(5, "1.2.3"), mk(6, "1.2")}
	m := &d.Measures[0]
	m.Goals = []string{"G10", "G2"}
	m.Milestones = []Milestone{
		{ID: 30, Title: T("в", "c"), Due: MustDate("2022-01-01"), Weight: 1},
		{ID: 20, Title: T("б", "b"), Due: MustDate("2021-06-30"), Weight: 1},
		{ID: 10, Title: T("а", "a"), Due: MustDate("2022-01-01"), Weight: 1},
	}
	m.KPIs = []KPI{{ID: 1, Name: T("п", "k"), Kind: KPIOutput, BaselineValue: 1, BaselineDate: MustDate("2021-01-01"), TargetValue: 2,
		Values: []KPIValue{{ID: 3, Date: MustDate("2022-02-01"), Value: 3}, {ID: 2, Date: MustDate("2022-01-01"), Value: 2}, {ID: 1, Date: MustDate("2022-02-01"), Value: 1}}}}
	m.Updates = []Update{{ID: 2, Date: MustDate("2022-01-01"), Text: T("б", "b")}, {ID: 1, Date: MustDate("2022-01-01"), Text: T("а", "a")}, {ID: 3, Date: MustDate("2021-01-01"), Text: T("в", "c")}}

	back, err := DecodeBytes(encode(t, d))
	if err != nil {
		t.Fatal(err)
	}
	join := func(n int, f func(i int) string) string {
		s := make([]string, n)
		for i := range s {
			s[i] = f(i)
		}
		return strings.Join(s, " ")
	}
	m = back.MeasureByCode("1.10")
	tests := []struct {
		what, got, want string
	}{
		{"goals", join(len(back.Goals), func(i int) string { return back.Goals[i].Code }), "G1 G2 G10"},
		{"areas (by code, not order)", join(len(back.Areas), func(i int) string { return back.Areas[i].Code }), "A1 A2 A10"},
		{"units", join(len(back.Units), func(i int) string { return back.Units[i].Code }), "IS UMC"},
		{"people by id", join(len(back.People), func(i int) string { return itoa(back.People[i].ID) }), "1 2"},
		{"measures part by part", join(len(back.Measures), func(i int) string { return back.Measures[i].Code }), "1.2 1.2.3 1.9 1.10 2.1 10.1"},
		{"a measure's goals", strings.Join(m.Goals, " "), "G2 G10"},
		{"milestones by due, then id", join(len(m.Milestones), func(i int) string { return itoa(m.Milestones[i].ID) }), "20 10 30"},
		{"values by date, then id", join(len(m.KPIs[0].Values), func(i int) string { return itoa(m.KPIs[0].Values[i].ID) }), "2 1 3"},
		{"updates by date, then id", join(len(m.Updates), func(i int) string { return itoa(m.Updates[i].ID) }), "3 1 2"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %s, want %s", tt.what, tt.got, tt.want)
		}
	}
}

func TestEncodeEmptyListsAndNulls(t *testing.T) {
	d := &Doc{
		Strategy: Strategy{Title: T("Т", "T")},
		Units:    []Unit{{Code: "IS", Name: T("И", "I"), Kind: UnitDirectorate}},
		Areas:    []Area{{Code: "A1", Title: T("А", "A")}},
		Measures: []Measure{{ID: 1, Code: "1.1", Area: "A1", LeadUnit: "IS", Title: T("М", "M"),
			Start: MustDate("2026-01-01"), End: MustDate("2026-12-31"), Weight: 1,
			Milestones: []Milestone{{ID: 1, Title: T("Е", "S"), Due: MustDate("2026-06-30"), Weight: 1}}}},
	}
	out := string(encode(t, d))
	for _, want := range []string{
		`"format": "strategytracker/2"`,
		`"goals": []`,
		`"people": []`,
		`"snapshots": []`,
		`"partners": []`,
		`"funding": []`,
		`"kpis": []`,
		`"updates": []`,
		`"adoptedOn": null`,
		`"periodStart": null`,
		`"override": null`,
		`"completed": null`,
		`"responsible": null`,
		`"shortTitle": {
      "bg": "",
      "en": ""
    }`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if regexp.MustCompile(`"(goals|areas|units|people|measures|snapshots|partners|funding|milestones|kpis|updates|values)": null`).MatchString(out) {
		t.Errorf("export writes null for a list:\n%s", out)
	}
	if _, err := DecodeBytes([]byte(out)); err != nil {
		t.Errorf("Decode of the export: %v", err)
	}
}

func TestEncodeDoesNotEscapeHTML(t *testing.T) {
	d := validDoc()
	d.Strategy.CouncilDecision = T("Решение № 338 <по> Протокол & № 13", "Decision <338> & 13")
	d.Measures[0].Milestones[0].Evidence = "https://sofia.bg/a?x=1&y=2"
	out := string(encode(t, d))
	for _, want := range []string{`"Решение № 338 <по> Протокол & № 13"`, `"Decision <338> & 13"`, `"https://sofia.bg/a?x=1&y=2"`} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	for _, bad := range []string{`\u003c`, `\u003e`, `\u0026`} {
		if strings.Contains(out, bad) {
			t.Errorf("export escapes HTML: contains %s", bad)
		}
	}
}

func TestCanonicalJSON(t *testing.T) {
	got, err := CanonicalJSON(map[string]any{"b": "x<y&z", "a": []int{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"a":[1,2],"b":"x<y&z"}`; string(got) != want {
		t.Errorf("CanonicalJSON = %s, want %s", got, want)
	}
}

func TestDecodeRefusesInvalidUTF8(t *testing.T) {
	good, err := os.ReadFile("../assets/demo/strategy.json")
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(good, []byte("Дигитална"))
	if at < 0 {
		t.Fatal("the demo has no Дигитална")
	}
	tests := []struct {
		name string
		edit func(b []byte) []byte
		want string
	}{
		{"a stray continuation byte", func(b []byte) []byte { b[at] = 0x80; return b }, fmt.Sprintf("byte offset %d", at)},
		{"a Latin-1 byte", func(b []byte) []byte { b[at+1] = 0xE9; return b }, fmt.Sprintf("byte offset %d", at)},
		{"a truncated sequence at the end", func(b []byte) []byte { return append(b, 0xD0) }, fmt.Sprintf("byte offset %d", len(good))},
		{"a lone high surrogate escape", func(b []byte) []byte {
			return bytes.Replace(b, []byte("Дигитална"), []byte(`\ud83dДигитална`), 1)
		}, fmt.Sprintf(`\ud83d at byte offset %d`, at)},
		{"a lone low surrogate escape", func(b []byte) []byte {
			return bytes.Replace(b, []byte("Дигитална"), []byte(`\uDE00`), 1)
		}, fmt.Sprintf(`\uDE00 at byte offset %d`, at)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeBytes(tt.edit(bytes.Clone(good)))
			if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode = %v, want invalid naming %q", err, tt.want)
			}
		})
	}
	// A proper pair and other escapes are fine.
	ok := bytes.Replace(bytes.Clone(good), []byte("Дигитална"), []byte(`\ud83d\ude00 \"\\u0041\" \u0041`), 1)
	if _, err := DecodeBytes(ok); err != nil {
		t.Errorf("a valid surrogate pair: %v", err)
	}
}

func TestCheckUTF8NamesWhereAndTheByte(t *testing.T) {
	if err := CheckUTF8("Milestones!C3", "наред"); err != nil {
		t.Errorf("valid text: %v", err)
	}
	err := CheckUTF8("Milestones!C3", "на\xffред")
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID || e.Field != "Milestones!C3" || !strings.Contains(e.Message, "byte 4") {
		t.Errorf("CheckUTF8 = %#v", err)
	}
}

// A file of the first format (before DESIGN.md §1.2) loads with its notes
// and reasons in Bulgarian, no English text and no submitter; exporting it
// again writes the current format.
func TestDecodeFormatV1(t *testing.T) {
	d := validDoc()
	m0(d).Override = &Override{Status: StatusAtRisk, Reason: "Забавена обществена поръчка"}
	ms0(d).Note = "Приет от комисията"
	v2 := string(encode(t, d))
	v1 := strings.Replace(v2, `"format": "strategytracker/2"`, `"format": "strategytracker/1"`, 1)
	if v1 == v2 {
		t.Fatal("the export does not name format strategytracker/2")
	}
	for _, key := range []string{`"noteEn"`, `"reasonEn"`, `"submitter"`} {
		if strings.Contains(v1, key) {
			t.Fatalf("a file without English notes or a submitter writes %s", key)
		}
	}
	back, err := DecodeBytes([]byte(v1))
	if err != nil {
		t.Fatalf("Decode of a strategytracker/1 file: %v", err)
	}
	if err := back.Validate(today); err != nil {
		t.Fatalf("a strategytracker/1 file does not validate: %v", err)
	}
	got := []string{back.Format, ms0(back).NoteText().BG, ms0(back).NoteText().EN, m0(back).Override.ReasonText().BG, m0(back).Override.ReasonText().EN}
	want := []string{Format, "Приет от комисията", "", "Забавена обществена поръчка", ""}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("decoded format, note bg/en, reason bg/en = %q, want %q", got, want)
	}
	if again := string(encode(t, back)); again != v2 {
		t.Errorf("a strategytracker/1 file exports as\n%s\nwant\n%s", again, v2)
	}
}

// The English note and reason and the submitter round-trip.
func TestEncodeDecodeEnglishNoteReasonSubmitter(t *testing.T) {
	d := validDoc()
	m0(d).Override = &Override{Status: StatusAtRisk, Reason: "Забава", ReasonEn: "Delayed procurement"}
	ms0(d).Note, ms0(d).NoteEn = "Приет", "Accepted by the committee"
	d.Strategy.Submitter = 1
	first := encode(t, d)
	for _, want := range []string{`"noteEn": "Accepted by the committee"`, `"reasonEn": "Delayed procurement"`, `"submitter": 1`} {
		if !strings.Contains(string(first), want) {
			t.Errorf("export lacks %s", want)
		}
	}
	back, err := DecodeBytes(first)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Validate(today); err != nil {
		t.Fatal(err)
	}
	if got := ms0(back).NoteText(); got != T("Приет", "Accepted by the committee") {
		t.Errorf("note = %#v", got)
	}
	if got := m0(back).Override.ReasonText(); got != T("Забава", "Delayed procurement") {
		t.Errorf("reason = %#v", got)
	}
	if back.Strategy.Submitter != 1 {
		t.Errorf("submitter = %d, want 1", back.Strategy.Submitter)
	}
	if second := encode(t, back); !bytes.Equal(first, second) {
		t.Errorf("Encode → Decode → Encode differs")
	}
}
