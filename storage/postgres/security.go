package postgres

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"strategytracker/model"
)

// What the server enforces beyond the grants and policies (issue 20):
// the schema is closed to everyone's objects, the coordinators' audit
// entries and values follow the model's rules. The rules are the
// model's: this file writes them as SQL for every `server init`.

//go:embed schema/security.sql
var securityTemplate string

// maxIdentifier is PostgreSQL's limit on names, in bytes (NAMEDATALEN-1).
const maxIdentifier = 63

// LoginName is the PostgreSQL login of a person: their e-mail in lower
// case when it fits PostgreSQL's 63 bytes; else its first bytes, "~" and
// eight hex digits of the SHA-256 of the whole address, so that two long
// addresses never share a login and no name is ever cut by the server.
func LoginName(p *model.Person) string {
	email := strings.ToLower(strings.TrimSpace(p.Email))
	return fitName(email, email)
}

// fitName is name when it fits an identifier, else a prefix of it with a
// short hash of key.
func fitName(name, key string) string {
	if len(name) <= maxIdentifier {
		return name
	}
	sum := sha256.Sum256([]byte(key))
	suffix := "~" + hex.EncodeToString(sum[:4])
	cut := maxIdentifier - len(suffix)
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + suffix
}

// securePrelude makes the schema public writable by its owner only and
// refuses, with the reason, where that cannot be done: a login's
// function or operator there could otherwise run inside the server's
// SECURITY DEFINER functions with their owner's rights.
func securePrelude(g Groups) string {
	return fmt.Sprintf(`-- Nobody but the schema's owner creates objects in it (PostgreSQL 13 and 14
-- let PUBLIC): no login's function or operator can shadow the server's.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
DECLARE
  g text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
             WHERE n.nspname = 'public' AND a.privilege_type = 'CREATE' AND a.grantee = 0) THEN
    RAISE EXCEPTION 'schema public: every login may create objects in it, and %% cannot take that right away: the schema''s owner (%%) or a superuser runs REVOKE CREATE ON SCHEMA public FROM PUBLIC, then server init again',
      current_user, (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public') USING ERRCODE = '42501';
  END IF;
  FOREACH g IN ARRAY ARRAY[%s, %s, %s] LOOP
    IF has_schema_privilege(g, 'public', 'CREATE') THEN
      RAISE EXCEPTION 'schema public: role %% may create objects in it: revoke that (REVOKE CREATE ON SCHEMA public FROM %%) and run server init again', g, g
        USING ERRCODE = '42501';
    END IF;
  END LOOP;
END $$;
`, sqlString(g.Office), sqlString(g.Coordinator), sqlString(g.Council))
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// securitySQL is applied by every `server init` once the schema has step
// 3: the functions' grants, what a coordinator may record, and the
// bounds of the values people may write; from step entriesStep (of
// version steps) on, the limits of a hold and the places of the fields.
func securitySQL(g Groups, version int) string {
	var b strings.Builder
	b.WriteString(g.fill(securityTemplate))
	b.WriteString("\n-- What a coordinator may record in the audit log (model.Authorize).\nDELETE FROM st_coordinator_may;\n")
	for _, r := range coordinatorRules() {
		fmt.Fprintf(&b, "INSERT INTO st_coordinator_may (entity, action, field) VALUES (%s, %s, %s);\n", sqlString(r[0]), sqlString(r[1]), sqlString(r[2]))
	}
	b.WriteString(periodListsSQL(g))
	b.WriteString("\n-- The bounds of the values people may write (model's limits). NOT VALID:\n-- rows written before are not checked again.\n")
	for _, c := range valueChecks() {
		alter := fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;\nALTER TABLE %s ADD CONSTRAINT %s CHECK (%s) NOT VALID;\n", c.table, c.name, c.table, c.name, c.check)
		if col := laterColumns[c.name]; col != "" {
			alter = fmt.Sprintf("DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s AND column_name = %s) THEN\n%s  END IF;\nEND $$;\n",
				sqlString(c.table), sqlString(col), alter)
		}
		b.WriteString(alter)
	}
	if version < entriesStep {
		return b.String()
	}
	fmt.Fprintf(&b, "\n-- How long a login's statement, or transaction, may hold the strategy (tx.go).\n"+
		"UPDATE st_settings SET longest_statement = '%d seconds', longest_hold = '%d seconds';\n",
		(longestStatement+longestStatementMargin)/time.Second, longestHold/time.Second)
	b.WriteString(entriesSQL())
	return b.String()
}

// coordinatorRules lists (entity, action, field) a coordinator may record,
// asking model.Authorize about every field of every row of a measure
// they coordinate, and model.AuthorizePeriod about a period's.
func coordinatorRules() [][3]string {
	coord := &model.Person{ID: 1, Role: model.RoleCoordinator, Unit: "U"}
	m := &model.Measure{LeadUnit: "U"}
	var out [][3]string
	for _, row := range auditedRows() {
		e := row.Entity()
		if e == model.EntityPeriod { // its lists are the period's own rule (below)
			continue
		}
		for _, op := range []model.Op{model.OpCreate, model.OpDelete} {
			if model.Authorize(coord, e, op, m, nil) == nil {
				out = append(out, [3]string{string(e), string(op), ""})
			}
		}
		for _, f := range jsonFields(row) {
			if model.Authorize(coord, e, model.OpUpdate, m, []string{f}) == nil {
				out = append(out, [3]string{string(e), string(model.OpUpdate), f})
			}
		}
	}
	open := model.Period{State: model.PeriodOpen}
	d := &model.Doc{Periods: []model.Period{open}}
	for _, f := range jsonFields(&open) {
		changed := open
		setNonZero(reflect.ValueOf(&changed).Elem(), f)
		if model.FirstPeriodFieldChange(&open, &changed) == "" && model.AuthorizePeriod(d, coord, &open, &open) == nil {
			out = append(out, [3]string{string(model.EntityPeriod), string(model.OpUpdate), f})
		}
	}
	// Coordinators import their own update workbooks (DESIGN.md §3).
	out = append(out, [3]string{string(model.EntityFile), string(model.ActionImport), ""})
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i][:], " ") < strings.Join(out[j][:], " ") })
	return out
}

