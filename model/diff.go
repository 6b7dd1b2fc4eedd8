package model

import (
	"reflect"
	"strings"
)

// FieldChange is one changed field, with old and new values as canonical JSON.
type FieldChange struct {
	Field    string
	Old, New string
}

// Diff compares two values of the same struct type field by field, by their
// JSON names, skipping fields tagged `json:"-"` (ids, versions) and
// `audit:"-"` (child lists, which are rows of their own). It is the one
// notion of "changed": a nil list and an empty one are the same value
// (both are written as []), so a form that leaves a list nil changes
// nothing.
func Diff(old, new any) []FieldChange {
	ov, nv := reflect.Indirect(reflect.ValueOf(old)), reflect.Indirect(reflect.ValueOf(new))
	t := ov.Type()
	var out []FieldChange
	for i := 0; i < t.NumField(); i++ {
		name, ok := auditedField(t.Field(i))
		if !ok || name == "id" {
			continue
		}
		a, _ := CanonicalJSON(emptyForNil(ov.Field(i)).Interface())
		b, _ := CanonicalJSON(emptyForNil(nv.Field(i)).Interface())
		if string(a) != string(b) {
			out = append(out, FieldChange{Field: name, Old: string(a), New: string(b)})
		}
	}
	return out
}

// Fields returns the names of the changes.
func Fields(changes []FieldChange) []string {
	names := make([]string, len(changes))
	for i, c := range changes {
		names[i] = c.Field
	}
	return names
}

// RowJSON is the canonical JSON of a row without its child lists: what a
// create or delete records in the audit log.
func RowJSON(v any) string {
	rv := reflect.Indirect(reflect.ValueOf(v))
	t := rv.Type()
	var b strings.Builder
	b.WriteByte('{')
	n := 0
	for i := 0; i < t.NumField(); i++ {
		name, ok := auditedField(t.Field(i))
		if !ok || omittedWhenZero(t.Field(i), rv.Field(i)) {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		k, _ := CanonicalJSON(name)
		val, _ := CanonicalJSON(emptyForNil(rv.Field(i)).Interface())
		b.Write(k)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.String()
}

func auditedField(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" || f.Tag.Get("audit") == "-" || !f.IsExported() {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, true
}

// emptyForNil turns a nil slice into an empty one: one value, one JSON.
func emptyForNil(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Slice && v.IsNil() {
		return reflect.MakeSlice(v.Type(), 0, 0)
	}
	return v
}

// Changed reports whether old and new (rows of one type) differ in a field
// Diff compares.
func Changed(old, new any) bool { return len(Diff(old, new)) > 0 }

// omittedWhenZero: a zero field tagged omitempty (the visibility flags) is
// left out of a row's JSON, as the export leaves it out, so that rows
// recorded before the field existed read the same.
func omittedWhenZero(f reflect.StructField, v reflect.Value) bool {
	_, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
	return strings.Contains(opts, "omitempty") && v.IsZero()
}
