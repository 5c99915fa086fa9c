# The bad-input catalogue (issue 8): one table of bad invocations across every subcommand,
# global options and config.toml. For each row: the exit status (2 for a usage error: a bad
# flag, value, name or setting; 1 for data that cannot be used: a file, an entry, an output;
# see psoas(1) EXIT STATUS), exactly one 'psoas: ...' line on stderr that contains the
# row's text, no stack trace or sanitizer report, no control characters on stderr, and the
# journal's bytes unchanged (sha256sum). The subcommands' own tests check more of each.
#
# A sanitized build takes ~0.6 s a process, so there only every second row runs (the
# test stays under a minute); PSOAS_BAD_INPUT_ALL=1 runs them all. A release build runs all.
source "$(dirname "$0")/lib.sh"
sanitized() {
  ldd "$PSOAS" 2>/dev/null | grep -q -e libasan -e libubsan ||
    grep -qs '^PSOAS_SANITIZE:BOOL=ON' "${PSOAS_BUILD_DIR:-/nonexistent}/CMakeCache.txt"
}
STEP=1
[ -z "${PSOAS_BAD_INPUT_ALL:-}" ] && sanitized && STEP=2
export PSOAS_TIME_SCALE=0.01
CONFIG="$XDG_CONFIG_HOME/psoas/config.toml"

# A journal with entries, a session and a triage, so ids exist and reads have data.
run log 3 --where "left groin" --trigger sitting --at 2026-11-01T10:00
run log 5 --at 2026-11-02T10:00
run timer 1s
run triage --yes urine-retention
check "the journal has 2 entries, 1 session, 1 triage" test "$(sqlite3 "$JOURNAL" \
  'SELECT (SELECT count(*) FROM entry) || (SELECT count(*) FROM session) || (SELECT count(*) FROM triage)')" == 211

# Fixture files the rows name.
mkdir -p "$T/adir" "$(dirname "$CONFIG")"
echo '{"fever": "maybe"}' >"$T/maybe.json"
echo '{"fever": ' >"$T/short.json"
echo '{"nosuch": "yes"}' >"$T/unknown.json"
printf 'a,b,c\n1,2,3\n' >"$T/columns.csv"
printf 'uuid,at,pain\nnot-a-uuid,2026-01-01T10:00:00Z,4\n' >"$T/uuid.csv"
printf 'uuid,at,pain\n,2026-01-01T10:00:00Z,4\n,2026-01-01T11:00:00Z,4,extra\n' >"$T/fields.csv"
printf 'uuid,at,pain\n,2026-01-01T10:00:00Z,\033[2J\n' >"$T/escape.csv"
printf 'uuid,at,pain\n,2026-01-01T10:00:00Z,4\n,2099-01-01T10:00:00Z,4\n' >"$T/future.csv"
printf '[{"at":"2026-01-01T10:00:00Z","pain":4,"bogus":1}]' >"$T/field.json"
printf '{"at":"2026-01-01T10:00:00Z","pain":4}' >"$T/object.json"
printf '[{"at":"2026-01-01T10:00:00Z","pain":4},\n{"at":"2026-01-01T11:00:00Z","pain":4}\n' >"$T/truncated.json"

# cfg TOML: config.toml holds TOML for this row (each row starts without one).
cfg() { printf '%s\n' "$1" >"$CONFIG"; }

