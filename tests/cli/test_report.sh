# psoas report: golden text and JSON for a known week, each trend and rule, empty and
# one-entry ranges, a DST change, HTML that is well-formed XML, --output, and bad input.
# Set PSOAS_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
source "$(dirname "$0")/lib.sh"
export NO_COLOR=1
GOLDEN="$PSOAS_SOURCE_DIR/tests/fixtures/report"

# log_at PAIN WHEN [ARGS...]: adds an entry the way a user would.
log_at() {
  local pain=$1 at=$2; shift 2
  "$PSOAS" log "$pain" --at "$at" "$@" >/dev/null || { CURRENT="log $pain --at $at $*"; fail "could not log"; }
}
# session KIND ROUTINE START MINUTES OUTCOME [UUID]: sessions are written by the timer; insert directly.
session() {
  local start; start=$(date -u -d "$3" +%s)
  sqlite3 "$JOURNAL" "INSERT INTO session (uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome)
    VALUES ('${6:-$(cat /proc/sys/kernel/random/uuid)}', '$1', '$2', $start, $start + $4 * 60, 0, 4, 4, '$5')"
}
# rated ROUTINE KIND START MINUTES BEFORE AFTER: a session with the ratings the timer takes
# before its first phase and after its last (an empty BEFORE or AFTER: not given), imported
# as the entries they are.
rated() {
  local id; id=$(cat /proc/sys/kernel/random/uuid)
  session "$2" "$1" "$3" "$4" completed "$id"
  local start; start=$(date -u -d "$3" +%s)
  {
    echo "at,pain,session,session_role"
    [ -n "$5" ] && echo "$(date -u -d "@$((start - 60))" +%FT%TZ),$5,$id,before"
    [ -n "$6" ] && echo "$(date -u -d "@$((start + $4 * 60 + 60))" +%FT%TZ),$6,$id,after"
  } >"$T/rated.csv"
  "$PSOAS" log import "$T/rated.csv" >/dev/null || { CURRENT="rated $*"; fail "could not import ratings"; }
}
# triage OUTCOME WHEN REASONS_JSON: a stored triage result.
triage() {
  sqlite3 "$JOURNAL" "INSERT INTO triage (uuid, at, utc_offset, outcome, answers, reasons, routine)
    VALUES ('$(cat /proc/sys/kernel/random/uuid)', $(date -u -d "$2" +%s), 0, '$1', '{}', '$3', '')"
}
# expect_golden NAME: stdout equals tests/fixtures/report/NAME.
expect_golden() {
  CHECKS=$((CHECKS + 1))
  if [ "${PSOAS_UPDATE_GOLDEN:-}" == 1 ]; then cat "$T/out" >"$GOLDEN/$1"; return; fi
  if ! cmp -s "$T/out" "$GOLDEN/$1"; then
    fail "stdout differs from $1"
    diff -u "$GOLDEN/$1" "$T/out" | head -40 >&2
  fi
}
# expect_flat TEXT: stdout, with lines unwrapped, contains TEXT.
expect_flat() {
  CHECKS=$((CHECKS + 1))
  local flat; flat=$(printf '%s' "$OUT" | tr '\n' ' ' | tr -s ' ')
  [[ "$flat" == *"$1"* ]] || fail "stdout (unwrapped) lacks: $1"
}
# fresh: a new, empty journal for the next scenario.
fresh() { rm -rf "$XDG_DATA_HOME/psoas"; }
# weeks_of PAIN FIRST_DAY N: one entry a day at 09:00 for N days.
days_of() {
  local pain=$1 first=$2 n=$3 i
  for ((i = 0; i < n; i++)); do log_at "$pain" "$(date -u -d "$first + $i days" +%F)T09:00"; done
}

# --- no journal yet: a friendly message, exit 0, and no file created
run report
expect_rc 0; expect_out "No entries yet for"; expect_out "psoas log 4"; expect_empty_err
check "report creates no journal" test ! -e "$JOURNAL"
run report --json --from 2026-10-12 --to 2026-10-18
expect_rc 0; expect_out '"entries":0,'; expect_out '"trend":{"trend":"not_enough_data"'

