# psoas undo / redo: each kind of change undone and redone (an entry added, edited, removed,
# an import as a whole, a timer session, a triage result), undo twice, redo refused after a
# new change, undo --list, an empty journal, bad arguments (one line, exit 2, nothing
# changed). What the user sees, and the journal's contents after (log list / export).
source "$(dirname "$0")/lib.sh"

digest() { if [ -e "$JOURNAL" ]; then sqlite3 "$JOURNAL" .dump | sha256sum; else echo none; fi; }
expect_unchanged() { CHECKS=$((CHECKS + 1)); [ "$(digest)" == "$BEFORE" ] || fail "the journal changed"; }
bad_input() {
  local rc=$1 err=$2; shift 2
  BEFORE=$(digest)
  run "$@"
  expect_rc "$rc"; expect_one_line_error; expect_err "$err"; expect_unchanged
}
# The entries as `log list` shows them, one "ID PAIN" a line.
listed() { "$PSOAS" log list </dev/null | awk '{print $1, $5}' | xargs; }

# --- nothing to undo: one line, exit 1, and no journal is made
run undo
expect_rc 1; expect_one_line_error; expect_err "psoas: undo: nothing to undo"
check "undo makes no journal" test ! -e "$JOURNAL"
run redo
expect_rc 1; expect_one_line_error; expect_err "psoas: redo: nothing to redo"
run undo --list
expect_rc 0; expect_out_eq "no changes yet"
check "undo --list makes no journal" test ! -e "$JOURNAL"

# --- log add, undone and redone
run log 5 --at 2026-11-30T08:10 --where "left groin" --note "desk day"
expect_rc 0
run log 3 --at 2026-11-30T12:00
expect_rc 0
run undo
expect_rc 0; expect_out_eq "undid: removed entry 2 (pain 3, 2026-11-30 12:00)"
check "entry 2 is gone" test "$(listed)" == "1 5"
run redo
expect_rc 0; expect_out_eq "redid: restored entry 2 (pain 3, 2026-11-30 12:00)"
check "entry 2 is back" test "$(listed)" == "1 5 2 3"

# --- log edit: the old values come back
run log edit 1 --pain 7 --note "worse"
expect_rc 0
run undo
expect_rc 0
expect_out_eq "undid: entry 1 (pain 5, 2026-11-30 08:10): pain 7 -> 5, note \"worse\" -> \"desk day\""
run log list --json
expect_out '"id":1,'; expect_out '"pain":5'; expect_out '"note":"desk day"'; expect_out '"where":[{"area":"groin","side":"left","pain":null}]'

# --- log rm: says how to undo; undo restores the same uuid and id
UUID=$(sqlite3 "$JOURNAL" "SELECT uuid FROM entry WHERE id = 1")
run log rm 1 --yes
expect_rc 0; expect_out_eq "removed 1 (psoas undo puts it back)"
run undo
expect_rc 0; expect_out_eq "undid: restored entry 1 (pain 5, 2026-11-30 08:10)"
check "same uuid and id" test "$(sqlite3 "$JOURNAL" "SELECT id FROM entry WHERE uuid = '$UUID'")" == 1
run log export --json
expect_out "\"uuid\":\"$UUID\""; expect_out '"triggers":[]'; expect_out '"note":"desk day"'

# --- undo twice, then redo twice goes forward again
run log 1 --at 2026-11-30T20:00
run log 2 --at 2026-11-30T21:00
run undo
expect_out_eq "undid: removed entry 4 (pain 2, 2026-11-30 21:00)"
run undo
expect_out_eq "undid: removed entry 3 (pain 1, 2026-11-30 20:00)"
check "two undone" test "$(listed)" == "1 5 2 3"
run redo
expect_out_eq "redid: restored entry 3 (pain 1, 2026-11-30 20:00)"
run redo
expect_out_eq "redid: restored entry 4 (pain 2, 2026-11-30 21:00)"
run redo
expect_rc 1; expect_err "nothing to redo"

