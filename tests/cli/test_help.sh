# Help fits the terminal (issue 18 item 4): every command's --help wrapped to $COLUMNS
# (at most 100, at least 40) without breaking a word, and each subcommand with its own
# examples (log's, remind's).
source "$(dirname "$0")/lib.sh"

# help_words WIDTH ARGS... : the words of `COLUMNS=WIDTH psoas ARGS --help`, one a line, sorted.
help_words() {
  local width=$1; shift
  COLUMNS=$width "$PSOAS" "$@" --help </dev/null | tr -s ' \n' '\n\n' | sed '/^$/d' | sort
}

# subcommands ARGS... : the names listed under "Subcommands:" in `psoas ARGS --help`.
subcommands() {
  COLUMNS=100 "$PSOAS" "$@" --help </dev/null |
    awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1; next } on && !/^ / { on = 0 }'
}

# Lines of stdin wider than $1 that hold more than one word: a word longer than the line may
# run past the edge on a line of its own, but nothing else may.
overhanging() { awk -v w="$1" 'length($0) > w && NF > 1'; }

check_help() {
  export COLUMNS=80
  run "$@" --help
  unset COLUMNS
  expect_rc 0
  if [ $# -gt 0 ]; then  # every command shows how it is used
    expect_out $'\nExamples:\n  psoas'
    expect_out "  psoas $*"
  fi
  local widest
  widest=$(printf '%s\n' "$OUT" | wc -L)
  check "psoas $* --help at 80 columns is $widest wide" test "$widest" -le 80
  # Wrapping moves words, never splits them: the same words at 80 and at 100 columns.
  check "psoas $* --help: no word split at 80 columns" \
    test "$(help_words 80 "$@" | md5sum)" == "$(help_words 100 "$@" | md5sum)"
  # At 40 columns (the narrowest): each description below its names, no word split, and no
  # line past the edge unless it is one word too long for any line.
  export COLUMNS=40
  run "$@" --help
  unset COLUMNS
  check "psoas $* --help at 40 columns: no line overhangs" test -z "$(printf '%s\n' "$OUT" | overhanging 40)"
  check "psoas $* --help: no word split at 40 columns" \
    test "$(help_words 40 "$@" | md5sum)" == "$(help_words 100 "$@" | md5sum)"
}

COMMANDS=0
check_help
for cmd in $(subcommands); do
  check_help "$cmd"; COMMANDS=$((COMMANDS + 1))
  for sub in $(subcommands "$cmd"); do check_help "$cmd" "$sub"; COMMANDS=$((COMMANDS + 1)); done
done
check "found the commands ($COMMANDS)" test "$COMMANDS" -ge 12

# At 40 columns a description starts on the line below its option, indented 6, the same
# for every option (also one whose names are nearly as wide as the column).
export COLUMNS=40
run --help
unset COLUMNS
expect_out $'\n  --color {auto,always,never}\n      Colour: auto'
expect_out $'\n  --journal PATH\n      Use this journal file'
# Narrower than 40 is 40: $COLUMNS=20 gives the same help.
check "COLUMNS=20 is COLUMNS=40" test "$(COLUMNS=20 "$PSOAS" log --help | md5sum)" == "$(COLUMNS=40 "$PSOAS" log --help | md5sum)"

# Narrower still: 60 columns.
export COLUMNS=60
run log --help
unset COLUMNS
check "log --help at 60 columns" test "$(printf '%s\n' "$OUT" | wc -L)" -le 60

# Wider than 100 is capped at 100; not a terminal and no $COLUMNS is 80.
export COLUMNS=300
run log --help
unset COLUMNS
check "log --help capped at 100 columns" test "$(printf '%s\n' "$OUT" | wc -L)" -le 100
check "log --help at 300 columns uses more than 80" test "$(printf '%s\n' "$OUT" | wc -L)" -gt 80
run log --help
check "log --help without COLUMNS is 80 wide" test "$(printf '%s\n' "$OUT" | wc -L)" -le 80

# Each log subcommand has its own examples, not the ones for adding an entry.
run log --help
expect_out "psoas log 4 --where"
for sub in list edit rm export import; do
  run log "$sub" --help
  expect_rc 0
  expect_out "Examples:"
  expect_out "psoas log $sub"
  expect_no_out "psoas log 4 --where"
  expect_no_out "PEG scale"
done
run log list --help
expect_out "psoas log list --since week"

# --limit's value is shown as N.
run log list --help
expect_out "--limit N "
expect_no_out "N:N"

# Each remind subcommand has its own examples, not install's.
for sub in install status remove breaks log-prompt weekly; do
  run remind "$sub" --help
  expect_rc 0
  expect_out "Examples:"
  expect_out "psoas remind $sub"
  [ "$sub" == install ] || expect_no_out "psoas remind install --work-hours"
done
run remind --help
expect_out "psoas remind install --work-hours"
expect_out "psoas remind status"

# A command's first description line only in its parent's list: triage's paragraph is in
# `psoas triage --help`, not in `psoas --help`.
run --help
expect_out "or self-care, and which routine to start."
expect_no_out "On a terminal it asks each question"
run triage --help
expect_out "On a terminal it asks each"