# --- the golden week: Oct 12-18 2026 against Oct 5-11
for d in 05 06 07 08 09 10; do log_at 6 "2026-10-${d}T09:00" --trigger sitting; done
log_at 6 2026-10-11T09:00 --trigger sitting --enjoyment 6 --activity 7
log_at 5 2026-10-12T09:00 --trigger sitting --where "left groin=5"
log_at 3 2026-10-12T11:00 --helped stretch
log_at 4 2026-10-13T09:00 --trigger sitting
log_at 4 2026-10-14T09:00 --trigger sitting --helped heat
log_at 3 2026-10-14T12:00
log_at 3 2026-10-16T08:00 --helped heat --where "left groin=3"
log_at 3 2026-10-17T08:00 --helped stretch,heat
log_at 2 2026-10-18T20:00 --helped stretch --enjoyment 3 --activity 3
session routine morning 2026-10-12T09:30 15 completed
session routine morning 2026-10-14T09:30 15 completed
session timer desk 2026-10-16T18:00 10 stopped
session routine morning 2026-10-17T07:30 12 completed
session routine morning 2026-10-18T07:30 15 completed
session break break 2026-10-15T10:00 1 done
session break break 2026-10-15T11:00 1 done
session break break 2026-10-15T12:00 0 skipped
session routine morning 2026-10-19T07:30 15 completed  # after the range: not counted

run report --from 2026-10-12 --to 2026-10-18
expect_rc 0; expect_empty_err; expect_golden week.txt
expect_out "May be improving: mean pain from 6.0 to 3.3"
expect_no_out "you are fine"
run report --from 2026-10-12 --to 2026-10-18 --format json
expect_rc 0; expect_golden week.json
check "JSON parses" jq -e '.trend.trend == "may_be_improving" and (.days | length) == 7' "$T/out"
run report --from 2026-10-12 --to 2026-10-18 --json
expect_golden week.json
run report --from 2026-10-12 --to 2026-10-18 --format csv
expect_rc 0
check "CSV: a header and one row a day" test "$(printf '%s\n' "$OUT" | wc -l)" -eq 8
expect_out "2026-10-12,2,4.0,3,5,1,15,0,0,0"
expect_out "2026-10-15,0,,,,0,0,2,1,0"
run report --from 2026-10-12 --to 2026-10-18 --format markdown
expect_rc 0; expect_out "# psoas report: 2026-10-12 to 2026-10-18 (7 days)"; expect_out "| Mon | 2026-10-12 | 2 | 4.0 |"
expect_out "Seek emergency care now"

# --- HTML: well-formed, self-contained, one point per day with data
run report --from 2026-10-12 --to 2026-10-18 --format html --output "$T/week.html"
expect_rc 0; expect_out "Wrote the report for 2026-10-12 to 2026-10-18 (7 days) to $T/week.html"
check "HTML is well-formed XML" xmllint --noout "$T/week.html"
check "one SVG point per day with data (6)" test "$(xmllint --xpath 'count(//*[local-name()="circle"])' "$T/week.html")" -eq 6
check "sessions marked on 5 days" test "$(xmllint --xpath 'count(//*[local-name()="rect"])' "$T/week.html")" -eq 5
check "no external resources" test "$(grep -Eco '(src|href)=|<script|<link' "$T/week.html")" -eq 0
check "only the XHTML and SVG namespaces name a URL" test "$(grep -o 'http[s]*://[^"]*' "$T/week.html" | sort -u | tr '\n' ' ')" == "http://www.w3.org/1999/xhtml http://www.w3.org/2000/svg "
check "report file is private" test "$(stat -c %a "$T/week.html")" == 600

# --- --output: atomic, nothing left behind on failure
mkdir -p "$T/adir"
run report --from 2026-10-12 --to 2026-10-18 --output "$T/adir"
expect_rc 1; expect_one_line_error; expect_err "--output"
check "no temporary file left" test -z "$(ls -A "$T" | grep '^\.adir')"
run report --from 2026-10-12 --to 2026-10-18 --output "$T/missing/dir/r.txt"
expect_rc 1; expect_one_line_error
echo old >"$T/keep.txt"
run report --range bogus --output "$T/keep.txt"
expect_rc 2; check "bad input leaves the old file" test "$(cat "$T/keep.txt")" == old