# rc | stderr contains | setup (shell; - for none) | psoas arguments (shell words)
TABLE=$(cat <<'EOF'
2 | psoas: unknown option '--bogus' (see 'psoas --help') | - | --bogus
2 | psoas: unknown command 'frobnicate' (see 'psoas --help' for the commands) | - | frobnicate
2 | psoas: unknown command 'add' (did you mean 'log'?) | - | add 4
2 | psoas: unknown command 'rport' (did you mean 'report'?) | - | rport
2 | psoas: --journal: needs a PATH (see 'psoas --help') | - | --journal
2 | psoas: --content: needs a DIR (see 'psoas --help') | - | --content
2 | psoas: unexpected argument 'extra' (see 'psoas --help') | - | --paths extra
2 | psoas: --content: no directory '$T/nowhere' (see 'psoas --help') | - | --content "$T/nowhere" routine list
2 | --journal: must not be empty | - | --journal '' log list
2 | --output: must not be empty | - | report --output ''
2 | triage: no question 'nosuch' | - | triage --yes nosuch
2 | triage: no question 'bogus' | - | triage --unsure bogus
2 | 'fever' is given two different answers | - | triage --yes fever --no fever
2 | missing answers (37 of 37) | - | triage
2 | missing answers (36 of 37) | - | triage --no urine-retention
1 | cannot read the answers file | - | triage --answers "$T/none.json"
1 | 'fever': expected "yes", "no", "unsure", true or false | - | triage --answers "$T/maybe.json"
1 | the file ends early | - | triage --answers "$T/short.json"
2 | triage: no question 'nosuch' | - | triage --answers "$T/unknown.json"
1 | $T/adir | - | triage --answers "$T/adir"
2 | psoas: routine show: give a ROUTINE (see 'psoas routine show --help') | - | routine show
2 | routine: no routine 'nosuch' | - | routine show nosuch
2 | did you mean 'morning'? | - | routine show mornin
2 | psoas: routine list: give --json or --names, not both | - | routine list --json --names
2 | psoas: routine list: give --json or --ids, not both | - | routine list --json --ids
2 | psoas: routine check: give a FILE (see 'psoas routine check --help') | - | routine check
2 | no such file '$T/none.toml' | - | routine check "$T/none.toml"
2 | is a directory (give the *.toml files in it) | - | routine check "$T/adir"
2 | psoas: routine run: give a ROUTINE (see 'psoas routine run --help') | - | routine run
2 | psoas: routine: unknown command 'bogus' (see 'psoas routine --help') | - | routine bogus
2 | needs a terminal | - | routine run morning --wait
2 | cannot read '5x' as a duration | - | timer 5x
2 | the longest is 8784h | - | timer 99999h
2 | longer than zero | - | timer 0s
2 | psoas: --reps: expected a whole number from 1 to 1000, not '1001' (see 'psoas timer --help') | - | timer 10s --reps 1001
2 | psoas: --label: needs a TEXT (see 'psoas timer --help') | - | timer 10s --label
2 | psoas: timer: unexpected argument '20s' (see 'psoas timer --help') | - | timer 10s 20s
2 | give a DURATION or --every, not both | - | timer 10s --every 5m --for 1h
2 | --rest: cannot read '-1s' | - | timer 10s --rest -1s
2 | --for: cannot read '0s' | - | timer --every 55m --for 0s
2 | --label are for a countdown, not for reminders | - | timer --every 55m --label standing
2 | PSOAS_TIME_SCALE | export PSOAS_TIME_SCALE=-1 | timer 10s
2 | --json: only goes with --status | - | timer 10s --json
2 | --status: shows a timer that already runs | - | timer --status 10s
2 | unknown area 'left' (did you mean 'leg'?) | - | log 3 --where left
2 | location pain must be from 0 to 10, not 11 | - | log 3 --where groin=11
2 | pain must be a whole number from 0 to 10, not '11' | - | log 11
2 | --activity must be a whole number from 0 to 10, not '-1' | - | log 3 --activity -1
2 | there is no hour 25 | - | log 3 --at "yesterday 25:00"
2 | 2026-02 has no day 30 | - | log 3 --at 2026-02-30T10:00
2 | the date is out of range | - | log 3 --at 1800-01-01T00:00
2 | psoas: log: unexpected argument '4' (see 'psoas log --help') | - | log 3 4
2 | --limit: expected a whole number of 1 or more, not 'x' | - | log list --limit x
2 | psoas: --limit: expected a whole number of 1 or more, not '-3' (see 'psoas log list --help') | - | log list --limit -3
2 | psoas: log list: unexpected argument 'extra' (see 'psoas log list --help') | - | log list extra
2 | psoas: log list: unknown option '--note' (see 'psoas log list --help') | - | log list -n 3 --note x
2 | psoas: log list: unknown option '--wher' (did you mean '--where'?) | - | log list --wher groin
2 | psoas: log list: unknown option '-x' (see 'psoas log list --help') | - | log list -x
2 | psoas: --where: unknown area 'knee' | - | log list --where knee
2 | psoas: --range: | - | log list --range bogus
2 | psoas: log list: give --since or --range, not both (see 'psoas log list --help') | - | log list --range week --since mon
2 | psoas: log: unknown command 'lst' (did you mean 'list'?) | - | log lst
2 | psoas: log: unknown command 'ls' (did you mean 'list'?) | - | log ls
2 | psoas: log: unknown command 'delete' (did you mean 'rm'?) | - | log delete 3
2 | psoas: log: unknown command 'remove' (did you mean 'rm'?) | - | log remove 3
2 | psoas: routine: unknown command 'shwo' (did you mean 'show'?) | - | routine shwo stretch
2 | psoas: log: unknown option '--bogus' (see 'psoas log --help') | - | log 2 --json --bogus
2 | psoas: log edit: unknown option '--limit' (see 'psoas log edit --help') | - | log edit 1 --limit 3
2 | --until is before --since | - | log list --since 2026-12-01 --until 2026-11-01
2 | psoas: log edit: give an ID (see 'psoas log edit --help') | - | log edit
2 | --enjoyment must be a whole number from 0 to 10, not '11' | - | log edit 1 --enjoyment 11
2 | unknown area 'nowhere' | - | log edit 1 --where nowhere
1 | no entry 'zzzz' | - | log edit zzzz --pain 1
2 | psoas: log rm: give an ID (see 'psoas log rm --help') | - | log rm
1 | no entry '0' | - | log rm 0 --yes
2 | psoas: log export: unexpected argument 'extra' (see 'psoas log export --help') | - | log export extra
2 | psoas: log export: give --format or --json, not both (see 'psoas log export --help') | - | log export --json --format csv
2 | psoas: --where: unknown area 'knee' | - | log export --where knee
2 | psoas: --format: expected csv, json or jsonl, not 'xml' (see 'psoas log export --help') | - | log export --format xml
2 | psoas: log import: give a FILE or - (see 'psoas log import --help') | - | log import
2 | psoas: --format: expected csv, json or jsonl, not 'xml' (see 'psoas log import --help') | - | log import "$T/uuid.csv" --format xml
1 | cannot read $T/none.csv | - | log import "$T/none.csv"
1 | is a directory | - | log import "$T/adir"
1 | columns.csv:1: unknown column 'a' in the header | - | log import "$T/columns.csv"
1 | uuid.csv:2: 'not-a-uuid' is not a uuid | - | log import "$T/uuid.csv"
1 | fields.csv:3: expected 3 fields, found 4 | - | log import "$T/fields.csv"
1 | future.csv:3: the time is more than a day in the future | - | log import "$T/future.csv"
1 | escape.csv:2: pain must be a whole number | - | log import "$T/escape.csv"
1 | field.json:1: unknown field 'bogus' | - | log import "$T/field.json"
1 | object.json:1: expected '[' | - | log import "$T/object.json"
1 | truncated.json:3: | - | log import "$T/truncated.json"
1 | stray '"' | - | log import "$T/object.json" --format csv
2 | psoas: report: give --week or --month, not both (see 'psoas report --help') | - | report --week --month
2 | psoas: --weeks: expected a whole number from 1 to 520, not '0' (see 'psoas report --help') | - | report --weeks 0
2 | there is no month 13 | - | report --from 2026-13-01
2 | there is no month 13 | - | report --since 2026-13-01
2 | is after the end | - | report --from 2026-11-10 --to 2026-11-01
2 | cannot read 'bogus' as a range of days | - | report --range bogus
2 | 2026 has ISO weeks 01 to 53 | - | report --range 2026-W60
2 | psoas: --format: expected text, markdown, md, json, csv or html, not 'pdf' (see 'psoas report --help') | - | report --format pdf
2 | psoas: report: give --format or --json, not both (see 'psoas report --help') | - | report --json --format csv
1 | cannot write in $T/none | - | report --output "$T/none/report.txt"
1 | Is a directory | - | report --output "$T/adir"
EOF
)

