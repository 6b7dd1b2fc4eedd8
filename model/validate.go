package model

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text limits, in characters (DESIGN.md §1, §1.2). MaxName bounds the
// names that the program writes into workbook headers and footers (at
// most 255 characters with their codes, every "&" doubled) and into file
// names (255 bytes, two a Cyrillic letter): a reporting period's name.
const (
	MaxCode  = 20
	MaxName  = 100
	MaxTitle = 300
	MaxNote  = 4000
)

// Bounds on numbers, so that every computed figure stays finite and exact
// enough (DESIGN.md §1.1): sums of weight × progress over every measure,
// budget totals in int64 cents and KPI attainment never overflow.
const (
	MinWeight = 1e-6
	MaxWeight = 1e6
	// MaxCents bounds one amount (planned, spent, a funding source, the sum
	// of a measure's funding): 100 000 000 000,00 €.
	MaxCents = 10_000_000_000_000
	// MaxKPIValue bounds a KPI's baseline, target and values in magnitude.
	MaxKPIValue = 1e15
	// MaxMeasures bounds a strategy, so that sums of MaxCents stay in int64.
	MaxMeasures = 100_000
	// MaxLink bounds a link (a milestone's evidence), in characters.
	MaxLink = 2000
)

// Earliest and latest accepted due dates.
var (
	MinDue = NewDate(2000, 1, 1)
	MaxDue = NewDate(2100, 12, 31)
)

// Earliest and latest accepted date of any kind (DESIGN.md §1.2): every
// reader and writer of the program (the exchange format, the workbooks'
// date serials, the reports) accepts them.
var (
	MinDate = NewDate(1900, 1, 1)
	MaxDate = NewDate(2199, 12, 31)
)

// fieldError is an EINVALID error whose message names the entity and the
// field, and whose Field is the field's key: its exchange-format name, with
// the path inside it ("title.en", "funding[1].amountCents"). The message
// shows it as people read it ("title (en)", "funding 2 amountCents").
func fieldError(what, key, format string, args ...any) error {
	e := Errorf(EINVALID, "%s: %s %s", what, fieldLabel(key), fmt.Sprintf(format, args...))
	e.Field = key
	return e
}

// ruleError is fieldError naming the rule broken (and its limit).
func ruleError(rule Rule, limit float64, what, key, format string, args ...any) error {
	e := fieldError(what, key, format, args...).(*Error)
	e.Rule, e.Limit = rule, limit
	return e
}

// checks runs each check of a row in turn: report gets each one's error
// (nil when it passed) and says whether to go on.
type checks func(report func(error) bool)

// first is the first error of c, as Validate returns it.
func (c checks) first() error {
	var first error
	c(func(err error) bool {
		first = err
		return err == nil
	})
	return first
}

// perField is the first error of c for each field, in order: what a form
// shows beside its fields at once.
func (c checks) perField() []error {
	var out []error
	seen := map[string]bool{}
	c(func(err error) bool {
		if err != nil {
			var e *Error
			key := ""
			if errors.As(err, &e) {
				key = e.Field
			}
			if !seen[key] {
				seen[key] = true
				out = append(out, err)
			}
		}
		return true
	})
	return out
}

// invalidField is an EINVALID error with a message of its own about key.
func InvalidField(key, format string, args ...any) error {
	e := Errorf(EINVALID, format, args...)
	e.Field = key
	return e
}

var indexInKey = regexp.MustCompile(`\[(\d+)\]\.?`)

// fieldLabel turns a field key into the words of a message.
func fieldLabel(key string) string {
	label := indexInKey.ReplaceAllStringFunc(key, func(m string) string {
		n, _ := strconv.Atoi(strings.Trim(m, "[]."))
		return fmt.Sprintf(" %d ", n+1)
	})
	for _, lang := range []Lang{BG, EN} {
		if l, ok := strings.CutSuffix(label, "."+string(lang)); ok {
			label = l + " (" + string(lang) + ")"
		}
	}
	return strings.ReplaceAll(label, ".", " ")
}

