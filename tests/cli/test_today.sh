# psoas today, and psoas alone: the welcome without a journal (which it must not create),
# the screen with entries, a flare, an emergency triage, a stale triage, --json, and --help.
source "$(dirname "$0")/lib.sh"
export NO_COLOR=1

# log_at PAIN WHEN: adds an entry the way a user would.
log_at() {
  "$PSOAS" log "$1" --at "$2" >/dev/null || { CURRENT="log $1 --at $2"; fail "could not log"; }
}
# session ROUTINE START MINUTES: sessions are written by the timer; insert directly.
session() {
  local start; start=$(date -u -d "$2" +%s)
  sqlite3 "$JOURNAL" "INSERT INTO session (uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome)
    VALUES ('$(cat /proc/sys/kernel/random/uuid)', 'routine', '$1', $start, $start + $3 * 60, 0, 4, 4, 'completed')"
}
# triage_row OUTCOME WHEN ROUTINE: a stored triage result.
triage_row() {
  sqlite3 "$JOURNAL" "INSERT INTO triage (uuid, at, utc_offset, outcome, answers, reasons, routine)
    VALUES ('$(cat /proc/sys/kernel/random/uuid)', $(date -u -d "$2" +%s), 0, '$1', '{}', '[]', '$3')"
}
# json_check PYTHON-EXPRESSION: stdout parses as JSON and the expression (over `d`) is true.
json_check() {
  CHECKS=$((CHECKS + 1))
  printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" ||
    fail "JSON check failed: $1"
}
flat() { printf '%s' "$OUT" | tr '\n' ' ' | tr -s ' '; }
expect_flat() { CHECKS=$((CHECKS + 1)); [[ "$(flat)" == *"$1"* ]] || fail "stdout (unwrapped) lacks: $1"; }
fresh() { rm -rf "$XDG_DATA_HOME/psoas"; }

# --- no journal: a welcome, exit 0, nothing created ---------------------------------------
run
expect_rc 0
expect_out "Welcome to psoas"
expect_out "psoas triage"
expect_out "psoas log 4"
expect_out "psoas routine run"
expect_out "does not diagnose"
expect_empty_err
check "no journal created" test ! -e "$JOURNAL"
check "no data directory created" test ! -e "$XDG_DATA_HOME/psoas"
run today
expect_rc 0
expect_out "Welcome to psoas"
check "no journal created by today" test ! -e "$JOURNAL"
run --json
expect_rc 0
json_check 'd["empty"] is True and [t["command"] for t in d["try"]][:2] == ["psoas triage", "psoas log 4"]'
check "no journal created by --json" test ! -e "$JOURNAL"

# --- help is still the full help -----------------------------------------------------------
run --help
expect_rc 0
expect_out "Usage"
for sub in triage routine timer log report today advice remind; do expect_out "$sub"; done
expect_no_out "Welcome"
HELP=$OUT
run -h
check "-h is --help" test "$OUT" == "$HELP"
run today --help
expect_rc 0
expect_out "--json"

# --- entries and a session today -----------------------------------------------------------
for d in 9 8 7 6 5 4 3 2 1; do log_at 4 "-${d}d"; done
log_at 3 "now"
session stretch "today 00:00" 12
session stretch "yesterday 08:00" 12
run
expect_rc 0
expect_out "Today, $(date -u +%F)"
expect_out "3/10, today"
expect_flat "Last 7 days"
expect_flat "No triage yet"
expect_flat "1 today: stretch (12 min). Streak: 2 days."
expect_flat "does not diagnose"
expect_empty_err
run today --json
expect_rc 0
json_check 'd["latest"]["pain"] == 3 and d["streak"] == 2 and d["sessions_today"][0]["routine"] == "stretch"'
json_check 'd["report"]["trend"] in ("no_clear_change", "not_enough_data", "improving", "may_be_improving")'
json_check 'd["triage"] is None and d["triage_nudges"] == ["never"] and d["emergency_card"] is False'
json_check 'd["next"]["from"] == "none" and d["timer"] is None and "disclaimer" in d'

# The last triage's suggestion is the next routine.
triage_row self-care "1 day ago" "morning,stretch"
run
expect_flat "psoas routine run morning: the routine your last triage suggested"
run --json
json_check 'd["next"] == {"from": "triage", "routine": "morning", "advice": [], "rated": 0, "rated_change": None, "fell_by_2": 0}'

# --- a flare: the acute routine and cold ---------------------------------------------------
fresh
for d in 14 13 12 11 10 9 8 7 6 5 4 3 2 1; do log_at 3 "-${d}d"; done
log_at 8 "now"
run
expect_rc 0
expect_flat "A flare: pain on $(date -u +%F) (8.0)"
expect_flat "psoas routine run acute: the gentle routine for the first 48 hours of a flare; with it, psoas advice cold."
expect_flat "A flare began: if anything new appeared, run 'psoas triage'."
run --json
json_check 'd["report"]["flare"]["pain"] == 8 and d["next"]["from"] == "flare" and d["next"]["routine"] == "acute"'
json_check 'd["next"]["advice"] == ["cold"] and "flare" in d["triage_nudges"]'

# --- an emergency triage in the last 7 days: the card; 7 days or more: not -----------------
fresh
log_at 5 "-1d"
"$PSOAS" triage --yes saddle-numbness >/dev/null
run
expect_rc 0
expect_out "EMERGENCY"
expect_flat "Seek emergency care now"
expect_flat "Cauda equina warning signs"
expect_flat "Seek care first"
expect_no_out "within the next few days"
run --json
json_check 'd["emergency_card"] is True and d["triage"]["outcome"] == "emergency" and len(d["card"]) >= 2'
json_check 'd["next"]["routine"] is None'
fresh
log_at 5 "-1d"
triage_row emergency "7 days ago" ""
run
expect_no_out "EMERGENCY"
run --json
json_check 'd["emergency_card"] is False and "card" not in d'

# --- a see-clinician triage in the last 7 days: no routine, see a clinician first ----------
fresh
log_at 5 "-1d"
triage_row see-clinician "2 days ago" ""
run
expect_flat "See a clinician first, as your last triage said"
run --json
json_check 'd["clinician_first"] is True and d["next"]["from"] == "none"'

# --- a triage 4 weeks old while the pain goes on: run it again -----------------------------
fresh
log_at 4 "-1d"
triage_row self-care "30 days ago" "stretch"
run
expect_flat "Your last triage was 30 days ago (4 weeks or more) and the pain goes on: run 'psoas triage' again"
run --json
json_check '"stale" in d["triage_nudges"] and d["triage"]["age_days"] == 30'

# --- a running timer shows -----------------------------------------------------------------
PSOAS_TIME_SCALE=1 "$PSOAS" timer 10m --label today-test </dev/null >/dev/null 2>&1 &
TIMER=$!
for _ in $(seq 100); do [ -e "$XDG_RUNTIME_DIR/psoas/timer.json" ] && break; sleep 0.1; done
run
expect_flat "Timer running:"
run --json
json_check 'd["timer"]["name"] == "today-test"'
kill "$TIMER"; wait "$TIMER" 2>/dev/null

# --- bad input -----------------------------------------------------------------------------
run today --bogus
expect_rc 2
expect_one_line_error
run today extra
expect_rc 2
