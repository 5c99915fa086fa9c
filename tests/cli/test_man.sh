# The man pages: every option and subcommand that --help shows is in the right page, every
# page renders without warnings, and psoas-content(5)'s example routine is valid content.
source "$(dirname "$0")/lib.sh"

MAN="$PSOAS_SOURCE_DIR/man"
: >"$T/out"; : >"$T/err"   # what a failing check shows before the first run

# The long options in the first column of a help text's "Options:" section.
long_options() {
  awk '/^Options:/{s=1;next} /^[^ ]/{s=0} s && /^  -/{print $1}' | tr ',' '\n' | grep '^--'
}
# The names in a help text's "Subcommands:" section.
subcommands() {
  awk '/^Subcommands:/{s=1;next} /^[^ ]/{s=0} s && /^  [a-z]/{print $1}'
}
# A page's source as plain text: scdoc's bold, underline and escape characters removed.
plain_page() { sed -e 's/[*_\\]//g' "$1"; }

# in_page PAGE WORD: WORD (an option such as --week) appears in PAGE as a whole word,
# not only inside a longer one (--weeks, --last-week).
in_page() {
  plain_page "$MAN/$1" | grep -qE -- "(^|[^A-Za-z0-9-])$2([^A-Za-z0-9-]|$)"
}
# has_text PAGE TEXT: TEXT appears in PAGE.
has_text() { plain_page "$MAN/$1" | grep -qF -- "$2"; }

help_of() { "$PSOAS" "$@" --help </dev/null 2>&1; }

# check_options PAGE ARGS...: every long option of `psoas ARGS... --help` is in PAGE.
check_options() {
  local page=$1; shift
  local help opts opt
  help=$(help_of "$@")
  opts=$(printf '%s\n' "$help" | long_options)
  check "psoas $* --help lists options" test -n "$opts"
  for opt in $opts; do
    check "$page documents 'psoas $* $opt'" in_page "$page" "$opt"
  done
}

# --- (a) options and subcommands --------------------------------------------------------

for page in psoas.1.scd psoas-content.5.scd; do
  check "man/$page exists" test -f "$MAN/$page"
done

check_options psoas.1.scd
commands=$(help_of | subcommands)
check "psoas --help lists the commands" test -n "$commands"
for cmd in $commands; do
  page="psoas-$cmd.1.scd"
  check "man/$page exists (psoas $cmd)" test -f "$MAN/$page"
  [ -f "$MAN/$page" ] || continue
  check "psoas.1.scd names psoas-$cmd(1)" has_text psoas.1.scd "psoas-$cmd(1)"
  check_options "$page" "$cmd"
  for sub in $(help_of "$cmd" | subcommands); do
    check "$page shows 'psoas $cmd $sub'" has_text "$page" "psoas $cmd $sub"
    check_options "$page" "$cmd" "$sub"
  done
done

# --- (b) every page renders without warnings ----------------------------------------------

renders_clean() {
  local src=$1 roff="$T/$(basename "$1" .scd)" warnings
  scdoc <"$src" >"$roff" 2>"$T/scdoc.err" || { cat "$T/scdoc.err" >&2; return 1; }
  [ -s "$roff" ] || return 1
  warnings=$(groff -man -ww -z "$roff" 2>&1)
  [ -z "$warnings" ] || { printf '%s\n' "$warnings" >&2; return 1; }
}

if ! command -v scdoc >/dev/null; then
  echo "skip: scdoc is not installed, so the man pages are not rendered" >&2
elif ! command -v groff >/dev/null; then
  echo "skip: groff is not installed, so the man pages are not checked for warnings" >&2
else
  for src in "$MAN"/*.scd; do
    check "$(basename "$src") renders without warnings" renders_clean "$src"
  done
fi

# --- (c) the example user routine in psoas-content(5) is valid ----------------------------

CONTENT="$T/content"
mkdir -p "$CONTENT"
# The literal block (between ``` lines) of the EXAMPLE section.
awk '/^# EXAMPLE/{e=1; next} /^# /{e=0} e && /^```/{if (b) exit; b=1; next} e && b' \
  "$MAN/psoas-content.5.scd" >"$CONTENT/evening.toml"
check "psoas-content(5) has an example routine" grep -q '^\[\[routine\]\]' "$CONTENT/evening.toml"

run routine check "$CONTENT/evening.toml"
expect_rc 0
expect_out "ok: "
expect_empty_err

run --content "$CONTENT" routine show evening
expect_rc 0
expect_out "Evening wind-down"
expect_out "Wall calf stretch"
expect_empty_err

run --content "$CONTENT" routine list --ids
expect_rc 0
expect_out "evening"

# It runs too (plain lines, a ten-thousandth of real time).
PSOAS_TIME_SCALE=0.0001 run --content "$CONTENT" routine run evening
expect_rc 0
expect_out "done  Evening wind-down"
