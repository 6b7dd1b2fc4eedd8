package postgres

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// A coordinator's audit entries match their rows (schema 7): at commit
// the server replays the transaction's entries about every row a
// coordinator's login touched over the row as it was, and refuses the
// commit when the result is not the row as it is (st_entries_match). To
// compare, the server reads a row as the model's JSON of its fields: this
// file writes, for every `server init`, where each field of each entity
// a coordinator may record lives in its table, found by asking the row
// layer (sqlrow.Columns) which column a field's value goes to. A column
// a later step adds is covered once the row layer writes it.

// entriesStep is the schema step that makes the tables and functions
// this file fills (schema/0007_entries_match_long_holders.sql).
const entriesStep = 7

// auditedEntity is where the fields of one entity's rows are kept.
type auditedEntity struct {
	entity model.Entity
	table  string
	parent string            // the column of the parent's id an entry's "parent" names ("" for none)
	fields map[string]string // JSON name → SQL building its JSON from the row's to_jsonb r
	zeros  map[string]string // JSON name → the JSON of its zero value (a create entry may leave it out)
	cols   []string          // the columns the fields are kept in
}

// coordinatorEntities are the entities whose rows a coordinator may
// record, with their fields' places (coordinatorRules).
func coordinatorEntities() []auditedEntity {
	seen := map[string]bool{}
	for _, r := range coordinatorRules() {
		seen[r[0]] = true
	}
	var out []auditedEntity
	for _, row := range auditedRows() {
		if seen[string(row.Entity())] {
			out = append(out, describeEntity(row))
		}
	}
	return out
}

// auditedRows are an empty row of every entity kept in a table of its own.
func auditedRows() []model.Row {
	return []model.Row{&model.Strategy{}, &model.Goal{}, &model.Area{}, &model.Unit{}, &model.Person{},
		&model.Measure{}, &model.Milestone{}, &model.KPI{}, &model.KPIValue{}, &model.Update{}, &model.Period{}}
}

// describeEntity finds the columns of row's fields: a field (or each part
// of a field that is a struct) is kept in the column whose value changes
// when the field's does. Fields kept elsewhere (a measure's goals) are
// left out: no coordinator may record them.
func describeEntity(row model.Row) auditedEntity {
	t := reflect.TypeOf(row).Elem()
	table, _ := sqlrow.Columns(reflect.New(t).Interface().(model.Row))
	e := auditedEntity{entity: row.Entity(), table: table.Name, fields: map[string]string{}, zeros: map[string]string{}}
	cols := map[string]bool{"id": true}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := jsonName(f)
		if name == "" {
			if col := columnOf(t, []int{i}, map[string]bool{}); col != "" && f.Type == reflect.TypeOf(model.ID(0)) {
				e.parent = col
			}
			continue
		}
		expr := "coalesce(r->'id', 'null')"
		if name != "id" {
			expr = fieldExpr(t, []int{i}, cols)
		}
		if expr == "" {
			continue
		}
		e.fields[name] = expr
		zero, _ := model.CanonicalJSON(emptyOf(f.Type))
		e.zeros[name] = string(zero)
	}
	for c := range cols {
		e.cols = append(e.cols, c)
	}
	sort.Strings(e.cols)
	return e
}

func emptyOf(t reflect.Type) any {
	if t.Kind() == reflect.Slice {
		return reflect.MakeSlice(t, 0, 0).Interface()
	}
	return reflect.Zero(t).Interface()
}

// fieldExpr is the SQL that builds the JSON of the field at path of a row
// of type t from the row's to_jsonb r; "" when no column keeps it.
func fieldExpr(t reflect.Type, path []int, cols map[string]bool) string {
	ft := fieldType(t, path)
	st := ft
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() != reflect.Struct {
		col := columnOf(t, path, cols)
		switch {
		case col == "":
			return ""
		case ft.Kind() == reflect.Slice:
			return fmt.Sprintf("(r->>%s)::jsonb", sqlString(col))
		}
		return fmt.Sprintf("coalesce(r->%s, 'null')", sqlString(col))
	}
	var parts, leaves, omitted []string
	for i := 0; i < st.NumField(); i++ {
		name := jsonName(st.Field(i))
		if name == "" {
			continue
		}
		sub := fieldExpr(t, append(append([]int{}, path...), i), cols)
		if sub == "" {
			return ""
		}
		parts = append(parts, sqlString(name), sub)
		leaves = append(leaves, sub+" = 'null'")
		if _, opts, _ := strings.Cut(st.Field(i).Tag.Get("json"), ","); strings.Contains(opts, "omitempty") {
			// Go leaves a zero value out of the object
			zero, _ := model.CanonicalJSON(emptyOf(st.Field(i).Type))
			omitted = append(omitted, fmt.Sprintf(" - CASE WHEN %s = %s THEN %s ELSE '' END", sub, sqlString(string(zero)), sqlString(name)))
		}
	}
	obj := "(jsonb_build_object(" + strings.Join(parts, ", ") + ")" + strings.Join(omitted, "") + ")"
	if ft.Kind() == reflect.Pointer { // nil: every column of it is NULL
		return "CASE WHEN " + strings.Join(leaves, " AND ") + " THEN 'null'::jsonb ELSE " + obj + " END"
	}
	return obj
}