// jsonFields are the exchange-format names of a row's fields, as audit
// entries name them.
func jsonFields(row any) []string {
	t := reflect.TypeOf(row).Elem()
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if name := jsonName(t.Field(i)); name != "" {
			out = append(out, name)
		}
	}
	return out
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

// setNonZero gives the field of v named key (by its JSON name) a value
// other than its zero.
func setNonZero(v reflect.Value, key string) {
	for i := 0; i < v.NumField(); i++ {
		if jsonName(v.Type().Field(i)) == key {
			v.Field(i).Set(nonZero(v.Type().Field(i).Type))
		}
	}
}

func nonZero(t reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	case reflect.Slice:
		v = reflect.Append(reflect.MakeSlice(t, 0, 1), nonZero(t.Elem()))
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() {
				v.Field(i).Set(nonZero(t.Field(i).Type))
			}
		}
	}
	return v
}

type valueCheck struct{ table, name, check string }

// laterColumns are the columns of schema steps after 3 that constraints
// need, by constraint: such a constraint is added only when its table has
// the column, as security.sql is applied from step 3 on.
var laterColumns = map[string]string{"st_note_en": "note_en"}

// valueChecks are the constraints on what coordinators may write, so that
// every value any login writes is one the model reads: dates are dates
// within the model's range, numbers finite and within its bounds, texts
// within its limits, stored lists are lists of what the model decodes.
func valueChecks() []valueCheck {
	date := func(col string, nullable bool) string {
		c := fmt.Sprintf("st_is_date(%s) AND %s BETWEEN '%s' AND '%s'", col, col, model.MinDue, model.MaxDue)
		if nullable {
			c = col + " IS NULL OR (" + c + ")"
		}
		return c
	}
	text := func(cols ...string) string {
		var parts []string
		for _, c := range cols {
			parts = append(parts, fmt.Sprintf("char_length(%s) <= %d", c, model.MaxNote))
		}
		return strings.Join(parts, " AND ")
	}
	return []valueCheck{
		// The manual progress is a percentage (Measure.Validate).
		{"measures", "st_manual_progress", "manual_progress >= 0 AND manual_progress <= 100"},
		{"milestones", "st_completed", date("completed", true)},
		{"milestones", "st_note", text("note")},
		{"milestones", "st_note_en", text("note_en")}, // schema 6: laterColumns
		{"milestones", "st_evidence", linkCheck("evidence")},
		{"kpi_values", "st_date", date("date", false)},
		{"kpi_values", "st_value", fmt.Sprintf("abs(value) <= %g", float64(model.MaxKPIValue))},
		{"kpi_values", "st_texts", text("note", "source")},
		{"updates", "st_date", date("date", false)},
		{"updates", "st_text", text("text_bg", "text_en") + " AND (" + notBlank("text_bg") + " OR " + notBlank("text_en") + ")"},
		{"periods", "st_returns", jsonListCheck("returns", reflect.TypeOf(model.UnitReturn{}))},
		{"periods", "st_narrative", jsonListCheck("narrative", reflect.TypeOf(model.Narrative{}))},
		{"periods", "st_period_lists", "st_period_lists_ok(returns, narrative)"},
	}
}

