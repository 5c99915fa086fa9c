# psoas timer --status: nothing and exit 1 when no timer runs; one line (or JSON) while a
# plain-mode timer runs in the background; the status file is gone on every way out.
source "$(dirname "$0")/lib.sh"

STATUS="$XDG_RUNTIME_DIR/psoas/timer.json"

run timer --status
expect_rc 1; expect_out_eq ""; expect_empty_err
run timer --status --json
expect_rc 1; expect_out_eq ""

# wait_for_status: polls (up to 10 s) until the background timer has published.
wait_for_status() {
  local i
  for i in $(seq 100); do [ -e "$STATUS" ] && return 0; sleep 0.1; done
  return 1
}

# A 200 s hold at PSOAS_TIME_SCALE=0.05 takes 10 s of real time.
PSOAS_TIME_SCALE=0.05 "$PSOAS" timer 200s --label "Couch stretch" >"$T/timer.out" 2>&1 </dev/null &
PID=$!
check "the running timer publishes its status" wait_for_status
expect_file_mode "$STATUS" 600
expect_file_mode "$XDG_RUNTIME_DIR/psoas" 700
run timer --status
expect_rc 0
check "one line: phase, time left, title ($OUT)" eval '[[ "$OUT" =~ ^hold\ [0-9]{2}:[0-9]{2}\ Couch\ stretch$ ]]'
run timer --status --json
expect_rc 0
expect_out '"pid":'"$PID"',"command":"timer","name":"Couch stretch","phase":"hold","title":"Couch stretch","paused":false'
expect_out '"remaining":'
kill -TERM "$PID"; wait "$PID"; RC=$?
CURRENT="SIGTERM"; expect_rc 143
check "the file is removed on SIGTERM" test ! -e "$STATUS"
run timer --status
expect_rc 1; expect_out_eq ""

# Ctrl-C (SIGINT) and a normal end remove it too.
PSOAS_TIME_SCALE=0.05 "$PSOAS" timer 200s >"$T/timer.out" 2>&1 </dev/null &
PID=$!
check "published" wait_for_status
kill -INT "$PID"; wait "$PID"
check "the file is removed on Ctrl-C" test ! -e "$STATUS"
PSOAS_TIME_SCALE=0.01 "$PSOAS" timer 3s >/dev/null 2>&1 </dev/null
check "the file is removed at the end" test ! -e "$STATUS"

# A file left by a process that no longer runs (say, killed with SIGKILL) means no timer.
PSOAS_TIME_SCALE=0.05 "$PSOAS" timer 200s >"$T/timer.out" 2>&1 </dev/null &
PID=$!
check "published" wait_for_status
kill -KILL "$PID"; wait "$PID" 2>/dev/null
check "SIGKILL leaves the file behind" test -e "$STATUS"
run timer --status
expect_rc 1; expect_out_eq ""
# ... and a broken file, too.
echo '{"pid":' >"$STATUS"
run timer --status
expect_rc 1; expect_out_eq ""

# Desk-break reminders publish the wait for the next break.
rm -f "$STATUS"
PSOAS_TIME_SCALE=0.001 "$PSOAS" timer --every 55m --for 8h >"$T/every.out" 2>&1 </dev/null &
PID=$!
check "published" wait_for_status
run timer --status
expect_rc 0
check "break in MM:SS ($OUT)" eval '[[ "$OUT" =~ ^break\ in\ [0-9]{2}:[0-9]{2}$ ]]'
kill -TERM "$PID"; wait "$PID"
check "removed" test ! -e "$STATUS"

# Bad input.
run timer --status 45s
expect_rc 2; expect_one_line_error; expect_err "--status"
run timer --json 45s
expect_rc 2; expect_one_line_error; expect_err "--json: only goes with --status"
