# Hooks in $XDG_CONFIG_HOME/psoas/hooks: on-log, on-session and on-triage get the committed
# record as JSON on stdin; a hook that fails, hangs or cannot run is one warning, and the
# record, psoas's stdout and its exit status stay as they are.
source "$(dirname "$0")/lib.sh"

HOOKS="$XDG_CONFIG_HOME/psoas/hooks"
mkdir -p "$HOOKS"
entries() { sqlite3 "$JOURNAL" "SELECT count(*) FROM entry" 2>/dev/null || echo 0; }
# hook NAME BODY: writes an executable shell script.
hook() { printf '#!/bin/sh\n%s\n' "$2" >"$HOOKS/$1"; chmod 755 "$HOOKS/$1"; }

# --- on-log gets the entry as `log list --json` shows it; its stdout goes to our stderr
hook on-log "cat >'$T/got-log'; echo \"\$PSOAS_HOOK_ACTION\" >'$T/action'; echo 'hook says hi'"
run log 3 --where "left groin=6" --trigger sitting
expect_rc 0; expect_out_eq "1"; expect_err "hook says hi"
run log list --json
check "the hook got the entry, as log list --json shows it" test "$(cat "$T/got-log")" == "$(sed -n 2p <<<"$OUT" | sed 's/^  //')"
check "the entry has its place" grep -q '"area":"groin","side":"left","pain":6' "$T/got-log"
check "PSOAS_HOOK_ACTION=add" test "$(cat "$T/action")" == add

run log edit 1 --pain 2
expect_rc 0; expect_out "updated 1"
check "log edit runs on-log with the entry as it now is" grep -q '"id":1,.*"pain":2' "$T/got-log"
check "PSOAS_HOOK_ACTION=edit" test "$(cat "$T/action")" == edit

# --- a failing hook: one warning, the entry is stored, the id printed, exit 0
hook on-log "exit 3"
run log 4
expect_rc 0; expect_out_eq "2"; expect_err "psoas: warning: hook on-log: exited with status 3"
check "one line on stderr" test "$(wc -l <"$T/err")" -eq 1
check "stored" test "$(entries)" -eq 2

hook on-log 'kill -SEGV $$'
run log 4
expect_rc 0; expect_out_eq "3"; expect_err "psoas: warning: hook on-log: killed by signal 11"

# --- a hanging hook is killed at hook_timeout; psoas goes on
echo 'hook_timeout = "1s"' >"$XDG_CONFIG_HOME/psoas/config.toml"
hook on-log "sleep 60"
START=$(date +%s)
run log 5
END=$(date +%s)
expect_rc 0; expect_out_eq "4"; expect_err "psoas: warning: hook on-log: killed after the 1s time limit"
check "killed within the limit (took $((END - START)) s)" test $((END - START)) -lt 5
check "stored" test "$(entries)" -eq 4

# --- bad input: a hook that is not executable, or not a program
hook on-log "exit 0"
chmod 644 "$HOOKS/on-log"
run log 6
expect_rc 0; expect_out_eq "5"; expect_err "psoas: warning: hook on-log: $HOOKS/on-log is not executable"
check "stored" test "$(entries)" -eq 5
run --paths
expect_out "hooks dir"; expect_out "on-log       NOT executable"
printf 'no shebang\n' >"$HOOKS/on-log"; chmod 755 "$HOOKS/on-log"
run log 6
expect_rc 0; expect_out_eq "6"; expect_err "psoas: warning: hook on-log: cannot run $HOOKS/on-log: Exec format error"

# --- a psoas started by a hook runs no hooks (no endless chain of on-log -> psoas log)
hook on-log "echo \"\$PSOAS_HOOK\" >'$T/hook-name'; '$PSOAS' log 1 >/dev/null; echo nested >>'$T/nested'"
run log 6
expect_rc 0; expect_empty_err
check "PSOAS_HOOK names the hook" test "$(cat "$T/hook-name")" == on-log
check "the nested psoas log ran no hook" test "$(wc -l <"$T/nested")" -eq 1
check "both entries stored" test "$(entries)" -eq 8

# --- log import runs no hook
hook on-log "touch '$T/import-ran'"
run log export --format jsonl
printf '%s\n' "$OUT" | sed 's/"uuid":"[^"]*",//' >"$T/again.jsonl"
run log import "$T/again.jsonl"
expect_rc 0; expect_out "imported "
check "no hook during import" test ! -e "$T/import-ran"

# --- on-session after a timer and a routine run
export PSOAS_TIME_SCALE=0.01
hook on-session "cat >>'$T/got-session'; echo 'session hook out'"
run timer 3s --label "Couch stretch"
expect_rc 0; expect_err "session hook out"
check "the hook got the session" grep -q '"kind":"timer","routine":"Couch stretch",.*"outcome":"completed"' "$T/got-session"
check "stdout is the timer's own" test "$(tail -n 1 <<<"$OUT")" == "done  Couch stretch: 1 of 1 phases"
hook on-session "exit 1"
run routine run desk-break
expect_rc 0; expect_err "psoas: warning: hook on-session: exited with status 1"

# --- on-log gets each pain rating the timer takes, with PSOAS_HOOK_ACTION=session
rm -f "$HOOKS/on-session"
hook on-log "cat >>'$T/got-rating'; echo \"\$PSOAS_HOOK_ACTION\" >>'$T/rating-action'"
run timer 3s --label "Bridge" --pain-before 6 --pain-after 3
expect_rc 0; expect_empty_err
UUID=$(sqlite3 "$JOURNAL" "SELECT uuid FROM session WHERE routine = 'Bridge'")
check "on-log ran once per rating" test "$(wc -l <"$T/got-rating")" -eq 2
check "PSOAS_HOOK_ACTION=session for both" test "$(sort -u "$T/rating-action")" == session
check "the rating before, with its session" grep -q "\"pain\":6,.*\"session\":\"$UUID\",\"session_role\":\"before\"" "$T/got-rating"
check "the rating after, with its session" grep -q "\"pain\":3,.*\"session\":\"$UUID\",\"session_role\":\"after\"" "$T/got-rating"
run log list --json
check "the hook got the rating as log list --json shows it" grep -qF "$(head -n 1 "$T/got-rating")" <<<"$OUT"
unset PSOAS_TIME_SCALE

# --- on-triage after the result is shown; the exit status is the triage's own
IDS=$("$PSOAS" triage --list --ids)
hook on-triage "cat >'$T/got-triage'; exit 9"
run triage --no "$(tr '\n' , <<<"$IDS" | sed 's/,$//')"
expect_rc 0; expect_err "psoas: warning: hook on-triage: exited with status 9"
check "the hook got the result" grep -q '"outcome":"self-care","answers":{' "$T/got-triage"

# --- --paths lists the hooks
run --paths --json
expect_out '"hooks":[{"name":"on-log","path":"'"$HOOKS"'/on-log","executable":true}'