no_trace() {
  ! grep -q -e 'terminate called' -e 'what():' -e 'Sanitizer' -e 'runtime error:' -e 'Aborted' \
    -e 'core dumped' -e '^    #[0-9]' "$T/err"
}
# Only printable text (and UTF-8) on stderr: a message never echoes a control character.
no_controls() { [ -z "$(tr -d '\n' <"$T/err" | LC_ALL=C tr -d '[:print:]\200-\377')" ]; }

rows=0 ran=0
while IFS='|' read -r rc text setup args; do
  rc=${rc// /}; text=${text# }; text=${text% }; setup=${setup# }; setup=${setup% }
  [ -n "$rc" ] || continue
  rows=$((rows + 1))
  [ $((rows % STEP)) -eq 0 ] || continue
  ran=$((ran + 1))
  rm -rf "$CONFIG"; export PSOAS_TIME_SCALE=0.01
  [ "$setup" == - ] || eval "$setup"
  eval "set -- $args"
  text=${text//\$CONFIG/$CONFIG}; text=${text//\$T/$T}
  before=$(sha256sum <"$JOURNAL")
  run "$@"
  expect_rc "$rc"
  expect_one_line_error
  expect_err "$text"
  check "no stack trace or sanitizer report" no_trace
  check "no control characters on stderr" no_controls
  check "journal unchanged" test "$(sha256sum <"$JOURNAL")" == "$before"
  check "no -wal left behind" test ! -s "$JOURNAL-wal"
done <<<"$TABLE"
rm -rf "$CONFIG"
CURRENT="the catalogue"
check "at least 50 rows ($rows)" test "$rows" -ge 50
echo "$ran of $rows bad invocations run"
