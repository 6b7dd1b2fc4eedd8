#!/usr/bin/env bash
# Writes the manual pages strategytracker.1 and strategytracker-cli.1 into
# OUT from the console binary's own help (`help`, and `COMMAND -help` for
# every command it lists), so the pages say what the program says.
#   scripts/man-pages.sh OUT CLI-BINARY DATE VERSION
set -euo pipefail
out=$1 cli=$2 date=$3 version=$4
mkdir -p "$out"

# roff: escape backslashes, keep lines from starting with a dot or quote.
esc() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" -e 's/-/\\-/g'; }

help=$("$cli" help 2>&1 || true)
# The commands: the words of each two-space-indented line of the help up to
# the first flag or argument ("period open -name …" is "period open").
commands=$(printf '%s\n' "$help" | awk '/^  [a-z]/ { c = ""; for (i = 1; i <= NF; i++) { if ($i !~ /^[a-z][a-z-]*$/) break; c = c (c == "" ? "" : " ") $i } print c }')

page() { # page NAME SUMMARY DESCRIPTION
	local name=$1 summary=$2 description=$3
	{
		echo ".TH $(printf '%s' "$name" | tr a-z A-Z | esc) 1 \"$date\" \"Strategy Tracker $version\" \"User Commands\""
		echo ".SH NAME"
		echo "$name \\- $summary" | sed 's/-/\\-/g; s/\\\\-/\\-/g'
		echo ".SH SYNOPSIS"
		echo ".B $name"
		echo ".I COMMAND"
		echo "[\\fIflags\\fR] [\\fIargs\\fR]"
		echo ".SH DESCRIPTION"
		printf '%s\n' "$description" | esc
		echo ".SH COMMANDS"
		echo "Generated from the program's own help (\\fB$name help\\fR and \\fB$name\\fR \\fICOMMAND\\fR \\fB\\-help\\fR)."
		printf '%s\n' "$commands" | while read -r cmd; do
			[ -n "$cmd" ] || continue
			# shellcheck disable=SC2086 # the command's words are separate arguments
			text=$("$cli" $cmd -help 2>&1 || true)
			echo ".SS \"$(printf '%s\n' "$text" | sed -n '1s/^usage: strategytracker //p' | esc)\""
			printf '%s\n' "$text" | sed -n '2p' | sed 's/^ *//' | esc
			if printf '%s\n' "$text" | grep -q '^flags:'; then
				echo ".PP"
				echo ".nf"
				printf '%s\n' "$text" | sed -n '/^flags:/,$p' | sed '1d' | sed 's/\t/        /g' | esc
				echo ".fi"
			fi
		done
		echo ".SH FILES"
		echo "The default strategy file is \\fI~/.config/strategytracker/strategy.db\\fR (\\fBSTRATEGYTRACKER_DB\\fR overrides it)."
		echo ".SH SEE ALSO"
		echo ".BR strategytracker (1),"
		echo ".BR strategytracker\\-cli (1);"
		echo "the licences in \\fI/usr/share/doc/strategytracker/\\fR."
	} >"$out/$name.1"
}

page strategytracker "track the implementation of a city's strategy (desktop app)" \
	"Without arguments, strategytracker opens the desktop app on the default strategy file (on the very first start it asks whether to open the demo, start a new strategy or open a file). With a command it runs that command, as strategytracker-cli does."
page strategytracker-cli "track the implementation of a city's strategy (command line)" \
	"strategytracker-cli runs the commands of strategytracker without the UI toolkit: it starts faster and prints only its own output, for scripts."
