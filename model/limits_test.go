package model

import (
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// Issue 21: one set of limits, in Validate, for every entry point.

func TestHostileValuesAreRefused(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d *Doc)
		rule   Rule   // "" when the value is accepted
		field  string // the error's Field
	}{
		// 21.1 e-mail addresses: one rule.
		{"email @", func(d *Doc) { d.People[0].Email = "@" }, RuleEmail, "email"},
		{"email without domain", func(d *Doc) { d.People[0].Email = "ivan@" }, RuleEmail, "email"},
		{"email without local part", func(d *Doc) { d.People[0].Email = "@sofia.bg" }, RuleEmail, "email"},
		{"email with a space", func(d *Doc) { d.People[0].Email = "ivan petrov@sofia.bg" }, RuleEmail, "email"},
		{"email with CR LF and a header", func(d *Doc) { d.People[0].Email = "ivan@sofia.bg\r\nBcc: spy@evil.example" }, RuleEmail, "email"},
		{"email with LF in the domain", func(d *Doc) { d.People[0].Email = "ivan@sofia\n.bg" }, RuleEmail, "email"},
		{"email with a display name", func(d *Doc) { d.People[0].Email = "Ivan <ivan@sofia.bg>" }, RuleEmail, "email"},
		{"email of two addresses", func(d *Doc) { d.People[0].Email = "ivan@sofia.bg, spy@evil.example" }, RuleEmail, "email"},
		{"email domain without a dot", func(d *Doc) { d.People[0].Email = "ivan@localhost" }, RuleEmail, "email"},
		{"email domain ending in a dot", func(d *Doc) { d.People[0].Email = "ivan@sofia." }, RuleEmail, "email"},
		{"email with a NUL", func(d *Doc) { d.People[0].Email = "iv\x00an@sofia.bg" }, RuleEmail, "email"},
		{"email with two dots in a row", func(d *Doc) { d.People[0].Email = "ivan..petrov@sofia.bg" }, RuleEmail, "email"},
		{"email with a quoted local part", func(d *Doc) { d.People[0].Email = `"ivan"@sofia.bg` }, RuleEmail, "email"},
		{"email with a domain literal", func(d *Doc) { d.People[0].Email = "ivan@[10.0.0.1]" }, RuleEmail, "email"},
		{"email with a label starting with a hyphen", func(d *Doc) { d.People[0].Email = "ivan@-sofia.bg" }, RuleEmail, "email"},
		{"email with two @", func(d *Doc) { d.People[0].Email = "ivan@sofia@bg.bg" }, RuleEmail, "email"},
		{"plain email", func(d *Doc) { d.People[0].Email = "ivan.petrov+plan@sofia.bg" }, "", ""},
		{"Cyrillic email", func(d *Doc) { d.People[0].Email = "иван@община.бг" }, "", ""},
		// 21.5 codes without control characters.
		{"unit code with a line break", func(d *Doc) {
			d.Units[1].Code = "UM\nC"
			d.People[1].Unit = "UM\nC"
			m0(d).Partners = []string{"UM\nC"}
		}, RuleControl, "code"},
		{"measure code with a tab", func(d *Doc) { m0(d).Code = "1\t1" }, RuleControl, "code"},
		{"goal code with ESC", func(d *Doc) { d.Goals[1].Code = "G\x1b2" }, RuleControl, "code"},
		// 21.5 dates every reader and writer accepts: 01.01.1900–31.12.2199.
		{"measure start 01.01.0001", func(d *Doc) { m0(d).Start = NewDate(1, 1, 1) }, RuleRange, "start"},
		{"measure end 01.01.2200", func(d *Doc) { m0(d).End = NewDate(2200, 1, 1) }, RuleRange, "end"},
		{"measure start 01.01.1900", func(d *Doc) { m0(d).Start = MinDate }, "", ""},
		{"KPI baseline date 31.12.1899", func(d *Doc) { k0(d).BaselineDate = NewDate(1899, 12, 31) }, RuleRange, "baselineDate"},
		{"KPI target date 9999", func(d *Doc) { k0(d).TargetDate = NewDate(9999, 1, 1) }, RuleRange, "targetDate"},
		{"strategy start 0001", func(d *Doc) { d.Strategy.PeriodStart = NewDate(1, 1, 1) }, RuleRange, "periodStart"},
		{"strategy adopted 3000", func(d *Doc) { d.Strategy.AdoptedOn = NewDate(3000, 1, 1) }, RuleRange, "adoptedOn"},
		// 21.5 a period's name fits headers and file names.
		{"period name of 300 characters", func(d *Doc) { d.Periods = []Period{period(cyr(300))} }, RuleTooLong, "name.bg"},
		{"period name of 100 characters", func(d *Doc) { d.Periods = []Period{period(cyr(MaxName))} }, "", ""},
		// 21.7 the strategy keeps an office user.
		{"nobody in the office", func(d *Doc) { d.People[0].Role = RoleCoordinator }, RuleOffice, "people"},
		{"nobody at all", func(d *Doc) { d.People = nil; m0(d).Responsible = 0; ms0(d).Responsible = 0; m0(d).Updates = nil }, RuleOffice, "people"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDoc()
			tt.break_(d)
			wantRule(t, d.Validate(today), tt.rule, tt.field)
		})
	}
}