func checkCode(what, code string) error {
	switch {
	case strings.TrimSpace(code) == "":
		return ruleError(RuleRequired, 0, what, "code", "is empty")
	case code != strings.TrimSpace(code):
		return ruleError(RuleSpaces, 0, what, "code", "has leading or trailing spaces")
	case utf8.RuneCountInString(code) > MaxCode:
		return ruleError(RuleTooLong, MaxCode, what, "code", "is longer than %d characters", MaxCode)
	case hasControl(code):
		return ruleError(RuleControl, 0, what, "code", "%q holds a control character (a line break, a tab …)", code)
	}
	return nil
}

// hasControl reports whether s holds a control character.
func hasControl(s string) bool { return strings.IndexFunc(s, unicode.IsControl) >= 0 }

// checkDate refuses a date outside MinDate–MaxDate; the zero Date (none)
// passes.
func checkDate(what, field string, d Date) error {
	if d != 0 && (d < MinDate || d > MaxDate) {
		return ruleError(RuleRange, 0, what, field, "(%s) is outside %s–%s", d.Format(BG), MinDate.Format(BG), MaxDate.Format(BG))
	}
	return nil
}

// checkDue refuses an empty date and one outside MinDue–MaxDue: the
// dates of the work (a milestone's due date, a KPI value's, an update's).
func checkDue(what, field string, d Date) error {
	if d == 0 {
		return ruleError(RuleRequired, 0, what, field, "is empty")
	}
	return checkDueRange(what, field, d)
}

// checkDueRange refuses a date outside MinDue–MaxDue.
func checkDueRange(what, field string, d Date) error {
	if d < MinDue || d > MaxDue {
		return ruleError(RuleRange, 0, what, field, "(%s) is outside %d–%d", d, MinDue.Year(), MaxDue.Year())
	}
	return nil
}

// checkCompleted refuses a completion date outside MinDue–MaxDue, or
// after today (the date of the edit; zero: not checked).
func checkCompleted(what string, completed, today Date) error {
	if err := checkDueRange(what, "completed", completed); err != nil {
		return err
	}
	if today != 0 && completed > today {
		return ruleError(RuleFuture, 0, what, "completed", "(%s) is in the future (today is %s)", completed, today)
	}
	return nil
}

// CheckEmail refuses what is not one e-mail address as RFC 5322 writes
// its addr-spec, local@domain, with the letters of any script that RFC
// 6532 allows: a dot-atom before the @ (no quoted strings), a domain of
// dot-separated labels of letters, digits and hyphens with at least one
// dot; no display name, angle brackets, spaces or control characters (a
// line break would add a header to a message). "" is allowed (no address).
// It is the one rule for every address that enters the program: the app's
// forms, `new`, plan-import and `load` reach it through Person.Validate.
// (net/mail would bring the network stack, and cgo, into model.)
func CheckEmail(what, field, email string) error {
	if email == "" {
		return nil
	}
	if err := checkString(what, field, email, MaxTitle); err != nil {
		return err
	}
	bad := func(why string) error {
		return ruleError(RuleEmail, 0, what, field, "%q is not an e-mail address: %s", email, why)
	}
	if hasControl(email) || strings.ContainsFunc(email, unicode.IsSpace) {
		return bad("it holds a space, a line break or another control character")
	}
	local, domain, ok := strings.Cut(email, "@")
	if !ok || !dotAtom(local, isAtext) || strings.Contains(domain, "@") {
		return bad("write it as name@domain.bg, without a name or angle brackets")
	}
	if !strings.Contains(domain, ".") || !dotAtom(domain, isLabelChar) || slices.ContainsFunc(strings.Split(domain, "."), func(l string) bool {
		return strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") || utf8.RuneCountInString(l) > 63
	}) {
		return bad("its domain (after @) must be a name with a dot, as in sofia.bg")
	}
	return nil
}

// dotAtom reports whether s is one or more runs of runes ok accepts,
// separated by single dots.
func dotAtom(s string, ok func(rune) bool) bool {
	for _, part := range strings.Split(s, ".") {
		if part == "" || strings.IndexFunc(part, func(r rune) bool { return !ok(r) }) >= 0 {
			return false
		}
	}
	return true
}

