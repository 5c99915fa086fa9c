# Every kind of message the parser (CLI11) gives, in psoas's one-line form (issue 18 item 2):
# a bad number or choice, a missing value or argument, options that exclude each other, a
# flag given a value, a stray word, an unknown option or command, `help` for a command
# that does not exist. Each row asserts the exact line on stderr, the exit status, nothing
# on stdout and the journal's bytes unchanged. test_bad_input.sh catalogues the values the
# commands themselves check.
source "$(dirname "$0")/lib.sh"

run log 3 --where groin --at 2026-11-20T10:00
check "a journal to keep unchanged" test -s "$JOURNAL"

# rc | the exact line on stderr | psoas arguments (shell words)
TABLE=$(cat <<'EOF'
2 | psoas: --weeks: expected a whole number from 1 to 520, not '0' (see 'psoas report --help') | report --weeks 0
2 | psoas: --weeks: expected a whole number from 1 to 520, not '521' (see 'psoas report --help') | report --weeks 521
2 | psoas: --weeks: expected a whole number from 1 to 520, not '3x' (see 'psoas report --help') | report --weeks 3x
2 | psoas: --weeks: needs an N (see 'psoas report --help') | report --weeks
2 | psoas: --limit: expected a whole number of 1 or more, not '-1' (see 'psoas log list --help') | log list --limit -1
2 | psoas: --limit: expected a whole number of 1 or more, not '0' (see 'psoas log list --help') | log list --limit 0
2 | psoas: --limit: expected a whole number of 1 or more, not 'x' (see 'psoas log list --help') | log list -n x
2 | psoas: --limit: expected a whole number of 1 or more, not '-1' (see 'psoas log export --help') | log export --limit -1
2 | psoas: --reps: expected a whole number from 1 to 1000, not '0' (see 'psoas timer --help') | timer 10s --reps 0
2 | psoas: --reps: expected a whole number from 1 to 1000, not 'many' (see 'psoas timer --help') | timer 10s --reps many
2 | psoas: --color: expected auto, always or never, not 'sometimes' (see 'psoas --help') | --color=sometimes
2 | psoas: --color: expected auto, always or never, not 'sometimes' (see 'psoas --help') | report --color sometimes
2 | psoas: --color: expected auto, always or never, not 'alway' (did you mean 'always'?) | --color=alway today
2 | psoas: --color: needs one of auto, always or never (see 'psoas --help') | --color
2 | psoas: --format: expected text, markdown, md, json, csv or html, not 'pdf' (see 'psoas report --help') | report --format pdf
2 | psoas: --format: expected text, markdown, md, json, csv or html, not 'jsn' (did you mean 'json'?) | report --format jsn
2 | psoas: --format: expected text or json, not 'csv' (see 'psoas log list --help') | log list --format csv
2 | psoas: --format: expected csv, json or jsonl, not 'xml' (see 'psoas log export --help') | log export --format xml
2 | psoas: --format: needs one of csv, json or jsonl (see 'psoas log export --help') | log export -f
2 | psoas: --format: expected csv, json or jsonl, not 'ndjson' (see 'psoas log import --help') | log import j.csv --format ndjson
2 | psoas: --format: expected text or json, not 'yaml' (see 'psoas routine list --help') | routine list --format yaml
2 | psoas: --format: expected text or json, not 'jsno' (did you mean 'json'?) | triage --format jsno
2 | psoas: --format: expected text or json, not 'html' (see 'psoas today --help') | today --format html
2 | psoas: --format: expected text or json, not 'md' (see 'psoas advice --help') | advice --format md
2 | psoas: --format: expected text or json, not 'xml' (see 'psoas remind status --help') | remind status --format xml
2 | psoas: --format: expected text or json, not 'yaml' (see 'psoas timer --help') | timer --status --format yaml
2 | psoas: routine show: give a ROUTINE (see 'psoas routine show --help') | routine show
2 | psoas: routine run: give a ROUTINE (see 'psoas routine run --help') | routine run
2 | psoas: routine check: give a FILE (see 'psoas routine check --help') | routine check
2 | psoas: log edit: give an ID (see 'psoas log edit --help') | log edit
2 | psoas: log rm: give an ID (see 'psoas log rm --help') | log rm
2 | psoas: log import: give a FILE or - (see 'psoas log import --help') | log import
2 | psoas: remind: give a command: install, status, remove, breaks, log-prompt or weekly (see 'psoas remind --help') | remind
2 | psoas: remind: unknown command 'bogus' (see 'psoas remind --help') | remind bogus
2 | psoas: remind: unknown command 'stauts' (did you mean 'status'?) | remind stauts
2 | psoas: --journal: needs a PATH (see 'psoas --help') | --journal
2 | psoas: --content: needs a DIR (see 'psoas --help') | --content
2 | psoas: --content: no directory '/nowhere' (see 'psoas --help') | --content /nowhere routine list
2 | psoas: --label: needs a TEXT (see 'psoas timer --help') | timer 10s --label
2 | psoas: --rest: needs a DURATION (see 'psoas timer --help') | timer 10s --rest
2 | psoas: --where: needs a PLACE (see 'psoas log --help') | log 3 --where
2 | psoas: --at: needs a WHEN (see 'psoas log --help') | log 3 --at
2 | psoas: --since: needs a WHEN (see 'psoas log list --help') | log list --since
2 | psoas: --range: needs a RANGE (see 'psoas report --help') | report --range
2 | psoas: --from: needs a DATE (see 'psoas report --help') | report --from
2 | psoas: --yes: needs a QUESTION (see 'psoas triage --help') | triage --yes
2 | psoas: --answers: needs a FILE (see 'psoas triage --help') | triage --answers
2 | psoas: report: give --week or --month, not both (see 'psoas report --help') | report --week --month
2 | psoas: report: give --since or --range, not both (see 'psoas report --help') | report --since mon --range week
2 | psoas: report: give --from or --range, not both (see 'psoas report --help') | report --from mon --range week
2 | psoas: report: give --format or --json, not both (see 'psoas report --help') | report --json --format csv
2 | psoas: log list: give --since or --range, not both (see 'psoas log list --help') | log list --range week --since mon
2 | psoas: log list: give --format or --json, not both (see 'psoas log list --help') | log list --json --format json
2 | psoas: log list: give --json or --ids, not both (see 'psoas log list --help') | log list --ids --json
2 | psoas: log export: give --format or --json, not both (see 'psoas log export --help') | log export --json --format csv
2 | psoas: routine list: give --json or --ids, not both (see 'psoas routine list --help') | routine list --json --ids
2 | psoas: routine list: give --format or --names, not both (see 'psoas routine list --help') | routine list --format json --names
2 | psoas: triage: give --json or --ids, not both (see 'psoas triage --help') | triage --ids --json
2 | psoas: advice: give --format or --ids, not both (see 'psoas advice --help') | advice --ids --format text
2 | psoas: today: give --format or --json, not both (see 'psoas today --help') | today --json --format text
2 | psoas: --weeks: given more than once (give it once) | report --weeks 2 --weeks 3
2 | psoas: --journal: given more than once (give it once) | --journal /tmp/a log list --journal /tmp/b
2 | psoas: --note: given more than once (give it once) | log 3 --note a --note b
2 | psoas: --color: given more than once (give it once) | --color never today --color always
2 | psoas: --json: takes no value, not 'maybe' (see 'psoas log list --help') | log list --json=maybe
2 | psoas: --no-bell: takes no value, not 'loud' (see 'psoas timer --help') | timer 10s --no-bell=loud
2 | psoas: --ids: takes no value, not 'x' (see 'psoas routine list --help') | routine list --ids=x
2 | psoas: log: unexpected argument '4' (see 'psoas log --help') | log 3 4
2 | psoas: log list: unexpected argument 'extra' (see 'psoas log list --help') | log list extra
2 | psoas: today: unexpected argument 'extra' (see 'psoas today --help') | today extra
2 | psoas: advice: unexpected argument 'extra' (see 'psoas advice --help') | advice heat extra
2 | psoas: remind status: unexpected argument 'extra' (see 'psoas remind status --help') | remind status extra
2 | psoas: timer: unexpected argument '20s' (see 'psoas timer --help') | timer 10s 20s
2 | psoas: report: unexpected argument 'extra' (see 'psoas report --help') | report extra
2 | psoas: routine list: unknown option '--bogus' (see 'psoas routine list --help') | routine list --bogus
2 | psoas: log list: unknown option '--lmit' (did you mean '--limit'?) | log list --lmit 3
2 | psoas: triage: unknown option '--jsno' (did you mean '--json'?) | triage --jsno
2 | psoas: log: unknown command 'lst' (did you mean 'list'?) | log lst
2 | psoas: routine: unknown command 'shwo' (did you mean 'show'?) | routine shwo stretch
2 | psoas: unknown command 'frobnicate' (see 'psoas --help' for the commands) | frobnicate
2 | psoas: unknown command 'frobnicate' (see 'psoas --help' for the commands) | help frobnicate
2 | psoas: unknown command 'frobnicate' (see 'psoas --help' for the commands) | frobnicate --help
2 | psoas: log: unknown command 'lst' (did you mean 'list'?) | help log lst
2 | psoas: log: unknown command 'lst' (did you mean 'list'?) | log lst --help
2 | psoas: remind: unknown command 'bogus' (see 'psoas remind --help') | help remind bogus
2 | psoas: --ids: lists the notes; give it without an ADVICE id | advice heat --ids
2 | psoas: --format: only goes with --status | timer 10s --format json
2 | psoas: --json: only goes with --status | timer 10s --json
EOF
)

