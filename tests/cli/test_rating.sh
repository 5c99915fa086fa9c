# Pain before and after a session, not on a terminal: --pain-before and --pain-after store
# ordinary entries linked to the session; nothing is asked without a terminal; bad values
# exit 2 and store nothing; `log list` names the session a rating belongs to; removing a
# rating keeps the session; export -> import into a fresh journal keeps the links exactly.
# (The questions on a terminal: test_rating_tty.sh. The on-log hook: test_hooks.sh.)
source "$(dirname "$0")/lib.sh"

export PSOAS_TIME_SCALE=0.01
db() { sqlite3 -separator '|' "${2:-$JOURNAL}" "$1" 2>/dev/null; }
CONFIG="$XDG_CONFIG_HOME/psoas/config.toml"
mkdir -p "$XDG_CONFIG_HOME/psoas"

# --- bad input first: exit 2, one line, not even a journal file -------------------------
bad() {
  run "$@"
  expect_rc 2
  expect_one_line_error
  check "nothing stored after: psoas $*" test ! -e "$JOURNAL"
}
bad timer 2s --pain-before 11
expect_err "psoas: --pain-before: expected a whole number from 0 to 10, got '11'"
bad timer 2s --pain-after x
expect_err "psoas: --pain-after: expected a whole number from 0 to 10, got 'x'"
bad timer 2s --pain-before -1
expect_err "--pain-before"
bad timer 2s --pain-before 4.5
expect_err "got '4.5'"
bad timer 2s --pain-after ""
expect_err "got ''"
bad routine run desk-break --pain-after 12
expect_err "psoas: --pain-after: expected a whole number from 0 to 10, got '12'"
bad timer --every 55m --pain-before 3
expect_err "psoas: --pain-before: goes with a countdown or a routine, not with --every"
bad timer --every 55m --no-ask
expect_err "psoas: --no-ask: goes with a countdown or a routine, not with --every"
bad timer --status --pain-after 3
expect_err "psoas: --status:"

# --- without a terminal nothing is asked, and no rating is stored without the flags -------
run timer 2s
expect_rc 0; expect_no_out "Pain now"
check "a session, no rating" test "$(db "SELECT (SELECT count(*) FROM session) || ' ' || (SELECT count(*) FROM entry)")" == "1 0"

# --- the flags: two ordinary entries linked to the session --------------------------------
run timer 2s --label "Wall sit" --pain-before 6 --pain-after 4
expect_rc 0; expect_empty_err
expect_out "done  Wall sit: 1 of 1 phases"
UUID=$(db "SELECT uuid FROM session WHERE routine = 'Wall sit'")
check "the session has a uuid" test -n "$UUID"
check "before 6 and after 4 link to it" test "$(db "SELECT group_concat(session_role || '=' || pain, ' ') FROM (SELECT * FROM entry WHERE session = '$UUID' ORDER BY id)")" == "before=6 after=4"
check "before is at or before the start, after at or after the end" \
  test "$(db "SELECT count(*) FROM entry e JOIN session s ON e.session = s.uuid WHERE (e.session_role = 'before' AND e.at <= s.start) OR (e.session_role = 'after' AND e.at >= s.\"end\")")" == 2
run log list
expect_rc 0
check "log list names the session: $OUT" grep -qE '^ +1  [0-9-]+ [0-9:]+  pain  6  before timer "Wall sit"$' <<<"$OUT"
check "and the rating after" grep -qE '^ +2  [0-9-]+ [0-9:]+  pain  4  after timer "Wall sit"$' <<<"$OUT"
run log list --json
expect_out "\"session\":\"$UUID\",\"session_role\":\"before\""
expect_out "\"session\":\"$UUID\",\"session_role\":\"after\""