// isAtext is RFC 5322's atext, with RFC 6532's non-ASCII letters and digits.
func isAtext(r rune) bool {
	return r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) ||
		r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", r))
}

// isLabelChar is a rune of a domain label: a letter (of any script, for
// IDN), a digit or a hyphen.
func isLabelChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '-'
}

// checkText refuses a required text empty in both languages and any
// language over limit.
func checkText(what, field string, t Text, required bool, limit int) error {
	if required && t.IsEmpty() {
		return ruleError(RuleRequired, 0, what, field, "is empty in both languages")
	}
	for _, v := range []struct {
		lang Lang
		s    string
	}{{BG, t.BG}, {EN, t.EN}} {
		if n := utf8.RuneCountInString(v.s); n > limit {
			return ruleError(RuleTooLong, float64(limit), what, field+"."+string(v.lang), "is %d characters long; the limit is %d", n, limit)
		}
		if !utf8.ValidString(v.s) {
			return ruleError(RuleNotUTF8, 0, what, field+"."+string(v.lang), "is not valid UTF-8")
		}
	}
	return nil
}

func checkString(what, field, s string, limit int) error {
	if n := utf8.RuneCountInString(s); n > limit {
		return ruleError(RuleTooLong, float64(limit), what, field, "is %d characters long; the limit is %d", n, limit)
	}
	if !utf8.ValidString(s) {
		return ruleError(RuleNotUTF8, 0, what, field, "is not valid UTF-8")
	}
	return nil
}

func checkWeight(what string, w float64) error {
	if !(w > 0) {
		return ruleError(RulePositive, 0, what, "weight", "must be greater than 0 (is %v)", w)
	}
	if w < MinWeight || w > MaxWeight {
		return ruleError(RuleRange, MaxWeight, what, "weight", "must be between %v and %v (is %v)", MinWeight, MaxWeight, w)
	}
	return nil
}

func checkNumber(what, field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ruleError(RuleNumber, 0, what, field, "is not a number")
	}
	if math.Abs(v) > MaxKPIValue {
		return ruleError(RuleNumber, MaxKPIValue, what, field, "is %s; it must be between %s and %s", FormatNumber(v, -1, EN), FormatNumber(-MaxKPIValue, 0, EN), FormatNumber(MaxKPIValue, 0, EN))
	}
	return nil
}

func checkCents(what, field string, c int64) error {
	if c < 0 {
		return ruleError(RuleNegative, 0, what, field, "is negative")
	}
	if c > MaxCents {
		return ruleError(RuleRange, MaxCents, what, field, "(%s) is over the limit of %s", FormatEUR(c, EN), FormatEUR(MaxCents, EN))
	}
	return nil
}

// CheckLink refuses links that are not http(s) URLs; "" is allowed.
func CheckLink(what, field, link string) error {
	if link == "" {
		return nil
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ruleError(RuleLink, 0, what, field, "%q is not an http(s) link", link)
	}
	// url.Parse lets through what no link may hold and what breaks an
	// href: spaces, quotes, angle brackets, backslashes and the like.
	if i := strings.IndexFunc(link, LinkRefuses); i >= 0 {
		r, _ := utf8.DecodeRuneInString(link[i:])
		return ruleError(RuleLink, 0, what, field, "%q is not an http(s) link: it holds %q", link, r)
	}
	return checkString(what, field, link, MaxLink)
}

// LinkRefuses is true for a character no link may hold (CheckLink).
func LinkRefuses(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || !unicode.IsPrint(r) || strings.ContainsRune("\"<>\\^`{|}", r)
}

