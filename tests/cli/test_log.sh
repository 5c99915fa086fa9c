# psoas log: add, list, edit, rm, export/import round trips, and the bad-input catalogue
# (each: exit status, one line on stderr, the journal unchanged).
source "$(dirname "$0")/lib.sh"

# A checksum of the journal's content (or "none" when there is no journal).
digest() { if [ -e "$JOURNAL" ]; then sqlite3 "$JOURNAL" .dump | sha256sum; else echo none; fi; }
expect_unchanged() { CHECKS=$((CHECKS + 1)); [ "$(digest)" == "$BEFORE" ] || fail "the journal changed"; }
# bad_input RC ERR ARGS...: runs psoas, expects RC, one error line containing ERR, no change.
bad_input() {
  local rc=$1 err=$2; shift 2
  BEFORE=$(digest)
  run "$@"
  expect_rc "$rc"; expect_one_line_error; expect_err "$err"; expect_unchanged
}

# --- a first entry creates a private journal
bad_input 2 "pain must be a whole number from 0 to 10, not '11'" log 11
check "no journal after bad input" test ! -e "$JOURNAL"
run log 3 --trigger sitting
expect_rc 0; expect_out_eq "1"; expect_err "psoas: created a new journal at $JOURNAL"
expect_file_mode "$JOURNAL" 600
expect_file_mode "$(dirname "$JOURNAL")" 700
# SQLite's two files stay beside it between commands (not made again by each), 0600, and
# the -wal holds nothing once the command has ended (checkpointed into the journal).
for f in "$JOURNAL-wal" "$JOURNAL-shm"; do check "$f is there" test -e "$f"; expect_file_mode "$f" 600; done
check "the -wal is empty after the command" test ! -s "$JOURNAL-wal"
check "WAL mode" test "$(sqlite3 "$JOURNAL" 'PRAGMA journal_mode')" == wal

run log 6 --at "2026-01-10T21:00" --where "left groin=6" --where "lower back" --trigger "Poor Sleep" \
  --helped heat,stretch --note 'long drive, "ouch"' --enjoyment 5 --activity 7
expect_rc 0; expect_out_eq "2"
run log 2 --at 2026-01-12T08:30 --where "right front of hip" --trigger "my own, words"
expect_rc 0; expect_out_eq "3"

run log list
expect_rc 0
expect_out "   2  2026-01-10 21:00  pain  6  PEG 6.0  where: left groin=6, lower-back  triggers: poor-sleep  helped: heat, stretch  note: long drive, \"ouch\""
expect_out "   3  2026-01-12 08:30  pain  2  where: right front-of-hip  triggers: my own"
run log list --since 2026-01-11 --until 2026-01-12
expect_rc 0; expect_out "   3  2026-01-12"; expect_no_out "2026-01-10"
run log list --until 2026-01-11
expect_rc 0; expect_out "2026-01-10"; expect_no_out "2026-01-12"
run log list --limit 1 --json
expect_rc 0; expect_no_out '"id":2,'; expect_out '"id":1,'; expect_out '"triggers":["sitting"]'
run log list --since 2030-01-01 --until 2030-01-02
expect_rc 0; expect_out_eq "No entries."
# Issue 18: each option belongs to its command; list and export select the same way.
run log list -n 1
expect_rc 0; expect_out "   1  "; expect_no_out "2026-01-1"
run log list --where groin
expect_rc 0; expect_out "   2  2026-01-10 21:00"; expect_no_out "   3  "; expect_no_out "   1  "
run log list --where "right groin"
expect_rc 0; expect_out_eq "No entries."
run log list --trigger sitting
expect_rc 0; expect_out "   1  "; expect_no_out "   2  "
run log list --helped heat
expect_rc 0; expect_out "   2  "; expect_no_out "   1  "; expect_no_out "   3  "
run log list --where groin,hip -n 1
expect_rc 0; expect_out "   3  "; expect_no_out "   2  "
run log list --range 2026-01
expect_rc 0; expect_out "   2  "; expect_out "   3  "; expect_no_out "   1  "
run log export --trigger sitting
expect_rc 0; expect_out "sitting"; expect_no_out "poor-sleep"
check "export --trigger: a header and one entry" test "$(printf '%s\n' "$OUT" | wc -l)" == 2
run log export --json --since 2026-01-11 -n 5
expect_rc 0; expect_out '"pain":2'; expect_no_out '"pain":6'; expect_no_out 'uuid,at'
check "export --json is a JSON array" test "${OUT:0:1}" == "["

