# psoas timer and psoas routine run, not on a terminal: one plain line per phase, sessions
# in the journal, signals, desk-break reminders, bad input. Waits are scaled down with
# PSOAS_TIME_SCALE (a testing aid), so a 19 s timer takes 0.19 s.
source "$(dirname "$0")/lib.sh"

export PSOAS_TIME_SCALE=0.01
sessions() { sqlite3 -separator '|' "$JOURNAL" "$1" 2>/dev/null; }
session_count() { sessions "SELECT count(*) FROM session" || echo 0; }
no_escapes() { [[ "$OUT" != *$'\e'* && "$OUT" != *$'\a'* ]]; }

# A fixture routine, so the exact lines do not depend on the built-in content.
FIX="$T/fixture"
mkdir -p "$FIX"
cat >"$FIX/fixture.toml" <<'EOF'
[[exercise]]
id = "fix-lunge"
name = "Fixture lunge"
kind = "stretch"
cues = ["Step forward.", "Sink down."]
hold = "3s"
per_side = true

[[exercise]]
id = "fix-bridge"
name = "Fixture bridge"
kind = "strength"
cues = ["Lift the hips."]
reps = 3
tempo = "2s"

[[routine]]
id = "fixture"
name = "Fixture routine"
rest = "4s"
[[routine.step]]
exercise = "fix-lunge"
[[routine.step]]
exercise = "fix-bridge"
EOF

# --- bad input first: exit 2, one line, and not even a journal file ---------------------

bad() {
  run "$@"
  expect_rc 2
  expect_one_line_error
}
bad timer 0s
expect_err "longer than zero"
bad timer -5s
bad timer abc
expect_err "cannot read 'abc' as a duration"
bad timer
expect_err "give a DURATION"
bad timer 10s --rest 0s
bad timer 10s --rest soon
bad timer 10s --reps 0
bad timer 10s --every 55m
bad timer 10s --for 1h
bad timer --every 1m
expect_err "shorter than the desk-break routine"
bad timer --every 0s
bad timer --every 10m --for 5m
bad timer --every 55m --sides
bad routine run nope
expect_err "no routine 'nope'"
bad routine run mornin
expect_err "did you mean 'morning'?"
bad routine run morning --wait
expect_err "needs a terminal"
PSOAS_TIME_SCALE=fast bad timer 10s
expect_err "PSOAS_TIME_SCALE"
# --voice with no speech program on PATH (PATH is only read by psoas, so run it directly).
CURRENT="psoas timer 10s --voice, without espeak-ng or spd-say"
PATH=/nonexistent "$PSOAS" timer 10s --voice >"$T/out" 2>"$T/err" </dev/null
RC=$?; OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_rc 2
expect_one_line_error
expect_err "neither espeak-ng nor spd-say is installed"
check "bad input stores nothing (no journal created)" test ! -e "$JOURNAL"

# --- a countdown with sides, rounds and rest ----------------------------------------------

run timer 2s --sides --reps 2 --rest 1s --label "Couch stretch"
expect_rc 0
expect_err "psoas: created a new journal at $JOURNAL"  # the first session stored
expect_out_eq "00:02 hold left  Couch stretch
00:05 switch sides  Couch stretch
00:02 hold right  Couch stretch
00:01 rest  Rest, then round 2 of 2
00:02 hold left  Couch stretch
00:05 switch sides  Couch stretch
00:02 hold right  Couch stretch
done  Couch stretch: 7 of 7 phases"
check "no escape codes or bells in plain output" no_escapes
row=$(sessions "SELECT kind, routine, phases_done, phases_total, outcome FROM session")
check "timer session stored: $row" test "$row" == "timer|Couch stretch|7|7|completed"
# 19 s of (scaled) time between start and end, to the second.
span=$(sessions "SELECT \"end\" - start FROM session")
check "session spans the plan ($span s)" test "$span" -ge 18 -a "$span" -le 20
expect_file_mode "$JOURNAL" 600

run timer 1s
expect_rc 0
expect_out_eq "00:01 hold  Timer
done  Timer: 1 of 1 phases"

# --- a routine, with times from config.toml --------------------------------------------

mkdir -p "$XDG_CONFIG_HOME/psoas"
printf 'prepare = "2s"\nswitch_sides = "1s"\nbell = false\n' >"$XDG_CONFIG_HOME/psoas/config.toml"
run --content "$FIX" routine run fixture --quiet
expect_rc 0
expect_out_eq "00:02 get ready  Fixture lunge
00:03 hold left  Fixture lunge
00:01 switch sides  Fixture lunge
00:03 hold right  Fixture lunge
00:04 rest  Rest. Next: Fixture bridge
00:06 3 reps  Fixture bridge
done  Fixture routine: 6 of 6 phases"
row=$(sessions "SELECT kind, routine, phases_done, phases_total, outcome FROM session ORDER BY id DESC LIMIT 1")
check "routine session stored: $row" test "$row" == "routine|fixture|6|6|completed"
rm "$XDG_CONFIG_HOME/psoas/config.toml"