// Validate checks the strategy header.
func (s *Strategy) Validate() error {
	const what = "strategy"
	if err := checkText(what, "title", s.Title, true, MaxTitle); err != nil {
		return err
	}
	if err := checkText(what, "shortTitle", s.ShortTitle, false, MaxTitle); err != nil {
		return err
	}
	if err := checkText(what, "vision", s.Vision, false, MaxNote); err != nil {
		return err
	}
	if err := checkText(what, "councilDecision", s.CouncilDecision, false, MaxTitle); err != nil {
		return err
	}
	for _, f := range []struct {
		key string
		d   Date
	}{{"periodStart", s.PeriodStart}, {"periodEnd", s.PeriodEnd}, {"adoptedOn", s.AdoptedOn}} {
		if err := checkDate(what, f.key, f.d); err != nil {
			return err
		}
	}
	if s.PeriodStart != 0 && s.PeriodEnd != 0 && s.PeriodEnd < s.PeriodStart {
		return ruleError(RuleOrder, 0, what, "periodEnd", "(%s) is before periodStart (%s)", s.PeriodEnd, s.PeriodStart)
	}
	return nil
}

// Validate checks a goal's own fields.
func (g *Goal) Validate() error {
	what := fmt.Sprintf("goal %q", g.Code)
	if err := checkCode(what, g.Code); err != nil {
		return err
	}
	if err := checkText(what, "title", g.Title, true, MaxTitle); err != nil {
		return err
	}
	return checkText(what, "description", g.Description, false, MaxNote)
}

// Validate checks an area's own fields.
func (a *Area) Validate() error {
	what := fmt.Sprintf("area %q", a.Code)
	if err := checkCode(what, a.Code); err != nil {
		return err
	}
	if err := checkText(what, "title", a.Title, true, MaxTitle); err != nil {
		return err
	}
	return checkText(what, "description", a.Description, false, MaxNote)
}

// Validate checks a unit's own fields.
func (u *Unit) Validate() error {
	what := fmt.Sprintf("unit %q", u.Code)
	if err := checkCode(what, u.Code); err != nil {
		return err
	}
	if err := checkText(what, "name", u.Name, true, MaxTitle); err != nil {
		return err
	}
	for _, k := range UnitKinds {
		if u.Kind == k {
			return nil
		}
	}
	return ruleError(RuleOneOf, 0, what, "kind", "%q is not one of directorate, district, municipal_company, agency, external_partner", u.Kind)
}

// Validate checks a person's own fields.
func (p *Person) Validate() error {
	what := fmt.Sprintf("person %d", p.ID)
	if err := checkText(what, "name", p.Name, true, MaxTitle); err != nil {
		return err
	}
	if err := checkText(what, "position", p.Position, false, MaxTitle); err != nil {
		return err
	}
	if strings.TrimSpace(p.Unit) == "" {
		return ruleError(RuleRequired, 0, what, "unit", "is empty")
	}
	if err := CheckEmail(what, "email", p.Email); err != nil {
		return err
	}
	if err := checkString(what, "phone", p.Phone, MaxTitle); err != nil {
		return err
	}
	switch p.Role {
	case RoleOffice, RoleCoordinator, RoleCouncil:
		return nil
	}
	return ruleError(RuleOneOf, 0, what, "role", "%q is not one of office, coordinator, council", p.Role)
}

// Validate checks a measure's own fields (not its milestones, KPIs or
// updates, and not whether the codes it refers to exist: Doc.Validate does).
func (m *Measure) Validate() error { return checks(m.check).first() }

// FieldErrors are the first error of each field of m, in the order of the
// form: what the app shows beside the fields at once.
func (m *Measure) FieldErrors() []error { return checks(m.check).perField() }

// check reports the checks of a measure's own fields, group by group in
// the order of the form, while report says to go on.
func (m *Measure) check(report func(error) bool) {
	what := fmt.Sprintf("measure %q", m.Code)
	for _, group := range []func(what string, report func(error) bool) bool{
		m.checkPlace, m.checkTexts, m.checkSchedule, m.checkProgress, m.checkMoney, m.checkOverride,
	} {
		if !group(what, report) {
			return
		}
	}
}

// checkPlace checks where a measure belongs: its code, area and lead unit.
// Like every group of Measure.check, it says whether to go on.
func (m *Measure) checkPlace(what string, report func(error) bool) bool {
	if !report(checkCode(what, m.Code)) {
		return false
	}
	if strings.TrimSpace(m.Area) == "" && !report(ruleError(RuleRequired, 0, what, "area", "is empty: every measure belongs to a priority area")) {
		return false
	}
	return strings.TrimSpace(m.LeadUnit) != "" || report(ruleError(RuleRequired, 0, what, "leadUnit", "is empty: every measure has a lead unit"))
}