# --- edit and rm
run log edit 2 --pain 4 --helped ''
expect_rc 0; expect_out_eq "updated 2"
run log list --json --since 2026-01-10 --until 2026-01-10
expect_out '"pain":4'; expect_out '"helped":[]'; expect_out '"note":"long drive, \"ouch\""'; expect_out '"triggers":["poor-sleep"]'
UUID=$(sqlite3 "$JOURNAL" "SELECT uuid FROM entry WHERE id = 3")
run log edit "${UUID:0:8}" --where thigh=2
expect_rc 0; expect_out_eq "updated 3"
bad_input 2 "not removing without confirmation" log rm 3
run log rm 3 --yes
expect_rc 0; expect_out_eq "removed 3 (psoas undo puts it back)"
check "two entries left" test "$(sqlite3 "$JOURNAL" 'SELECT count(*) FROM entry')" == 2
run log 5 --at 2026-01-13T07:00 --where "both legs" --trigger 'semi;colon\back'
expect_rc 0

# --- the bad-input catalogue
bad_input 2 "pain must be a whole number from 0 to 10, not '-1'" log -1
bad_input 2 "not 'x'" log x
bad_input 2 "not '3.5'" log 3.5
bad_input 2 "give a pain rating" log
bad_input 2 "psoas: --at: cannot read 'someday'" log 3 --at someday
bad_input 2 "psoas: --at: '2099-01-01' is more than a day in the future" log 3 --at 2099-01-01
bad_input 2 "did you mean 'groin'?" log 3 --where grion
bad_input 2 "unknown area 'elbow'" log 3 --where elbow
bad_input 2 "--enjoyment must be a whole number from 0 to 10" log 3 --enjoyment 12
bad_input 1 "psoas: log: no entry '99'" log edit 99 --pain 3
bad_input 1 "psoas: log: no entry '99'" log rm 99 --yes
bad_input 2 "nothing to change" log edit 1
bad_input 2 "cannot read 'bogus'" log list --since bogus
bad_input 2 "psoas: --format: expected csv, json or jsonl, not 'xml'" log export --format xml
bad_input 1 "psoas: import: cannot read $T/missing.csv" log import "$T/missing.csv"
printf 'uuid,at,pain\n,2026-01-01T10:00:00Z,4\n,2026-01-01T11:00:00Z,eleven\n' >"$T/bad.csv"
bad_input 1 "psoas: import: $T/bad.csv:3: pain must be a whole number, not 'eleven'" log import "$T/bad.csv"
printf '{"at":"2026-01-01T10:00:00Z","pain":4}\n{"at":"2026-01-01T10:00:00Z","pain":4\n' >"$T/bad.jsonl"
bad_input 1 "psoas: import: $T/bad.jsonl:2: unexpected end of JSON" log import "$T/bad.jsonl"
printf '[{"at":"2099-01-01T10:00:00Z","pain":4}]' >"$T/future.json"
bad_input 1 "future.json:1: the time is more than a day in the future" log import "$T/future.json"
mkdir -p "$T/ro"; echo "not a dir" >"$T/ro/file"
bad_input 1 "psoas: " --journal "$T/ro/file/journal.db" log 3
check "nothing created under a file" test ! -e "$T/ro/file/journal.db"
head -c 3000 /dev/urandom >"$T/random.db"; SUM=$(sha256sum <"$T/random.db")
bad_input 1 "psoas: journal: $T/random.db is not a psoas journal (file is not a database)" --journal "$T/random.db" log 3
check "random file untouched" test "$(sha256sum <"$T/random.db")" == "$SUM"
check "no -wal beside it" test ! -e "$T/random.db-wal"
sqlite3 "$T/other.db" "CREATE TABLE songs (t TEXT); INSERT INTO songs VALUES ('x');"; SUM=$(sha256sum <"$T/other.db")
bad_input 1 "is not a psoas journal (it holds other tables)" --journal "$T/other.db" log list
check "other database untouched" test "$(sha256sum <"$T/other.db")" == "$SUM"

# --- export -> import into a fresh journal -> export again: byte-identical
for fmt in csv json jsonl; do
  run log export --format "$fmt"
  expect_rc 0
  printf '%s\n' "$OUT" >"$T/export.$fmt"
  run --journal "$T/fresh-$fmt.db" log import "$T/export.$fmt"
  expect_rc 0; expect_out_eq "imported 3, skipped 0 already present"
  run --journal "$T/fresh-$fmt.db" log export --format "$fmt"
  check "$fmt round trip is byte-identical" cmp -s "$T/export.$fmt" <(printf '%s\n' "$OUT")
  run --journal "$T/fresh-$fmt.db" log import "$T/export.$fmt"
  expect_rc 0; expect_out_eq "imported 0, skipped 3 already present"