# --- bad input: one line, exit 2
run report --from 2026-10-18 --to 2026-10-12
expect_rc 2; expect_one_line_error; expect_err "after the end"
run report --range 2026-13
expect_rc 2; expect_one_line_error
run report --format pdf
expect_rc 2; expect_one_line_error; expect_err "pdf"
run report --week --last-week
expect_rc 2; expect_one_line_error
run report --weeks 0
expect_rc 2; expect_one_line_error
run report --json --format csv
expect_rc 2; expect_one_line_error

# --- other ranges parse and run
for args in "--week" "--last-week" "--month" "--weeks 4" "--range last-month" "--range 2026-W42" "--from 2026-10-12" "--to 2026-10-18"; do
  run report $args
  expect_rc 0; expect_empty_err
done
run report --range 2026-W42
expect_out "psoas report: 2026-10-12 to 2026-10-18 (7 days)"
run report --to 2026-10-18
expect_out "psoas report: 2026-10-12 to 2026-10-18 (7 days)"

# --- an empty range inside a journal, and a range with one entry
run report --from 2026-09-01 --to 2026-09-07
expect_rc 0; expect_out_eq "No entries yet for 2026-09-01 to 2026-09-07 (7 days). Add one with: psoas log 4 (your pain from 0 to 10)."
run report --from 2026-10-18 --to 2026-10-18
expect_rc 0; expect_out "psoas report: 2026-10-18"; expect_out "Mean 2.0 (lowest 2, highest 2) from 1 entry on 1 of 1 day."
# One day has no previous range to speak of, but the run since Oct 5 has its first and last days.
expect_flat "May be improving: mean pain from 6.0 in your first 3 logged days (from 2026-10-05) to 2.7 in your latest 3 (-3.3 points, -55%)."
run report --from 2026-10-05 --to 2026-10-06
expect_rc 0; expect_flat "Not enough data yet for a trend: log your pain on 4 more days."

# --- a red flag in the range overrides any trend, and comes first
triage emergency 2026-10-15T20:00 '["urine-retention"]'
run report --from 2026-10-12 --to 2026-10-18
expect_rc 0
FOURTH=$(printf '%s\n' "$OUT" | sed -n 4p)
check "the emergency warning comes first" test "${FOURTH:0:47}" == "  ! A triage in this range (last on 2026-10-15)"
expect_out "triage on 2026-10-15: emergency (urine-retention)"
expect_flat "follow its advice whatever the trend"
run report --from 2026-10-12 --to 2026-10-18 --json
check "JSON: overridden" jq -e '.trend_overridden_by_red_flag and .warnings[0].kind == "red-flag-emergency"' "$T/out"

# --- improving (past the first weeks), with a clear episode since August
fresh
days_of 6 2026-08-24 28       # Aug 24 - Sep 20
days_of 6 2026-09-21 7        # the previous week
days_of 3 2026-09-28 7        # this week
run report --from 2026-09-28 --to 2026-10-04
expect_rc 0; expect_out "Improving: mean pain from 6.0 to 3.0 (-3.0 points, -50%)"; expect_no_out "Warnings"

# --- a range without entries of its own still judges the current run, and says so in text
fresh
days_of 2 2026-09-01 14
days_of 5 2026-09-15 7          # the run goes on to Sep 21 ...
run report --from 2026-09-29 --to 2026-10-05   # ... and the range after it has no entries
expect_rc 0; expect_no_out "No entries yet"
expect_flat "Your pain is getting worse."
expect_out "Seek emergency care now"

# --- no clear change after a week of logging: suggest a clinician (the 7-day rule)
fresh
days_of 5 2026-09-21 7
days_of 5 2026-09-28 7
run report --from 2026-09-28 --to 2026-10-04
expect_rc 0; expect_out "No clear change: mean pain from 5.0 to 5.0 (0.0 points, 0%)"
expect_flat "No clear improvement after 14 days of logging: consider seeing a clinician."   # no sessions: not "self-care"
expect_no_out "logged self-care"
run report --from 2026-09-28 --to 2026-10-04 --json
check "JSON: 1-week rule" jq -e '[.warnings[].kind] == ["no-improvement-1-week"] and .days_logged == 14' "$T/out"
run report --from 2026-09-21 --to 2026-09-26
expect_no_out "No clear improvement"   # 6 days: not yet