func (m *Measure) checkTexts(what string, report func(error) bool) bool {
	return report(checkText(what, "title", m.Title, true, MaxTitle)) && report(checkText(what, "description", m.Description, false, MaxNote))
}

// checkSchedule checks the start and end: both given, in range and in
// order.
func (m *Measure) checkSchedule(what string, report func(error) bool) bool {
	if m.Start == 0 && !report(ruleError(RuleRequired, 0, what, "start", "is empty")) {
		return false
	}
	if m.End == 0 && !report(ruleError(RuleRequired, 0, what, "end", "is empty")) {
		return false
	}
	if !report(checkDate(what, "start", m.Start)) || !report(checkDate(what, "end", m.End)) {
		return false
	}
	return m.Start == 0 || m.End == 0 || m.End >= m.Start || report(ruleError(RuleOrder, 0, what, "end", "(%s) is before start (%s)", m.End, m.Start))
}

// checkProgress checks the weight and the manual progress.
func (m *Measure) checkProgress(what string, report func(error) bool) bool {
	if !report(checkWeight(what, m.Weight)) {
		return false
	}
	return (m.ManualProgress >= 0 && m.ManualProgress <= 100) || report(ruleError(RuleRange, 100, what, "manualProgress", "must be between 0 and 100 (is %v)", m.ManualProgress))
}

// checkMoney checks the planned and spent amounts and the funding
// sources, one by one and their sum.
func (m *Measure) checkMoney(what string, report func(error) bool) bool {
	if !report(checkCents(what, "plannedCents", m.PlannedCents)) || !report(checkCents(what, "spentCents", m.SpentCents)) {
		return false
	}
	var funded int64
	for i, f := range m.Funding {
		field := fmt.Sprintf("funding[%d]", i)
		if !report(checkText(what, field+".name", f.Name, true, MaxTitle)) || !report(checkCents(what, field+".amountCents", f.AmountCents)) {
			return false
		}
		if funded += f.AmountCents; funded > MaxCents && !report(ruleError(RuleRange, MaxCents, what, "funding", "adds up to more than the limit of %s", FormatEUR(MaxCents, EN))) {
			return false
		}
	}
	return true
}

// checkOverride checks a manual status, if any: a status other than
// cancelled, with a reason.
func (m *Measure) checkOverride(what string, report func(error) bool) bool {
	o := m.Override
	if o == nil {
		return true
	}
	switch {
	case !o.Status.Valid():
		return report(ruleError(RuleOneOf, 0, what, "override.status", "%q is not a status", o.Status))
	case o.Status == StatusCancelled:
		return report(fieldError(what, "override.status", "cannot be cancelled: set the cancelled flag instead"))
	case o.ReasonText().IsEmpty():
		return report(ruleError(RuleReason, 0, what, "override.reason", "is empty: a status override needs a reason"))
	}
	return report(checkString(what, "override.reason", o.Reason, MaxNote)) && report(checkString(what, "override.reasonEn", o.ReasonEn, MaxNote))
}

// Validate checks a milestone. today is the date of the edit: completing
// in the future is refused; a zero today skips that check.
func (ms *Milestone) Validate(today Date) error {
	return checks(func(report func(error) bool) { ms.check(today, report) }).first()
}

// FieldErrors are the first error of each field of ms (see Measure.FieldErrors).
func (ms *Milestone) FieldErrors(today Date) []error {
	return checks(func(report func(error) bool) { ms.check(today, report) }).perField()
}

func (ms *Milestone) check(today Date, report func(error) bool) {
	what := fmt.Sprintf("milestone %d", ms.ID)
	if !report(checkText(what, "title", ms.Title, true, MaxTitle)) {
		return
	}
	if !report(checkDue(what, "due", ms.Due)) {
		return
	}
	if ms.Completed != 0 && !report(checkCompleted(what, ms.Completed, today)) {
		return
	}
	if !report(checkWeight(what, ms.Weight)) || !report(checkString(what, "note", ms.Note, MaxNote)) || !report(checkString(what, "noteEn", ms.NoteEn, MaxNote)) {
		return
	}
	report(CheckLink(what, "evidence", ms.Evidence))
}