// periodListsSQL is the function of the rules of model.ValidatePeriods
// on a period's lists that a coordinator's own entries could break (backup
// and copy would then refuse the strategy for everyone): one return a
// unit, a narrative text of a known kind, not blank, within model.MaxNote.
func periodListsSQL(g Groups) string {
	var kinds []string
	for _, k := range model.NarrativeKinds {
		kinds = append(kinds, sqlString(string(k)))
	}
	list := func(col string) string {
		return fmt.Sprintf("jsonb_array_elements(CASE WHEN jsonb_typeof(%s::jsonb) = 'array' THEN %s::jsonb ELSE '[]' END)", col, col)
	}
	bg, en := "coalesce(n #>> '{text,bg}', '')", "coalesce(n #>> '{text,en}', '')"
	return fmt.Sprintf(`
-- The rules of model.ValidatePeriods on a period's lists (security.go).
CREATE OR REPLACE FUNCTION st_period_lists_ok(p_returns text, p_narrative text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT (SELECT count(*) = count(DISTINCT x ->> 'unit') FROM %s x)
    AND NOT EXISTS (SELECT 1 FROM %s n WHERE coalesce(n ->> 'kind', '') NOT IN (%s)
      OR NOT (%s OR %s) OR char_length(%s) > %d OR char_length(%s) > %d)
$$;
REVOKE EXECUTE ON FUNCTION st_period_lists_ok(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION st_period_lists_ok(text, text) TO %s, %s;
`, list("p_returns"), list("p_narrative"), strings.Join(kinds, ", "), notBlank(bg), notBlank(en), bg, model.MaxNote, en, model.MaxNote,
		ident(g.Office), ident(g.Coordinator))
}

// notBlank is true when col holds more than white space, as model.Text's
// IsEmpty (strings.TrimSpace) sees it: the class is Go's unicode.IsSpace.
func notBlank(col string) string {
	return fmt.Sprintf("%s ~ E'[^%s]'", col, runeClass(unicode.IsSpace))
}