# --- the 8-week rule: weekly entries back to early August, then two full weeks
for d in 2026-08-03 2026-08-10 2026-08-17 2026-08-24 2026-08-31 2026-09-07 2026-09-14; do log_at 5 "${d}T09:00"; done
run report --from 2026-09-28 --to 2026-10-04 --json
check "JSON: 8-week rule" jq -e '[.warnings[].kind] == ["no-improvement-8-weeks"] and .days_logged == 63' "$T/out"
run report --from 2026-09-28 --to 2026-10-04
expect_flat "see a clinician and ask about a specialist"

# --- worsening: re-run triage and see a clinician within days
fresh
days_of 3 2026-09-21 7
days_of 6 2026-09-28 7
run report --from 2026-09-28 --to 2026-10-04
expect_rc 0; expect_out "Worsening: mean pain from 3.0 to 6.0 (+3.0 points, +100%)"
expect_flat "Run 'psoas triage' again and see a clinician within the next few days."

# --- a DST change: 2026-03-29 in CET/CEST (a 23-hour day), from a POSIX rule without tzdata
fresh
export TZ="CET-1CEST,M3.5.0,M10.5.0/3"
log_at 4 2026-03-28T23:30   # Saturday, before the change
log_at 5 2026-03-29T00:30   # Sunday, 23:30 UTC on Saturday
log_at 6 2026-03-29T23:30   # Sunday, after the change (21:30 UTC)
log_at 7 2026-03-30T00:30   # Monday, 22:30 UTC on Sunday
run report --from 2026-03-26 --to 2026-04-01 --format csv
expect_rc 0
check "CSV: seven local days across the change" test "$(printf '%s\n' "$OUT" | wc -l)" -eq 8
expect_out "2026-03-28,1,4.0,4,4"
expect_out "2026-03-29,2,5.5,5,6"
expect_out "2026-03-30,1,7.0,7,7"
run report --from 2026-03-26 --to 2026-04-01 --json
check "JSON: the range starts at local midnight (UTC+1)" jq -e '.range.from == "2026-03-25T23:00:00Z" and .range.to == "2026-04-01T22:00:00Z"' "$T/out"
log_at 3 2026-10-25T02:30   # the repeated hour in autumn
log_at 2 2026-10-25T23:30
run report --from 2026-10-25 --to 2026-10-25 --format csv
expect_out "2026-10-25,2,2.5,2,3"
export TZ=UTC

# --- a month: each routine's rated sessions, the next-day comparison and the calendar
fresh
for d in $(seq 1 31); do
  (( d % 9 == 0 )) && continue                 # Oct 9, 18, 27: no entries
  log_at $(( (d * 7) % 5 + 2 )) "2026-10-$(printf %02d "$d")T12:00"