// Validate checks a KPI's own fields (not its values).
func (k *KPI) Validate() error {
	what := fmt.Sprintf("KPI %d", k.ID)
	if err := checkText(what, "name", k.Name, true, MaxTitle); err != nil {
		return err
	}
	if err := checkText(what, "unit", k.Unit, false, MaxTitle); err != nil {
		return err
	}
	switch k.Kind {
	case KPIOutput, KPIResult, KPIImpact:
	default:
		return ruleError(RuleOneOf, 0, what, "kind", "%q is not one of output, result, impact", k.Kind)
	}
	if err := checkNumber(what, "baselineValue", k.BaselineValue); err != nil {
		return err
	}
	if err := checkNumber(what, "targetValue", k.TargetValue); err != nil {
		return err
	}
	if k.BaselineDate == 0 {
		return ruleError(RuleRequired, 0, what, "baselineDate", "is empty")
	}
	if err := checkDate(what, "baselineDate", k.BaselineDate); err != nil {
		return err
	}
	if err := checkDate(what, "targetDate", k.TargetDate); err != nil {
		return err
	}
	if k.TargetValue == k.BaselineValue {
		return ruleError(RuleTarget, 0, what, "targetValue", "equals baselineValue (%v): nothing to attain", k.BaselineValue)
	}
	if k.TargetDate != 0 && k.TargetDate < k.BaselineDate {
		return ruleError(RuleOrder, 0, what, "targetDate", "(%s) is before baselineDate (%s)", k.TargetDate, k.BaselineDate)
	}
	return nil
}

// Validate checks a measured value against its KPI, including that no
// other value of k (another id in k.Values) is dated the same day: a KPI
// has one value a day.
func (v *KPIValue) Validate(k *KPI) error {
	if err := v.validateOwn(k); err != nil {
		return err
	}
	for i := range k.Values {
		if other := &k.Values[i]; other.ID != v.ID && other.Date == v.Date {
			return sameDayError(k, v, other)
		}
	}
	return nil
}

func sameDayError(k *KPI, v, other *KPIValue) error {
	return ruleError(RuleOneADay, 0, fmt.Sprintf("KPI %d value %d", k.ID, v.ID), "date", "(%s) already has a value (value %d): a KPI has one value a day; change that value instead", v.Date, other.ID)
}

func (v *KPIValue) validateOwn(k *KPI) error {
	what := fmt.Sprintf("KPI %d value %d", k.ID, v.ID)
	if err := checkDue(what, "date", v.Date); err != nil {
		return err
	}
	if v.Date < k.BaselineDate {
		return ruleError(RuleBaseline, 0, what, "date", "(%s) is before the KPI's baseline date (%s)", v.Date, k.BaselineDate)
	}
	if err := checkNumber(what, "value", v.Value); err != nil {
		return err
	}
	if err := checkString(what, "note", v.Note, MaxNote); err != nil {
		return err
	}
	return checkString(what, "source", v.Source, MaxNote)
}

// Validate checks a progress update.
func (u *Update) Validate() error {
	what := fmt.Sprintf("update %d", u.ID)
	if err := checkDue(what, "date", u.Date); err != nil {
		return err
	}
	return checkText(what, "text", u.Text, true, MaxNote)
}

// Validate checks the whole document: every entity, unique codes and ids,
// and that every reference points at something that exists. today is the
// date of the edit (see Milestone.Validate). It stops at the first error,
// in the order of the document: the header, goals, areas, units, people,
// measures (each with its milestones, KPIs and updates), the adopted plan,
// the periods.
func (d *Doc) Validate(today Date) error {
	if d.Format != Format {
		return InvalidField("format", "format: %q is not %q", d.Format, Format)
	}
	if err := d.Strategy.Validate(); err != nil {
		return err
	}
	if len(d.Measures) > MaxMeasures {
		return InvalidField("measures", "measures: %d measures; a strategy holds at most %d", len(d.Measures), MaxMeasures)
	}
	known, err := d.validateStructure()
	if err != nil {
		return err
	}
	if known.people, err = d.validatePeople(known.units); err != nil {
		return err
	}
	if err := known.personRef("strategy", "submitter", d.Strategy.Submitter); err != nil {
		return err
	}
	for i := range d.Measures {
		if err := known.checkMeasure(&d.Measures[i], today); err != nil {
			return err
		}
	}
	if err := d.validatePlan(); err != nil {
		return err
	}
	return d.ValidatePeriods()
}