// fieldType is the type of the field at path (indexes through structs
// and pointers to structs).
func fieldType(t reflect.Type, path []int) reflect.Type {
	for _, i := range path {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		t = t.Field(i).Type
	}
	return t
}

// columnOf is the column whose value changes when the field at path of an
// empty row of type t (its pointers on the way made) changes; "" when
// none does. It adds the column to cols.
func columnOf(t reflect.Type, path []int, cols map[string]bool) string {
	base := reflect.New(t)
	leaf := reach(base.Elem(), path)
	_, before := sqlrow.Columns(base.Interface().(model.Row))
	leaf.Set(nonZero(leaf.Type()))
	table, after := sqlrow.Columns(base.Interface().(model.Row))
	for i := range before {
		if !reflect.DeepEqual(before[i], after[i]) {
			col := dialect.Col(table.Cols[i])
			cols[col] = true
			return col
		}
	}
	return ""
}

// reach is the field at path of v, making the pointers on the way.
func reach(v reflect.Value, path []int) reflect.Value {
	for _, i := range path {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v
}

// entriesSQL writes the places of the fields for st_entries_match: the
// table st_audited and the function st_row_fields, which reads a row (as
// to_jsonb gives it) as the JSON object of the model's fields; and the
// triggers that note a coordinator's rows and entries.
func entriesSQL() string {
	var b strings.Builder
	b.WriteString("\n-- Where the fields of the rows a coordinator may record are kept (sqlrow.Columns).\nDELETE FROM st_audited;\n")
	var cases []string
	for _, e := range coordinatorEntities() {
		names := make([]string, 0, len(e.fields))
		for n := range e.fields {
			names = append(names, n)
		}
		sort.Strings(names)
		var parts []string
		zeros := map[string]any{}
		for _, n := range names {
			parts = append(parts, sqlString(n), e.fields[n])
			zeros[n] = rawJSON(e.zeros[n])
		}
		z, _ := model.CanonicalJSON(zeros)
		parent := "NULL"
		if e.parent != "" {
			parent = sqlString(e.parent)
		}
		fmt.Fprintf(&b, "INSERT INTO st_audited (entity, tbl, parent, cols, zeros) VALUES (%s, %s, %s, ARRAY[%s]::text[], %s);\n",
			sqlString(string(e.entity)), sqlString(e.table), parent, sqlList(e.cols), sqlString(string(z)))
		cases = append(cases, fmt.Sprintf("    WHEN %s THEN jsonb_build_object(%s)", sqlString(string(e.entity)), strings.Join(parts, ", ")))
	}
	fmt.Fprintf(&b, `CREATE OR REPLACE FUNCTION st_row_fields(p_entity text, r jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE WHEN r IS NULL THEN NULL ELSE CASE p_entity
%s
  END END
$$;
REVOKE EXECUTE ON FUNCTION st_row_fields(text, jsonb) FROM PUBLIC;

-- The triggers that note what a coordinator writes and appends. The
-- owner's sessions (loads, copies) skip them in the trigger's condition,
-- not in a call for every row.
DO $$
DECLARE
  r record;
  owner oid := (SELECT c.relowner FROM pg_class c WHERE c.oid = 'public.audit'::regclass);
  cond text;
BEGIN
  cond := format('NOT pg_has_role(session_user, %%s::oid, ''MEMBER'')', owner);
  FOR r IN SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname IN ('st_touch', 'st_note_entry') LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS st_touch ON %%I', r.relname);
    EXECUTE format('DROP TRIGGER IF EXISTS st_note_entry ON %%I', r.relname);
  END LOOP;
  FOR r IN SELECT entity, tbl FROM st_audited LOOP
    EXECUTE format('CREATE TRIGGER st_touch AFTER INSERT OR UPDATE OR DELETE ON %%I FOR EACH ROW WHEN (%%s) EXECUTE FUNCTION st_note_touch(%%L)',
      r.tbl, cond, r.entity);
  END LOOP;
  EXECUTE format('CREATE TRIGGER st_note_entry AFTER INSERT ON audit FOR EACH ROW WHEN (%%s) EXECUTE FUNCTION st_note_entry()', cond);
END $$;
`, strings.Join(cases, "\n"))
	return b.String()
}

type rawJSON string

func (r rawJSON) MarshalJSON() ([]byte, error) { return []byte(r), nil }

func sqlList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = sqlString(s)
	}
	return strings.Join(out, ", ")
}