func period(name string) Period {
	return Period{ID: 1, Name: T(name, ""), Start: MustDate("2026-10-01"), End: MustDate("2026-12-31"), Due: MustDate("2027-01-15"), State: PeriodOpen}
}

func TestLastOfficeUserIsKept(t *testing.T) {
	d := validDoc()
	demoted := d.People[0]
	demoted.Role = RoleCoordinator
	if got := ErrorRuleOf(d.CheckPerson(&demoted)); got != RuleOffice {
		t.Errorf("CheckPerson(last office user demoted): rule %q, want %q", got, RuleOffice)
	}
	refs := d.References(EntityPerson, 1)
	if len(refs) == 0 || !strings.Contains(ReferencesError("person", refs).Error(), "only office user") {
		t.Errorf("References(last office user) = %v, want the office kept", refs)
	}
	// With a second office user, either may go.
	d.People[1].Role = RoleOffice
	if err := d.CheckPerson(&demoted); err != nil {
		t.Errorf("CheckPerson(one of two office users demoted): %v", err)
	}
	for _, r := range d.References(EntityPerson, 1) {
		if r.Kind == "office" {
			t.Errorf("References(one of two office users) = %v, want no office kind", r)
		}
	}
}

func ErrorRuleOf(err error) Rule { r, _ := ErrorRule(err); return r }

func TestDecodeRefusesDuplicateKeys(t *testing.T) {
	good := string(encode(t, validDoc()))
	tests := []struct{ name, json, path string }{
		{"top level", strings.Replace(good, `"format":`, `"format": "x", "format":`, 1), "format"},
		{"in a measure's title", strings.Replace(good, `"title": {`, `"title": {"bg": "x", `, 2), ".title.bg"},
		{"in another case", strings.Replace(good, `"format":`, `"format": "x", "Format":`, 1), "Format"},
		{"in a milestone", strings.Replace(good, `"due":`, `"due": "2021-01-01", "due":`, 1), "measures[0].milestones[0].due"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeBytes([]byte(tt.json))
			if err == nil {
				t.Fatal("Decode accepted a key written twice")
			}
			if !strings.Contains(err.Error(), "twice") || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name the key %q written twice", err, tt.path)
			}
		})
	}
	if _, err := DecodeBytes([]byte(good)); err != nil {
		t.Errorf("Decode(valid export): %v", err)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }

func TestReadBoundedStopsAtItsLimit(t *testing.T) {
	_, err := ReadBounded(endless{}, 1<<20, "/dev/zero")
	if got, want := ErrorRuleOf(err), RuleTooLarge; got != want {
		t.Fatalf("ReadBounded(endless) rule = %q (%v), want %q", got, err, want)
	}
	if !strings.Contains(err.Error(), "/dev/zero is larger than 1 MB") {
		t.Errorf("message %q does not name the file and the limit", err)
	}
	b, err := ReadBounded(io.LimitReader(endless{}, 1<<20), 1<<20, "x")
	if err != nil || len(b) != 1<<20 {
		t.Errorf("ReadBounded(exactly the limit) = %d bytes, %v", len(b), err)
	}
}

func TestCycleFilesAreDistinctAndShort(t *testing.T) {
	d := validDoc()
	d.Units = append(d.Units, Unit{ID: 7, Code: "ИТ-1"}, Unit{ID: 8, Code: "ИТ 1"}, Unit{ID: 9, Code: "ИТ/1"}, Unit{ID: 10, Code: cyr(MaxCode)})
	p := period(cyr(MaxName))
	files, err := d.CycleFiles(&p, []string{"ИТ-1", "ИТ 1", "ИТ/1", cyr(MaxCode)}, BG)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		for _, name := range []string{f.Template, f.Reminder} {
			if seen[strings.ToLower(name)] {
				t.Errorf("%s: a second file of that name", name)
			}
			seen[strings.ToLower(name)] = true
			if len(name) > 200 {
				t.Errorf("%s is %d bytes long: beyond what every system takes", name, len(name))
			}
		}
	}
	// Two units that would still share a name are refused, before any file.
	d.Units[len(d.Units)-1].ID = 7
	d.Units[len(d.Units)-1].Code = "ит-1"
	if _, err := d.CycleFiles(&p, []string{"ИТ-1", "ит-1"}, BG); ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "same file name") {
		t.Errorf("CycleFiles(colliding) = %v, want refused", err)
	}
}