// docIndex is what Doc.Validate has seen so far: the codes and people that
// measures may refer to, and the codes and ids already taken.
type docIndex struct {
	goals, areas, units map[string]bool
	people              map[ID]bool
	measureCodes        map[string]bool
	ids                 map[string]map[ID]bool // by kind: "measure", "milestone", "KPI", "KPI value", "update"
}

// validateStructure checks the goals, areas and units, each with a code
// of its own, and indexes their codes.
func (d *Doc) validateStructure() (*docIndex, error) {
	known := &docIndex{measureCodes: map[string]bool{}, ids: map[string]map[ID]bool{}}
	var err error
	if known.goals, err = uniqueCodes("goal", len(d.Goals), func(i int) (string, error) {
		return d.Goals[i].Code, d.Goals[i].Validate()
	}); err != nil {
		return nil, err
	}
	if known.areas, err = uniqueCodes("area", len(d.Areas), func(i int) (string, error) {
		return d.Areas[i].Code, d.Areas[i].Validate()
	}); err != nil {
		return nil, err
	}
	if known.units, err = uniqueCodes("unit", len(d.Units), func(i int) (string, error) {
		return d.Units[i].Code, d.Units[i].Validate()
	}); err != nil {
		return nil, err
	}
	return known, nil
}

// uniqueCodes is the set of the codes of n rows of a kind; row(i) is the
// code of the i-th and the error of its own fields. It stops at the first
// row that is not valid or whose code another row has.
func uniqueCodes(kind string, n int, row func(i int) (string, error)) (map[string]bool, error) {
	codes := make(map[string]bool, n)
	for i := range n {
		code, err := row(i)
		if err != nil {
			return nil, err
		}
		if err := codeUsedTwice(codes, kind, code); err != nil {
			return nil, err
		}
	}
	return codes, nil
}

// codeUsedTwice refuses a code already in seen, and adds it.
func codeUsedTwice(seen map[string]bool, kind, code string) error {
	if seen[code] {
		return InvalidField("code", "%s %q: code is used twice", kind, code)
	}
	seen[code] = true
	return nil
}

// validatePeople checks the people: ids, their units, unique e-mail
// addresses and at least one office user. It returns their ids.
func (d *Doc) validatePeople(units map[string]bool) (map[ID]bool, error) {
	people, emails, offices := map[ID]bool{}, map[string]*Person{}, 0
	for i := range d.People {
		p := &d.People[i]
		if p.ID <= 0 {
			return nil, InvalidField("id", "person %q: id must be a positive number", p.Name.In(BG))
		}
		if err := p.Validate(); err != nil {
			return nil, err
		}
		if people[p.ID] {
			return nil, InvalidField("id", "person %d: id is used twice", p.ID)
		}
		if !units[p.Unit] {
			return nil, InvalidField("unit", "person %d: unit %q does not exist", p.ID, p.Unit)
		}
		if e := EmailKey(p.Email); e != "" {
			if other, ok := emails[e]; ok {
				return nil, emailUsedError(p, other)
			}
			emails[e] = p
		}
		people[p.ID] = true
		offices += btoi(p.Role == RoleOffice)
	}
	if offices == 0 {
		e := InvalidField("people", "people: nobody has the office role: a strategy keeps at least one office user, or nobody could change it").(*Error)
		e.Rule = RuleOffice
		return nil, e
	}
	return people, nil
}