# --- signals: the partial session is stored, exit 128+signal -------------------------------

# stop_with SIGNAL STATUS: starts a long routine, signals it once its first line is out.
stop_with() {
  CURRENT="psoas routine run fixture, then SIG$1"
  # Emptied first: the last run's "hold left" must not send the signal before this psoas
  # runs (the shell that forks it ignores SIGINT, and SIGTERM would kill it before exec).
  : >"$T/out"
  PSOAS_TIME_SCALE=0.05 "$PSOAS" --content "$FIX" routine run fixture >"$T/out" 2>"$T/err" </dev/null &
  local pid=$! i
  for i in $(seq 400); do grep -q "hold left" "$T/out" 2>/dev/null && break; sleep 0.02; done
  kill -s "$1" "$pid"
  wait "$pid"
  RC=$?
  OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
  expect_rc "$2"
  expect_out "stopped  Fixture routine: 1 of 6 phases"
  local row
  row=$(sessions "SELECT kind, routine, phases_done, phases_total, outcome FROM session ORDER BY id DESC LIMIT 1")
  check "partial session stored after SIG$1: $row" test "$row" == "routine|fixture|1|6|stopped"
}
before=$(session_count)
stop_with INT 130
stop_with TERM 143
stop_with HUP 129
check "three partial sessions" test "$(session_count)" -eq $((before + 3))

# --- cautions: the routine's before the first phase, each exercise's as it gets ready ------

cat >"$FIX/careful.toml" <<'EOF'
[[exercise]]
id = "fix-press"
name = "Fixture press"
kind = "massage"
cues = ["Press gently."]
cautions = ["Not with a fever.", "Move off any spot where you feel a pulse."]
hold = "20s"

[[exercise]]
id = "fix-reach"
name = "Fixture reach"
kind = "stretch"
cues = ["Reach up."]
cautions = ["Stop if you feel numbness or tingling."]
hold = "30s"

[[routine]]
id = "careful"
name = "Careful routine"
cautions = ["Not with a fever."]
[[routine.step]]
exercise = "fix-press"
[[routine.step]]
exercise = "fix-reach"
EOF
run --content "$FIX" routine run careful --quiet
expect_rc 0
expect_empty_err
# The routine's "Not with a fever." shows once, before the first phase.
expect_out_eq "Caution: Not with a fever.
00:05 get ready  Fixture press
  Caution: Move off any spot where you feel a pulse.
00:20 hold  Fixture press
00:15 rest  Rest. Next: Fixture reach
  Caution: Stop if you feel numbness or tingling.
00:30 hold  Fixture reach
done  Careful routine: 4 of 4 phases"
rm "$FIX/careful.toml"

# The built-in massage routine opens with its stop list, before the first phase.
PSOAS_TIME_SCALE=0.0005 run routine run massage --quiet
expect_rc 0
first_phase=$(grep -n 'get ready' <<<"$OUT" | head -1 | cut -d: -f1)
for stop in "a fever or belly pain, or feel sick or faint" "pregnant, have a hernia, have had belly or groin surgery recently, or bruise or bleed easily" "a pulse under the ball"; do
  at=$(grep -n "^Caution: .*$stop" <<<"$OUT" | head -1 | cut -d: -f1)
  check "massage stop before the first phase: $stop" test -n "$at" -a "${at:-99}" -lt "${first_phase:-0}"
done
expect_out "  Caution: Go gently: pressing hard can bruise the belly."
check "each exercise's cautions as it gets ready" test "$(grep -c '^  Caution: Stop if you feel sharp pain, or numbness or tingling' <<<"$OUT")" -eq 3

# --- desk-break reminders without a terminal: a line each, nothing stored ---------------

before=$(session_count)
PSOAS_TIME_SCALE=0.001 run timer --every 3m --for 7m
expect_rc 0
expect_out "desk-break reminders every 3m for 7m"
check "two reminders" test "$(grep -c 'desk break: stand up and move (psoas routine run desk-break' <<<"$OUT")" -eq 2
expect_out "desk-break reminders ended"
check "reminders without a terminal store nothing" test "$(session_count)" -eq "$before"

# --- help --------------------------------------------------------------------------------

run timer --help
expect_rc 0
expect_out "--sides"
expect_out "--every"
expect_out "space pause/resume"
expect_no_out "PSOAS_TIME_SCALE"
run routine run --help
expect_rc 0
expect_out "--wait"