# --- a new change after an undo: nothing to redo
run undo
expect_rc 0
run log 6 --at 2026-11-30T22:00
BEFORE=$(digest)
run redo
expect_rc 1; expect_one_line_error; expect_err "psoas: redo: nothing to redo"; expect_unchanged
check "the new entry stays (its id free again), the undone one stays undone" test "$(listed)" == "1 5 2 3 3 1 4 6"

# --- log import: one undo takes the whole batch back
cat >"$T/in.csv" <<'CSV'
at,pain,note
2026-11-20T09:00:00+00:00,4,one
2026-11-21T09:00:00+00:00,5,two
2026-11-22T09:00:00+00:00,6,three
CSV
run log import "$T/in.csv"
expect_rc 0; expect_out_eq "imported 3, skipped 0 already present"
run undo
expect_rc 0; expect_out_eq "undid: removed 3 entries (the whole import)"
run log export
expect_no_out ",one,"; expect_no_out ",two,"; expect_no_out ",three,"
run redo
expect_rc 0; expect_out_eq "redid: restored 3 entries (the whole import)"
run log export
expect_out ",one,"; expect_out ",three,"

# --- a timer session (the no-terminal path stores it)
run timer 1s --no-ask
expect_rc 0
check "a session stored" test "$(sqlite3 "$JOURNAL" 'SELECT count(*) FROM session')" == 1
run undo
expect_rc 0; expect_out "undid: removed session 1 (timer, "
check "the session is gone" test "$(sqlite3 "$JOURNAL" 'SELECT count(*) FROM session')" == 0
run redo
expect_rc 0; expect_out "redid: restored session 1 (timer, "
check "the session is back" test "$(sqlite3 "$JOURNAL" 'SELECT count(*) FROM session')" == 1

# --- a triage result
IDS=$("$PSOAS" triage --list --ids | paste -sd, -)
run triage --no "$IDS"
expect_rc 0
check "a triage result stored" test "$(sqlite3 "$JOURNAL" 'SELECT count(*) FROM triage')" == 1
run undo
expect_rc 0; expect_out "undid: removed triage result 1 (self-care, "
check "the triage result is gone" test "$(sqlite3 "$JOURNAL" 'SELECT count(*) FROM triage')" == 0

# --- undo --list: newest first, this device, what each did, undone ones marked
run undo --list -n 3
expect_rc 0
check "a header and 3 changes" test "$(wc -l <<<"$OUT")" == 4
expect_out "WHEN              DEVICE    CHANGE     WHAT"
check "the newest: the triage undo" test "$(sed -n 2p <<<"$OUT" | cut -c19-)" == \
  "this      undo rm    removed triage result 1 (self-care, $(sed -n 2p <<<"$OUT" | grep -o '20[0-9-]* [0-9:]*)$')"
check "then the triage add, undone" grep -q "this      add        added triage result 1 (self-care, .*)  (undone)$" <<<"$(sed -n 3p <<<"$OUT")"
run undo --list --json -n 2
expect_rc 0
expect_out '"origin":"undo","op":"rm","kind":"triage"'; expect_out '"undone":true'; expect_out '"local":true'
check "undo --list --json is a JSON array of 2" python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==2 and d[1]["op"]=="add"' <<<"$OUT"

# --- bad arguments: one line, exit 2, nothing changed
bad_input 2 "psoas: undo: unexpected argument 'extra'" undo extra
bad_input 2 "psoas: undo: --json requires --list" undo --json
bad_input 2 "psoas: undo: --limit: expected a whole number of 1 or more, not '0'" undo --list -n 0
bad_input 2 "psoas: undo: --limit requires --list" undo -n 3
bad_input 2 "psoas: undo: unknown option '--all'" undo --all
bad_input 2 "psoas: redo: unexpected argument '2'" redo 2

expect_file_mode "$JOURNAL" 600