run routine run desk-break --pain-before 3 --pain-after 2
expect_rc 0
RUUID=$(db "SELECT uuid FROM session WHERE kind = 'routine' ORDER BY id DESC LIMIT 1")
check "the routine's ratings link to it" test "$(db "SELECT group_concat(session_role || '=' || pain, ' ') FROM (SELECT * FROM entry WHERE session = '$RUUID' ORDER BY id)")" == "before=3 after=2"
run log list
expect_out "pain  3  before desk-break"
expect_out "pain  2  after desk-break"
# Only one of the two; --no-ask changes nothing here.
run timer 2s --pain-after 0 --no-ask
expect_rc 0
check "only the rating after" test "$(db "SELECT session_role || '=' || pain FROM entry ORDER BY id DESC LIMIT 1")" == "after=0"
check "5 ratings in all" test "$(db "SELECT count(*) FROM entry WHERE session IS NOT NULL")" == 5

# --- a rating stopped by SIGTERM: the session is stored as stopped, --pain-after too ------
"$PSOAS" timer 1h --label "Long hold" --pain-before 5 --pain-after 5 >"$T/out" 2>"$T/err" </dev/null &
PID=$!
# Wait until the run has begun (its handlers are set then): up to 60 s on a loaded machine.
for _ in $(seq 1200); do grep -q "hold" "$T/out" 2>/dev/null && break; sleep 0.05; done
check "the run began before the signal" grep -q "hold" "$T/out"
kill -TERM "$PID"; wait "$PID"; RC=$?
CURRENT="SIGTERM with both flags"
expect_rc 143
LUUID=$(db "SELECT uuid FROM session WHERE routine = 'Long hold' AND outcome = 'stopped'")
check "stored as stopped" test -n "$LUUID"
check "both ratings kept" test "$(db "SELECT count(*) FROM entry WHERE session = '$LUUID'")" == 2

# --- removing a rating keeps its session --------------------------------------------------
SESSIONS=$(db "SELECT count(*) FROM session")
run log rm 1 --yes
expect_rc 0; expect_out "removed 1"
check "the session is still there" test "$(db "SELECT count(*) FROM session WHERE uuid = '$UUID'")" == 1
check "no session removed" test "$(db "SELECT count(*) FROM session")" == "$SESSIONS"
run log list
expect_no_out "before timer \"Wall sit\""
expect_out "after timer \"Wall sit\""

# --- export -> import into a fresh journal keeps the links exactly ------------------------
# An ordinary entry among them, so both kinds go through.
"$PSOAS" log 5 --where "left groin" --note "plain one" >/dev/null
for fmt in csv json jsonl; do
  FRESH="$T/fresh-$fmt.db"
  run log export --format "$fmt"
  expect_rc 0
  printf '%s\n' "$OUT" >"$T/export.$fmt"
  BEFORE=$OUT
  run --journal "$FRESH" log import "$T/export.$fmt"
  expect_rc 0; expect_out "imported 7"
  run --journal "$FRESH" log export --format "$fmt"
  CURRENT="export -> import -> export ($fmt)"
  check "the same $fmt export from the fresh journal" test "$OUT" == "$BEFORE"
  check "$fmt keeps the links" test "$(db "SELECT group_concat(uuid || session || session_role, ',') FROM (SELECT * FROM entry WHERE session IS NOT NULL ORDER BY uuid)" "$FRESH")" == \
    "$(db "SELECT group_concat(uuid || session || session_role, ',') FROM (SELECT * FROM entry WHERE session IS NOT NULL ORDER BY uuid)")"
done
run log export
expect_out ",$RUUID,before"
# In a journal without the sessions, a rating says which role it had.
run --journal "$T/fresh-csv.db" log list
expect_out "pain  3  before a session"

# --- ask_pain in config.toml: a bad value is one warning and the default ------------------
printf 'ask_pain = "sometimes"\n' >"$CONFIG"
run timer 2s --pain-before 1
expect_rc 0
expect_err 'psoas: warning: config: '
expect_err 'config.toml:1:12: ask_pain: expected true or false, got "sometimes"; using true'
check "one warning line" test "$(wc -l <"$T/err")" -eq 1
check "the run and its rating are stored" test "$(db "SELECT pain FROM entry ORDER BY id DESC LIMIT 1")" == 1
printf 'ask_pain = false\n' >"$CONFIG"
run timer 2s --pain-before 2
expect_rc 0; expect_empty_err
check "the flags count with ask_pain = false" test "$(db "SELECT pain FROM entry ORDER BY id DESC LIMIT 1")" == 2
rm "$CONFIG"