done
check "csv note quoted" grep -q '"long drive, ""ouch"""' "$T/export.csv"
check "csv list escapes" grep -q 'semi\\;colon\\\\back' "$T/export.csv"
run_stdin "$(cat "$T/export.jsonl")" --journal "$T/stdin.db" log import -
expect_rc 0; expect_out_eq "imported 3, skipped 0 already present"
run --journal "$T/empty.db" log export --format json
expect_rc 0; expect_out_eq "[]"
check "export of a missing journal creates nothing" test ! -e "$T/empty.db"

# --- a journal from a newer psoas is read-only
cp "$JOURNAL" "$T/newer.db"; sqlite3 "$T/newer.db" "PRAGMA user_version = 9"
run --journal "$T/newer.db" log list
expect_rc 0; expect_err "journal $T/newer.db was written by a newer psoas (schema 9); opened read-only"
expect_out "2026-01-10 21:00"
run --journal "$T/newer.db" log 3
expect_rc 1; expect_err "is open read-only; nothing was written"

# A hand-made file without uuids: importing it twice adds its entries once.
printf 'at,pain,note\n2025-06-01T08:00:00Z,4,by hand\n2025-06-02T08:00:00Z,5,\n' >"$T/by-hand.csv"
run log import "$T/by-hand.csv"
expect_rc 0
expect_out "imported 2, skipped 0 already present"
run log import "$T/by-hand.csv"
expect_rc 0
expect_out "imported 0, skipped 2 already present"

# --- --since and --until use config.toml's day_starts_at and week_start, as the report does
CAL="$T/calendar.db"
for at in "2026-01-11T02:00" "2026-01-11T05:00" "2026-01-12T03:59"; do "$PSOAS" --journal "$CAL" log 2 --at "$at" >/dev/null; done
mkdir -p "$XDG_CONFIG_HOME/psoas"
printf 'day_starts_at = "04:00"\nweek_start = "sunday"\n' >"$XDG_CONFIG_HOME/psoas/config.toml"
run --journal "$CAL" log list --since 2026-01-11 --until 2026-01-11
expect_rc 0; expect_no_out "2026-01-11 02:00"; expect_out "2026-01-11 05:00"; expect_out "2026-01-12 03:59"
run --journal "$CAL" log list --until 2026-01-10
expect_rc 0; expect_out "2026-01-11 02:00"; expect_no_out "2026-01-11 05:00"
# A weekday name is that day as the report sees it: from 04:00, not midnight.
D2=$(date -d '2 days ago' +%F); WD=$(date -d '2 days ago' +%a | tr '[:upper:]' '[:lower:]')
for at in "${D2}T02:00" "${D2}T05:00"; do "$PSOAS" --journal "$CAL" log 2 --at "$at" >/dev/null; done
run --journal "$CAL" log list --since "$WD"
expect_rc 0; expect_no_out "$D2 02:00"; expect_out "$D2 05:00"
run --journal "$CAL" log list --until "$WD" --since 2026-01-12
expect_rc 0; expect_out "$D2 02:00"; expect_out "$D2 05:00"
run --journal "$CAL" log list --since "$WD 03:00"
expect_rc 0; expect_no_out "$D2 02:00"; expect_out "$D2 05:00"
run --journal "$CAL" log list --since "$WD 01:00"
expect_rc 0; expect_out "$D2 02:00"
if [ "$(date +%u)" != 7 ]; then  # on a Sunday both kinds of week hold last Sunday
  "$PSOAS" --journal "$CAL" log 3 --at "sun 12:00" --note "last sunday" >/dev/null
  run --journal "$CAL" log list --since week
  expect_rc 0; expect_out "last sunday"
  printf 'week_start = "monday"\n' >"$XDG_CONFIG_HOME/psoas/config.toml"
  run --journal "$CAL" log list --since week
  expect_rc 0; expect_no_out "last sunday"
fi
printf 'week_start = "friday"\n' >"$XDG_CONFIG_HOME/psoas/config.toml"
run --journal "$CAL" log list --since 2026-01-11
expect_rc 0; expect_err "psoas: warning: config:"; expect_out "2026-01-11 02:00"
rm "$XDG_CONFIG_HOME/psoas/config.toml"
# `log PAIN --json`: the new entry as JSON (stdout), not only its id.
run --journal "$CAL" log 4 --at 2026-01-14T07:00 --trigger sitting --json
expect_rc 0; expect_out '"pain":4'; expect_out '"triggers":["sitting"]'; expect_out '"id":'
check "log --json is one JSON object" test "${OUT:0:1}${OUT: -1}" == "{}"
# `log import` reads a time without an offset in the local zone, as --at does (issue 18).
printf 'at,pain\n2026-01-15T10:00,5\n' >"$T/local.csv"
run --journal "$CAL" log import "$T/local.csv"
expect_rc 0; expect_out "imported 1"
run --journal "$CAL" log list --since 2026-01-15 --until 2026-01-15
expect_rc 0; expect_out "2026-01-15 10:00  pain  5"