func TestCheckDuplicateKeys(t *testing.T) {
	tests := []struct{ json, path string }{
		{`{"a": 1, "b": 2}`, ""},
		{`{"a": 1, "a": 2}`, "a"},
		{`{"a": 1, "\u0061": 2}`, "a"},
		{`{"a": "x\", \"a\": 1", "b": {"a": 1}}`, ""},
		{`{"l": [{"k": 1}, {"k": 1, "k": 2}]}`, "l[1].k"},
		{`{"l": [[1, 2], {"x": {"y": 1, "y": 1}}]}`, "l[1].x.y"},
		{`{"a\\": 1, "a": 2}`, ""},
		{`[{"a": 1}, {"a": 1}]`, ""},
		// encoding/json sets a field from a key in any case: Decode
		// would keep "B" and lose "A".
		{`{"title": "A", "Title": "B"}`, "Title"},
		{`{"m": {"Bg": 1, "bG": 2}}`, "m.bG"},
		{`{"s": 1, "ſ": 2}`, "ſ"},
		{`{"k": 1, "\u212a": 2}`, "K"},
		{`{"ſ": 1, "ß": 2}`, ""},
	}
	for _, tt := range tests {
		err := checkDuplicateKeys([]byte(tt.json))
		var e *Error
		switch {
		case tt.path == "" && err != nil:
			t.Errorf("%s: %v, want accepted", tt.json, err)
		case tt.path != "" && (!errors.As(err, &e) || e.Field != tt.path):
			t.Errorf("%s: %v, want the key %s refused", tt.json, err, tt.path)
		}
	}
}

// TestDuplicateKeysFoldAsEncodingJSON checks the fold against
// encoding/json itself: a key refused as a second spelling of another is
// exactly one that json.Unmarshal would put into the other's field.
func TestDuplicateKeysFoldAsEncodingJSON(t *testing.T) {
	pairs := [][2]string{{"title", "Title"}, {"title", "TITLE"}, {"s", "ſ"}, {"k", "\u212a"}, {"ss", "ß"}, {"a", "á"}, {"é", "É"}, {"бг", "БГ"}}
	for _, p := range pairs {
		typ := reflect.StructOf([]reflect.StructField{{Name: "X", Type: reflect.TypeFor[int](), Tag: reflect.StructTag(`json:"` + p[0] + `"`)}})
		v := reflect.New(typ)
		if err := json.Unmarshal([]byte(`{"`+p[1]+`": 1}`), v.Interface()); err != nil {
			t.Fatal(err)
		}
		got := checkDuplicateKeys([]byte(`{"`+p[0]+`": 0, "`+p[1]+`": 1}`)) != nil
		if want := v.Elem().Field(0).Int() == 1; got != want {
			t.Errorf("keys %q and %q: refused = %v, want %v (as encoding/json matches them)", p[0], p[1], got, want)
		}
	}
}

// TestUniqueEmailIsOneRule: Validate (load) and CheckPerson (save) refuse
// the same e-mails, with one message, under Unicode case folding.
func TestUniqueEmailIsOneRule(t *testing.T) {
	tests := []struct{ a, b string }{
		{"sam@x.bg", "SAM@x.bg"},
		{"sam@x.bg", "ſam@x.bg"},
		{"kiro@x.bg", "\u212airo@x.bg"},
		{"ivo@x.bg", "İvo@x.bg"}, // one PostgreSQL login: strings.ToLower makes both ivo@x.bg
	}
	for _, tt := range tests {
		d := validDoc()
		d.People[0].Email, d.People[1].Email = tt.a, tt.b
		saveErr := d.CheckPerson(&d.People[1])
		loadErr := d.Validate(today)
		var e *Error
		if !errors.As(loadErr, &e) || e.Field != "email" {
			t.Errorf("Validate(%q, %q) = %v, want the e-mail refused", tt.a, tt.b, loadErr)
			continue
		}
		if saveErr == nil || saveErr.Error() != loadErr.Error() {
			t.Errorf("CheckPerson(%q next to %q) = %v, want the message of Validate: %v", tt.b, tt.a, saveErr, loadErr)
		}
	}
	if got, want := EmailKey("ſam@X.bg"), EmailKey("sam@x.bg"); got != want {
		t.Errorf("EmailKey = %q, want %q", got, want)
	}
}

// TestNumberLimitsReadAsWritten: a KPI value out of range names its
// limits as people write them, not as 1e+15.
func TestNumberLimitsReadAsWritten(t *testing.T) {
	err := checkNumber("KPI 1", "target", 2e15)
	if got, want := ErrorMessage(err), "must be between -1,000,000,000,000,000 and 1,000,000,000,000,000"; !strings.Contains(got, want) || strings.Contains(got, "e+") {
		t.Errorf("checkNumber(2e15) = %q, want it to say %q", got, want)
	}
}