// linkCheck is model.CheckLink's rule on col, or narrower: empty, or an
// http(s) link with a host, none of the characters model.LinkRefuses, at
// most model.MaxLink characters, and nothing CheckLink's url.Parse
// refuses (backup and copy, which check every value, would then refuse the
// strategy for everyone): an authority of [userinfo@]host[:port] with a
// userinfo of the characters url.Parse allows, a host without %-escapes,
// brackets or colons (an IPv6 literal is refused), a port of digits; no
// %-escape that is not two hex digits outside the query.
func linkCheck(col string) string {
	const (
		authority = `^https?://([a-z0-9._~!$&'()*+,;=:%-]*@)?[^][@:/?#%]+(:[0-9]*)?([/?#]|$)`
		query     = `^([^?#]*)\?[^#]*`
		badEscape = `%(?![0-9A-Fa-f]{2})`
	)
	e := func(re string) string { return "E" + sqlString(strings.ReplaceAll(re, `\`, `\\`)) }
	return fmt.Sprintf("%s = '' OR (char_length(%s) <= %d AND %s ~* %s AND regexp_replace(%s, %s, %s) !~ %s AND %s !~ E'[%s]')",
		col, col, model.MaxLink, col, e(authority), col, e(query), e(`\1`), e(badEscape), col, runeClass(model.LinkRefuses))
}

// runeClass is the inside of a bracket expression of the characters for
// which in is true, as ranges of escapes for an escape string constant:
// the regular expression reads \uXXXX and \UXXXXXXXX. NUL and
// surrogates, which no text holds, are left out.
func runeClass(in func(rune) bool) string {
	esc := func(r rune) string {
		if r <= 0xFFFF {
			return fmt.Sprintf("\\\\u%04x", r)
		}
		return fmt.Sprintf("\\\\U%08x", r)
	}
	var b strings.Builder
	for r := rune(1); r <= unicode.MaxRune; r++ {
		if !in(r) || r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		first := r
		for r+1 <= unicode.MaxRune && in(r+1) && !(r+1 >= 0xD800 && r+1 <= 0xDFFF) {
			r++
		}
		b.WriteString(esc(first))
		if r > first {
			b.WriteString("-" + esc(r))
		}
	}
	return b.String()
}

// jsonListCheck is the constraint that col holds a JSON list of objects
// that decode into elem: every field the model reads has the JSON type
// its Go type is written as, integers are whole and fit int64, and are
// written as Go reads them (1, not 1.0 or 1e0, which jsonb reads as whole
// numbers); an object has no key but its fields' (Go matches keys in any
// case: "Unit" beside "unit" would be read as the unit).
func jsonListCheck(col string, elem reflect.Type) string {
	wrong := append([]string{`@.type() != "object"`}, jsonWrongTypes("@", elem)...)
	path := "strict $[*] ? (" + strings.Join(wrong, " || ") + ")"
	c := fmt.Sprintf("CASE WHEN jsonb_typeof(%s::jsonb) = 'array' THEN NOT jsonb_path_exists(%s::jsonb, %s) ELSE false END",
		col, col, sqlString(path))
	if !hasFloat(elem) { // every number is an integer: none has a fraction or an exponent, outside strings
		const stringsRE = `"([^"\\]|\\.)*"` // a JSON string, escapes and all
		c += fmt.Sprintf(" AND regexp_replace(%s, E%s, '', 'g') !~ '[0-9][.eE]'", col, sqlString(strings.ReplaceAll(stringsRE, `\`, `\\`)))
	}
	return c
}

// hasFloat reports whether a field of t, or of a struct in it, is a float.
func hasFloat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return true
	case reflect.Pointer, reflect.Slice:
		return hasFloat(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if jsonName(t.Field(i)) != "" && hasFloat(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

func jsonWrongTypes(at string, t reflect.Type) []string {
	var out, keys []string
	for i := 0; i < t.NumField(); i++ {
		if name := jsonName(t.Field(i)); name != "" {
			keys = append(keys, `@.key != "`+name+`"`)
		}
	}
	out = append(out, "(exists("+at+") && exists("+at+".keyvalue() ? ("+strings.Join(keys, " && ")+")))")
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := jsonName(f)
		if name == "" {
			continue
		}
		p := at + `."` + name + `"`
		var types []string
		for _, v := range []reflect.Value{reflect.Zero(f.Type), nonZero(f.Type)} {
			b, _ := json.Marshal(v.Interface())
			types = append(types, jsonType(b))
		}
		var ok []string
		for _, ty := range types {
			ok = append(ok, p+`.type() == "`+ty+`"`)
		}
		out = append(out, "(exists("+p+") && !("+strings.Join(ok, " || ")+"))")
		switch f.Type.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			out = append(out, "(exists("+p+") && "+p+`.type() == "number" && (`+p+" != "+p+".floor() || "+p+".abs() > 9000000000000000000))")
		case reflect.Struct:
			out = append(out, jsonWrongTypes(p, f.Type)...)
		}
	}
	return out
}

func jsonType(b []byte) string {
	switch {
	case len(b) == 0 || string(b) == "null":
		return "null"
	case b[0] == '"':
		return "string"
	case b[0] == '{':
		return "object"
	case b[0] == '[':
		return "array"
	case string(b) == "true" || string(b) == "false":
		return "boolean"
	}
	return "number"
}
