package site

import (
	"io"
	"strings"
	"time"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// workbook writes the open data as one .xlsx (xlsx.WriteOpenData): the
// tables of the CSV files, one sheet each, headers in both languages.
func (s *site) workbook(w io.Writer, tables []table, created time.Time) error {
	dt := make([]xlsx.DataTable, len(tables))
	for i, t := range tables {
		dt[i] = xlsx.DataTable{Name: t.Name, Rows: t.Rows}
		for _, f := range t.Fields {
			dt[i].Columns = append(dt[i].Columns, xlsx.DataColumn{Name: f.Name, Type: f.Type, Header: model.T(f.BG, f.EN)})
		}
	}
	st := s.doc.Strategy
	return xlsx.WriteOpenData(w, dt, st.Title.In(model.BG)+" / "+st.Title.In(model.EN), xlsx.Options{Created: created})
}

// readmeText is data/README.txt: what each file is, in both languages, and
// how the CSV files are written.
func (s *site) readmeText() string {
	var b strings.Builder
	st := s.doc.Strategy
	b.WriteString(st.Title.In(model.BG) + "\n" + st.Title.In(model.EN) + "\n\n")
	b.WriteString(`ОТВОРЕНИ ДАННИ — ОПИСАНИЕ НА ФАЙЛОВЕТЕ

open-data.xlsx — всички таблици в една работна книга за Excel и LibreOffice:
  по един лист на таблица, заглавен ред на български и на английски, числата,
  датите и да/не като числа, дати и логически стойности (без значение какъв
  десетичен знак и разделител на списъци ползва компютърът). Отваря се
  правилно и от български Excel. Препоръчваме го за работа в таблици.
*.csv — същите таблици за програми (Frictionless Data, описани в
  datapackage.json): UTF-8 без BOM, разделител запетая, текст в кавички "
  при нужда (удвоени "" вътре), десетична точка, дати ГГГГ-ММ-ДД, true/false,
  всеки ред завършва с LF (\n). Български Excel ги отваря с развалена кирилица
  и в една колона — за таблици ползвайте open-data.xlsx.
  Текстова клетка, която започва с =, +, -, @, табулация или CR (или с
  апостроф), е записана с един апостроф ' отпред, за да не бъде изпълнена
  като формула от програма за таблици. За да получите оригиналния текст,
  махнете един апостроф от началото на текстовата клетка. Числата, датите
  и логическите стойности не се променят.
datapackage.json — описание на таблиците и колоните (на двата езика),
  ключове и връзки между таблиците.
strategy.json — цялата публична част на стратегията във формата за обмен.
open-data.zip — всички файлове без работната книга, в един архив.
LICENSE.txt — лицензът на данните.

Публикува се само публичната информация: без вътрешни мерки, бележки и
хора, без адреси на електронна поща и телефонни номера (заменени с
[e-mail] и [tel.] и в свободния текст).

OPEN DATA — THE FILES

open-data.xlsx — every table in one workbook for Excel and LibreOffice: one
  sheet per table, a header row in Bulgarian and one in English, numbers,
  dates and yes/no as typed cells (whatever decimal mark and list separator
  the computer uses). It opens correctly in a Bulgarian Excel too; use it
  for spreadsheets.
*.csv — the same tables for programs (Frictionless Data, described in
  datapackage.json): UTF-8 without a BOM, comma-separated, text quoted with
  " when needed ("" inside), a decimal point, dates YYYY-MM-DD, true/false,
  every line ending in LF (\n). A Bulgarian Excel opens them with broken
  Cyrillic in one column: for spreadsheets use open-data.xlsx.
  A text cell beginning with =, +, -, @, a tab or a carriage return (or with
  an apostrophe) is written with one apostrophe ' in front, so that no
  spreadsheet runs it as a formula (the usual defence against CSV formula
  injection; an apostrophe rather than a tab because it is visible and
  survives trimming). To get the original text, remove one apostrophe from
  the beginning of the text cell. Numbers, dates and booleans are never
  changed.
datapackage.json — the tables and columns described (in both languages),
  keys and the links between tables.
strategy.json — the whole public part of the strategy in the exchange format.
open-data.zip — all the files but the workbook, in one archive.
LICENSE.txt — the licence of the data.

Only public information is published: no internal measures, notes or
people, no e-mail addresses or telephone numbers (replaced by [e-mail] and
[tel.] in free text too).
`)
	return b.String()
}
