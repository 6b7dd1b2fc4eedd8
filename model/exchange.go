package model

import (
	"bytes"
	"encoding/json"
	"io"
)

// Encode writes d in the exchange format (DESIGN.md §5): two-space indented
// UTF-8 JSON with every list in its canonical order. It normalises d.
func Encode(w io.Writer, d *Doc) error {
	d.Format = Format
	d.Normalize()
	d.fillEmptyLists()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}

// Decode reads a document in the exchange format. Unknown keys are refused
// so that a typo does not silently drop data. It does not validate: call
// Doc.Validate.
func Decode(r io.Reader) (*Doc, error) {
	// Read it whole first: encoding/json replaces invalid UTF-8 silently.
	b, err := ReadBounded(r, MaxJSONSize, "the strategy export")
	if err != nil {
		return nil, err
	}
	if err := checkJSONText(b); err != nil {
		return nil, err
	}
	if err := checkDuplicateKeys(b); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var d Doc
	if err := dec.Decode(&d); err != nil {
		return nil, Errorf(EINVALID, "not a strategy export: %w", err)
	}
	// dec.More() alone would miss a stray "}" or "]": look at what is left.
	rest := b[dec.InputOffset():]
	if len(bytes.Trim(rest, " \t\r\n")) > 0 { // JSON whitespace only
		return nil, Errorf(EINVALID, "not a strategy export: data after the end of the JSON object")
	}
	if d.Format == FormatV1 {
		// Its notes and reasons are the Bulgarian texts; nothing else changed.
		d.Format = Format
	}
	d.fillEmptyLists()
	return &d, nil
}

// DecodeBytes is Decode over a byte slice.
func DecodeBytes(b []byte) (*Doc, error) { return Decode(bytes.NewReader(b)) }

// fillEmptyLists turns nil lists into empty ones so that they are written
// as [] rather than null.
func (d *Doc) fillEmptyLists() {
	d.Goals = nonNil(d.Goals)
	d.Areas = nonNil(d.Areas)
	d.Units = nonNil(d.Units)
	d.People = nonNil(d.People)
	d.Measures = nonNil(d.Measures)
	d.Snapshots = nonNil(d.Snapshots)
	d.Periods = nonNil(d.Periods)
	for i := range d.Periods {
		p := &d.Periods[i]
		p.Reopened = nonNil(p.Reopened)
		p.Returns = nonNil(p.Returns)
		p.Narrative = nonNil(p.Narrative)
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		m.Goals = nonNil(m.Goals)
		m.Partners = nonNil(m.Partners)
		m.Funding = nonNil(m.Funding)
		m.Milestones = nonNil(m.Milestones)
		m.KPIs = nonNil(m.KPIs)
		m.Updates = nonNil(m.Updates)
		for j := range m.KPIs {
			m.KPIs[j].Values = nonNil(m.KPIs[j].Values)
		}
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// CanonicalJSON marshals v compactly without HTML escaping: the form that
// hashes are computed over.
func CanonicalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Tidy puts d in canonical order with empty lists instead of nil ones.
func (d *Doc) Tidy() {
	d.fillEmptyLists()
	d.Normalize()
}
