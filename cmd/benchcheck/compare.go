package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Comparing with the pasted tables (`benchcheck -compare BENCHMARKS.md`,
// `make bench-compare`): issue 26 is done when re-running bench-check
// gives medians within 15 % of the pasted ones. compare reads every table
// benchcheck printed and was pasted under the chosen section, and prints
// each row of a new run against the pasted medians: the middle of them,
// the difference in %, and whether it is within the tolerance.

// tableHeader is the first line of benchcheck's table.
const tableHeader = "| figure | command | target | median | min–max | met |"

// table is one pasted benchcheck table: the headings it is under, the
// text between the last heading and the table (the run's header: machine,
// date, load, calibration) and each row's median as printed.
type table struct {
	section, heading string // the "##" and "###" headings it is under
	preamble         string
	figures          []string          // in order
	median           map[string]string // by figure
}

// readTables reads the benchcheck tables of a Markdown file or of
// benchcheck's own output.
func readTables(r io.Reader) ([]table, error) {
	var tables []table
	var section, heading string
	var preamble []string
	var cur *table
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case cur != nil && strings.HasPrefix(line, "|"):
			cells := splitRow(line)
			if len(cells) >= 4 && !strings.HasPrefix(cells[0], "---") {
				if _, seen := cur.median[cells[0]]; !seen {
					cur.figures = append(cur.figures, cells[0])
				}
				cur.median[cells[0]] = cells[3]
			}
			continue
		case line == tableHeader:
			tables = append(tables, table{section: section, heading: heading, preamble: strings.Join(preamble, "\n"), median: map[string]string{}})
			cur, preamble = &tables[len(tables)-1], nil
			continue
		case strings.HasPrefix(line, "## "):
			section, heading, preamble = strings.TrimPrefix(line, "## "), "", nil
		case strings.HasPrefix(line, "### "):
			heading, preamble = strings.TrimPrefix(line, "### "), nil
		default:
			preamble = append(preamble, line)
		}
		cur = nil
	}
	return tables, sc.Err()
}