rows=0
while IFS='|' read -r rc line args; do
  rc=${rc// /}; line=${line# }; line=${line% }
  [ -n "$rc" ] || continue
  rows=$((rows + 1))
  eval "set -- $args"
  before=$(sha256sum <"$JOURNAL")
  run "$@"
  expect_rc "$rc"
  CHECKS=$((CHECKS + 1))
  [ "$ERR" == "$line" ] || fail "stderr is not exactly: $line"
  CHECKS=$((CHECKS + 1))
  [ -z "$OUT" ] || fail "stdout is not empty"
  check "journal unchanged" test "$(sha256sum <"$JOURNAL")" == "$before"
done <<<"$TABLE"
CURRENT="the table"
check "at least 80 rows ($rows)" test "$rows" -ge 80

# The same words for help that does exist: `psoas help log list` is `psoas log list --help`,
# and a word where a positional goes is no command (`psoas log 4 --help`).
run help log list
expect_rc 0
expect_out "Usage: psoas log list"
run log 4 --help
expect_rc 0
expect_out "Usage: psoas log"
run routine show stretch --help
expect_rc 0
expect_out "Usage: psoas routine show"
run report --since week --help
expect_rc 0
expect_out "Usage: psoas report"
run log list -n 3 --where groin --help
expect_rc 0
expect_out "Usage: psoas log list"

# A config.toml with problems and a bad command line (issue 18 item 5). The decision: the
# error is always the last line on stderr, so a script (or a person) reading the end sees
# why the command failed. The config's warnings come before it, each once, and only from a
# command that got as far as reading the config: a command line the parser refuses is
# refused before anything is read, with its one line alone. A command that fails on the
# config itself (remind install, which rewrites config.toml) says so once, as the error.
CONFIG="$XDG_CONFIG_HOME/psoas/config.toml"
mkdir -p "$(dirname "$CONFIG")"
printf 'bell = "no"\nemergency_numbr = "999"\n' >"$CONFIG"
W1="psoas: warning: config: $CONFIG:1:8: bell: expected true or false, got \"no\"; using true"
W2="psoas: warning: config: $CONFIG:2:1: emergency_numbr: unknown key; ignored (did you mean emergency_number? it keeps its default \"112\")"
before=$(sha256sum <"$JOURNAL")

run log list --since bogus
expect_rc 2
CHECKS=$((CHECKS + 1))
[ "$ERR" == "$W1"$'\n'"$W2"$'\n'"psoas: --since: cannot read 'bogus' as a date or time (try 2026-11-20, yesterday 21:00, -3d or mon)" ] ||
  fail "not the two warnings, then the error last"

run report --range bogus
expect_rc 2
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$ERR" | tail -n 1)" == "psoas: --range: cannot read 'bogus' as a range of days (try today, week, last-week, month, 7d, 2026-11-20, 2026-11 or 2026-W47)" ] ||
  fail "the error is not the last line"
check "each warning once" test "$(printf '%s\n' "$ERR" | grep -c 'warning: config')" -eq 2

run report --weeks 0
expect_rc 2
expect_one_line_error
expect_err "psoas: --weeks: expected a whole number from 1 to 520, not '0'"

run timer 5x
expect_rc 2
CHECKS=$((CHECKS + 1))
[ "$ERR" == "psoas: timer: cannot read '5x' as a duration (e.g. 45s, 2m or 1h30m)" ] || fail "not the one error line"

run remind install --dry-run --every 30m
expect_rc 2
CHECKS=$((CHECKS + 1))
[ "$ERR" == "psoas: config: $CONFIG:1:8: bell: expected true or false, got \"no\" (install writes its settings to config.toml: fix that line first)" ] ||
  fail "not the config's one error line"
check "config.toml unchanged" test "$(cat "$CONFIG")" == $'bell = "no"\nemergency_numbr = "999"'
check "journal unchanged" test "$(sha256sum <"$JOURNAL")" == "$before"