done
log_at 9 2026-10-02T18:00; log_at 10 2026-10-02T19:00   # Oct 2: 4, 9, 10 -> 7.7 -> 8
log_at 9 2026-10-05T18:00                                 # Oct 5: 2 and 9 -> 5.5 -> 6 (half up)
rated acute routine 2026-10-03T07:30 15 6 4
rated acute routine 2026-10-06T07:30 15 5 5
rated acute routine 2026-10-12T07:30 15 7 4
rated acute routine 2026-10-15T07:30 15 6 "" # only before: not rated
rated acute routine 2026-10-20T23:50 30 6 3   # ends after midnight: a session of Oct 20
rated desk timer 2026-10-22T15:00 10 4 3
session routine acute 2026-10-27T07:30 15 completed   # on a day without entries
run report --range 2026-10
expect_rc 0; expect_empty_err; expect_golden month.txt
expect_flat "acute (routine): 6 sessions, 6 completed, 105 min; rated before and after in 4 of 6 sessions: pain -2.0 from before to after on average, and it fell by 2 points or more in 3 of 4."
expect_flat "desk (timer): 1 session, 1 completed, 10 min; 1 of 1 rated before and after so far; rate 2 more sessions of desk before and after"
expect_flat "not what caused what"
expect_out "  week of     Mon Tue Wed Thu Fri Sat Sun"
expect_out "  2026-09-28               4   8   4●  5"
expect_out "  2026-10-05   6   5●  6   3       2   4"   # Oct 9: blank, no entries
# The session from Oct 20 23:50 to 00:20 is marked on the 20th; its after rating (3, at 00:21) is the 21st's.
expect_out "  2026-10-19   5   4●  4   4●  3   5   2"
expect_out "  2026-10-26   4    ●  3   5   2   4"    # Oct 27: a session, no entries
run report --range 2026-10 --json
expect_rc 0; expect_golden month.json
check "JSON: acute's rated sessions" jq -e '.sessions.routines[0] | .rated_sessions == 4 and .rated_mean_change == -2 and .fell_by_2 == 3 and (.rated | length) == 4 and .rated[3].date == "2026-10-20"' "$T/out"
check "JSON: the next day" jq -e '.sessions.next_day | .days_after_session == 7 and .days_after_none == 21 and .mean_after_session == 3.9 and .mean_after_none == 4.4' "$T/out"
run report --range 2026-10 --format markdown
expect_out "## Calendar"; expect_out "| 2026-10-19 | 5 | 4● | 4 | 4● | 3 | 5 | 2 |"
run report --range 2026-10 --format html --output "$T/month.html"
check "month HTML is well-formed XML" xmllint --noout "$T/month.html"
x() { xmllint --xpath "$1" "$T/month.html"; }
check "calendar: a row a week (5) with 7 days each" test "$(x 'count(//*[local-name()="table"][@class="calendar"]//*[local-name()="tbody"]/*[local-name()="tr"]/*[local-name()="td"])')" -eq 35
check "calendar: 7 days with a session marked" test "$(x 'count(//*[local-name()="td"]/*[local-name()="span"][@class="mark"])')" -eq 7
check "calendar: Oct 5 (5.5) is shaded 6" test "$(x 'string(//*[local-name()="td"][starts-with(@title,"2026-10-05")]/@class)')" == p6
check "calendar: Oct 9 (no entries) is blank" test "$(x 'string(//*[local-name()="td"][starts-with(@title,"2026-10-09")])')" == ""
check "calendar: a legend" test "$(x 'count(//*[local-name()="p"][@class="legend"]/*[local-name()="span"])')" -eq 11
check "a before-after chart per routine with rated sessions (2), each with a title and a text alternative" \
  test "$(x 'count(//*[local-name()="svg"][*[local-name()="title"]][*[local-name()="desc"]])')" -eq 2
check "acute's chart: 4 pairs" test "$(x 'count(//*[local-name()="svg"][contains(*[local-name()="title"],"acute")]//*[local-name()="circle"][@class="before"])')" -eq 4
check "acute's text alternative lists the pairs" grep -q "2026-10-20: 6 before, 3 after." "$T/month.html"
check "still no scripts or external resources" test "$(grep -Eco '(src|href)=|<script|<link' "$T/month.html")" -eq 0
run report --from 2026-10-01 --to 2026-10-27
expect_no_out "week of"   # 27 days: no calendar
if command -v tmux >/dev/null; then
  # With colour (a real terminal, NO_COLOR unset): the same digits on a shade.
  echo "env -u NO_COLOR TERM=xterm-256color '$PSOAS' report --range 2026-10; echo DONE; read" >"$T/cal.sh"
  tty_start cal 100 200 "bash $T/cal.sh"
  for i in $(seq 600); do   # until the report has ended (30 s at most, for a loaded machine)
    tm capture-pane -p -e -t cal -S 0 -E 199 >"$T/screen" 2>/dev/null
    grep -q "^DONE" "$T/screen" && break
    sleep 0.05
  done
  check "colour: Oct 2 (8.3) is an 8 on a dark shade" grep -qF $'\e[38;5;231m\e[48;5;167m 8 ' "$T/screen"
  sed 's/\x1b\[[0-9;]*m//g' "$T/screen" >"$T/plain"
  check "colour: the same digits and marks as without" grep -qxF "  2026-10-19   5   4●  4   4●  3   5   2" "$T/plain"
  tm kill-server 2>/dev/null
fi

# --- colour never when NO_COLOR is set or stdout is not a TTY
run report --from 2026-03-26 --to 2026-04-01
check "no escape codes" test "$(grep -c $'\x1b' "$T/out")" -eq 0
