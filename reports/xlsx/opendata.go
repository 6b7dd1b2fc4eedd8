package xlsx

import (
	"io"
	"strconv"

	"strategytracker/model"
)

// The open data as one workbook for spreadsheet users (the public site's
// data/open-data.xlsx): the same tables as the site's CSV files, one sheet
// each, a header row in Bulgarian and one in English, numbers, dates and
// yes/no as typed cells (so that no locale's decimal mark or list separator
// matters), and text always as text, never a formula.

// DataColumn is one column of an open-data table: Type is a Table Schema
// type (string, integer, number, boolean, date), the values are written as
// in the CSV files (a decimal point, dates YYYY-MM-DD, true/false).
type DataColumn struct {
	Name, Type string
	Header     model.Text
}

// DataTable is one table of the open data; Name becomes its sheet's name.
type DataTable struct {
	Name    string
	Columns []DataColumn
	Rows    [][]string
}

// WriteOpenData writes the tables as one workbook; opt.Created dates it
// (the same tables and date give the same bytes).
func WriteOpenData(w io.Writer, tables []DataTable, title string, opt Options) error {
	if len(tables) == 0 {
		return model.Errorf(model.EINVALID, "open data: no table")
	}
	f, err := newFile(tables[0].Name, title, opt)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, t := range tables[1:] {
		if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
	}
	// Dates as 2026-06-30: the same in both languages of the header.
	st, err := newStyles(f, model.EN)
	if err != nil {
		return err
	}
	for _, t := range tables {
		g := st.grid()
		headers := make([]model.Text, len(t.Columns))
		for i, c := range t.Columns {
			headers[i] = c.Header
		}
		g.header(model.BG, headers...)
		g.header(model.EN, headers...)
		for _, r := range t.Rows {
			cells := make([]cell, len(r))
			for i, v := range r {
				cells[i] = st.dataCell(t.Columns[i].Type, v)
			}
			g.add(cells...)
		}
		last := cellName(len(t.Columns), max(len(t.Rows)+2, 3))
		if err := stream(f, t.Name, g, 2, nil, func() error {
			return f.AutoFilter(t.Name, "A2:"+last, nil)
		}); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// dataCell is one value of an open-data table as a typed cell; a value
// that does not read as its type stays text.
func (s *styles) dataCell(typ, v string) cell {
	if v == "" {
		return cell{}
	}
	switch typ {
	case "integer":
		if n, err := strconv.Atoi(v); err == nil {
			return s.integer(n)
		}
	case "number":
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			return s.number(x)
		}
	case "boolean":
		if b, err := strconv.ParseBool(v); err == nil {
			return cell{Value: b}
		}
	case "date":
		if d, err := model.ParseDate(v); err == nil {
			return s.date(d)
		}
	}
	return s.str(v)
}