// splitRow splits a Markdown table row into its cells, trimmed; a "|"
// inside `code` does not split.
func splitRow(line string) []string {
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cells []string
	var cell strings.Builder
	code := false
	for _, r := range line {
		switch {
		case r == '`':
			code = !code
		case r == '|' && !code:
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
			continue
		}
		cell.WriteRune(r)
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

// value is a printed median read back ("72 ms", "1.25 s", "139 MB",
// "0.73×", "10.13 ms"): in seconds, bytes or as a ratio.
// Any other "number unit" ("4028757 allocs/op") is read as the number.
var value = regexp.MustCompile(`^(\d+(?:\.\d+)?(?:e[+-]?\d+)?) ?(ms|s|MB|×|[\w/-]+)$`)

func parseValue(s string) (float64, bool) {
	m := value.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	switch m[2] {
	case "ms":
		v /= 1000
	case "MB":
		v *= 1e6
	}
	return v, true
}

// comparison is one row of the comparison.
type comparison struct {
	figure string
	pasted []string // the pasted medians, as printed, run by run ("" where the run lacks the row)
	ref    float64  // the middle of the pasted medians
	now    string
	diff   float64 // now ÷ ref − 1
	ok     bool    // both sides have a figure
}

// compare compares each row of cur with the same row of the pasted runs.
func compare(pasted []table, cur table) []comparison {
	var out []comparison
	for _, f := range cur.figures {
		c := comparison{figure: f, now: cur.median[f]}
		var refs []float64
		for _, p := range pasted {
			c.pasted = append(c.pasted, p.median[f])
			if v, ok := parseValue(p.median[f]); ok {
				refs = append(refs, v)
			}
		}
		now, ok := parseValue(c.now)
		if ok && len(refs) > 0 {
			slices.Sort(refs)
			c.ref = median(refs)
			if c.ref > 0 {
				c.diff, c.ok = now/c.ref-1, true
			}
		}
		out = append(out, c)
	}
	return out
}

// The phrases of a run's header that keep it from showing reproducibility.
const (
	notIdle = "The machine was not idle"
	drifted = "The machine's speed drifted"
)

// writeComparison prints the comparison of cur with the pasted runs and
// says whether the figures reproduce within tolerance (0.15: 15 %).
// It claims so only for a run on an idle machine that kept its speed, and
// says when the machine ran at another speed than in the pasted runs
// (the calibration rows).
func writeComparison(w io.Writer, pasted []table, cur table, tolerance float64) {
	pct := fmt.Sprintf("%.0f %%", tolerance*100)
	var names []string
	for _, p := range pasted {
		names = append(names, strings.TrimSpace(p.heading))
	}
	fmt.Fprintf(w, "Compared with the medians pasted in %d run(s) (%s); \"pasted\" is the middle of them.\n\n", len(pasted), strings.Join(names, ", "))
	fmt.Fprintf(w, "| figure | pasted medians | pasted | now | difference | within %s |\n|---|---|---|---|---|---|\n", pct)
	var within, total, cpuWithin, cpuTotal int
	var outside, calib []string
	for _, c := range compare(pasted, cur) {
		shown := slices.Clone(c.pasted)
		for i, p := range shown {
			if p == "" {
				shown[i] = "—"
			}
		}
		if !c.ok {
			fmt.Fprintf(w, "| %s | %s | | %s | | not compared |\n", c.figure, strings.Join(shown, ", "), c.now)
			continue
		}
		in := math.Abs(c.diff) <= tolerance
		verdict := "yes"
		switch {
		case strings.HasPrefix(c.figure, "calibration: "):
			// The machine's speed, not a figure of the program.
			verdict = "same speed"
			if math.Abs(c.diff) > calibrationTolerance {
				verdict = "**another speed**"
				calib = append(calib, fmt.Sprintf("%s %+.0f %%", c.figure, c.diff*100))
			}
		case in:
			within++
		default:
			verdict = "**no**"
			outside = append(outside, fmt.Sprintf("%s %+.0f %%", c.figure, c.diff*100))
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %+.1f %% | %s |\n", c.figure, strings.Join(shown, ", "), refText(c), c.now, c.diff*100, verdict)
		if strings.HasPrefix(c.figure, "calibration: ") {
			continue
		}
		total++
		if strings.Contains(c.figure, "CPU time") {
			cpuTotal++
			if in {
				cpuWithin++
			}
		}
	}
	fmt.Fprintf(w, "\nWithin %s of the pasted median: %d of %d rows (of the CPU-time rows, the robust ones: %d of %d).\n", pct, within, total, cpuWithin, cpuTotal)
	if len(outside) > 0 {
		fmt.Fprintf(w, "Outside: %s.\n", strings.Join(outside, "; "))
	}
	if len(calib) > 0 {
		fmt.Fprintf(w, "The machine did not run at the pasted runs' speed (%s, beyond %.0f %%): a difference of the same sign in the other rows may be the machine's.\n",
			strings.Join(calib, "; "), calibrationTolerance*100)
	}
	switch {
	case strings.Contains(cur.preamble, notIdle) || strings.Contains(cur.preamble, drifted):
		fmt.Fprintln(w, "This run does not show whether the figures reproduce: its header says the machine was not idle or changed speed.")
	case total == 0:
		fmt.Fprintln(w, "No row to compare.")
	case within == total:
		fmt.Fprintf(w, "The figures reproduce within %s.\n", pct)
	default:
		fmt.Fprintf(w, "The figures do not all reproduce within %s.\n", pct)
	}
}

// calibrationTolerance is how far the calibration rows may be from the
// pasted ones for the machine to count as running at the same speed.
const calibrationTolerance = 0.05

// refText is the middle pasted median in the unit the new one is printed in.
func refText(c comparison) string {
	if strings.HasSuffix(c.now, "×") {
		return format(c.ref, "×")
	}
	_, unit, _ := strings.Cut(c.now, " ")
	switch unit {
	case "ms":
		if c.ref < 0.01 {
			return format(c.ref, "ms")
		}
		return format(c.ref, "s")
	case "":
		return strconv.FormatFloat(c.ref, 'g', 4, 64)
	}
	return format(c.ref, unit)
}

// pastedRuns are the tables of the file's section whose "##" heading
// contains section (the idle runs that claim targets).
func pastedRuns(tables []table, section string) []table {
	var runs []table
	for _, t := range tables {
		if strings.Contains(t.section, section) {
			runs = append(runs, t)
		}
	}
	return runs
}