// uniqueID refuses an id that is not positive or that another row of the
// kind has, and takes it.
func (x *docIndex) uniqueID(kind string, id ID) error {
	if id <= 0 {
		return InvalidField("id", "%s: id %d must be a positive number", kind, id)
	}
	seen := x.ids[kind]
	if seen == nil {
		seen = map[ID]bool{}
		x.ids[kind] = seen
	}
	if seen[id] {
		return InvalidField("id", "%s %d: id is used twice", kind, id)
	}
	seen[id] = true
	return nil
}

// personRef refuses a reference to a person who does not exist; none (0)
// passes.
func (x *docIndex) personRef(what, field string, r Ref) error {
	if r != 0 && !x.people[ID(r)] {
		return InvalidField(field, "%s: %s: person %d does not exist", what, field, r)
	}
	return nil
}

// checkMeasure checks a measure, its code and id, what it refers to, and
// its milestones, KPIs and updates.
func (x *docIndex) checkMeasure(m *Measure, today Date) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := codeUsedTwice(x.measureCodes, "measure", m.Code); err != nil {
		return err
	}
	if err := x.uniqueID("measure", m.ID); err != nil {
		return err
	}
	if err := x.measureRefs(m); err != nil {
		return err
	}
	for j := range m.Milestones {
		if err := x.checkMilestone(&m.Milestones[j], today); err != nil {
			return err
		}
	}
	for j := range m.KPIs {
		if err := x.checkKPI(&m.KPIs[j]); err != nil {
			return err
		}
	}
	for j := range m.Updates {
		if err := x.checkUpdate(&m.Updates[j]); err != nil {
			return err
		}
	}
	return nil
}

// measureRefs refuses a measure's reference to an area, unit, goal or
// person that does not exist.
func (x *docIndex) measureRefs(m *Measure) error {
	what := fmt.Sprintf("measure %q", m.Code)
	if !x.areas[m.Area] {
		return InvalidField("area", "%s: area %q does not exist", what, m.Area)
	}
	if !x.units[m.LeadUnit] {
		return InvalidField("leadUnit", "%s: leadUnit %q does not exist", what, m.LeadUnit)
	}
	for _, g := range m.Goals {
		if !x.goals[g] {
			return InvalidField("goals", "%s: goal %q does not exist", what, g)
		}
	}
	for _, u := range m.Partners {
		if !x.units[u] {
			return InvalidField("partners", "%s: partner unit %q does not exist", what, u)
		}
	}
	return x.personRef(what, "responsible", m.Responsible)
}

func (x *docIndex) checkMilestone(ms *Milestone, today Date) error {
	if err := x.uniqueID("milestone", ms.ID); err != nil {
		return err
	}
	if err := ms.Validate(today); err != nil {
		return err
	}
	return x.personRef(fmt.Sprintf("milestone %d", ms.ID), "responsible", ms.Responsible)
}

// checkKPI checks a KPI and its values, one a day.
func (x *docIndex) checkKPI(k *KPI) error {
	if err := x.uniqueID("KPI", k.ID); err != nil {
		return err
	}
	if err := k.Validate(); err != nil {
		return err
	}
	days := make(map[Date]*KPIValue, len(k.Values))
	for n := range k.Values {
		v := &k.Values[n]
		if err := x.uniqueID("KPI value", v.ID); err != nil {
			return err
		}
		if err := v.validateOwn(k); err != nil {
			return err
		}
		if other := days[v.Date]; other != nil {
			return sameDayError(k, v, other)
		}
		days[v.Date] = v
	}
	return nil
}

func (x *docIndex) checkUpdate(u *Update) error {
	if err := x.uniqueID("update", u.ID); err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	return x.personRef(fmt.Sprintf("update %d", u.ID), "author", u.Author)
}

// ValidateSnapshotName refuses an empty name, one over the title limit and
// one with control characters (it is shown in reports and menus).
func ValidateSnapshotName(name string) error {
	if strings.TrimSpace(name) == "" {
		return ruleError(RuleRequired, 0, "snapshot", "name", "is empty")
	}
	if err := checkString("snapshot", "name", name, MaxTitle); err != nil {
		return err
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return fieldError("snapshot", "name", "%q contains a control character", name)
		}
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
