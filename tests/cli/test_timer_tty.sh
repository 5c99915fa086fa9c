# psoas routine run and psoas timer on a real terminal (a pty in a private tmux server):
# the full screen, keys space/n/p/q, Ctrl-C, a resize to a small window, the terminal put
# back afterwards (modes, main screen, cursor), a line saying how the run ended left on the
# main screen, and the sessions stored. (--no-ask: the pain questions are test_rating_tty.sh's.)
source "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null; then
  echo "skip: tmux is not installed"
  exit 0
fi
trap 'tm kill-server 2>/dev/null; finish' EXIT

FIX="$T/fixture"
mkdir -p "$FIX"
cat >"$FIX/fixture.toml" <<'EOF'
[[exercise]]
id = "fix-lunge"
name = "Fixture lunge"
kind = "stretch"
cues = ["Step one foot forward.", "Sink your hips down."]
hold = "40s"
per_side = true

[[routine]]
id = "fixture"
name = "Fixture routine"
[[routine.step]]
exercise = "fix-lunge"
EOF

last_session() { sqlite3 -separator '|' "$JOURNAL" "SELECT kind, routine, phases_done, phases_total, outcome FROM session ORDER BY id DESC LIMIT 1" 2>/dev/null; }

# start ARGS...: psoas ARGS in a fresh 80x24 pane; the script records the terminal modes
# before and after, and the exit status, then waits.
start() {
  rm -f "$T/rc" "$T/before" "$T/after"
  {
    echo '#!/bin/bash'
    echo "stty -g >'$T/before'"
    echo "echo MAIN-SCREEN-MARKER"
    printf '"%s"' "$PSOAS"; printf ' %q' "$@"; echo
    echo "echo \$? >'$T/rc.tmp'"
    echo "stty -g >'$T/after'"
    echo "mv '$T/rc.tmp' '$T/rc'"
    echo "read -r"
  } >"$T/run.sh"
  tty_start tt 80 24 "env LC_ALL=C.UTF-8 TERM=xterm-256color bash $T/run.sh"
  CURRENT="psoas $* on a tty"
}
screen() { tm capture-pane -p -t tt 2>/dev/null; }
# wait_for TEXT: until the pane shows TEXT (30 s at most, for a loaded machine); the pane is left in $OUT.
wait_for() {
  local i
  for i in $(seq 600); do
    OUT=$(screen)
    [[ "$OUT" == *"$1"* ]] && return 0
    sleep 0.05
  done
  return 1
}
keys() { tm send-keys -t tt "$@"; }
finished() {
  local i
  for i in $(seq 600); do [ -s "$T/rc" ] && break; sleep 0.05; done
  RC=$(cat "$T/rc" 2>/dev/null || echo none)
  ERR=""
}
restored() {
  check "terminal modes restored" cmp -s "$T/before" "$T/after"
  check "main screen back" wait_for "MAIN-SCREEN-MARKER"
  check "alternate screen left" test "$(tm display -p -t tt '#{alternate_on}')" == 0
  check "cursor shown" test "$(tm display -p -t tt '#{cursor_flag}')" == 1
}

# --- keys: space pauses and resumes, n and p move, q quits and stores -------------------

start --content "$FIX" routine run fixture --no-ask
check "get-ready screen" wait_for "GET READY"
expect_out "psoas · Fixture routine"
expect_out "Fixture lunge"
expect_out "██████"
expect_out "Step one foot forward."
expect_out "Next: hold left (00:40)"
expect_out "space pause · n next · p previous · q quit"
check "in the alternate screen" test "$(tm display -p -t tt '#{alternate_on}')" == 1
check "cursor hidden" test "$(tm display -p -t tt '#{cursor_flag}')" == 0
keys space
check "space pauses" wait_for "PAUSED · space resumes"
expect_out "space resume · n next"
keys space
check "space resumes" wait_for "space pause · n next"
expect_no_out "PAUSED"
keys n
check "n: next phase" wait_for "HOLD · LEFT SIDE"
expect_out "Next: switch sides (00:05)"
keys n
check "n again: switch sides" wait_for "SWITCH SIDES · RIGHT NEXT"
keys p
check "p: back to the left hold" wait_for "HOLD · LEFT SIDE"
# A small window: the compact layout, no big digits, still the time and the keys.
tm resize-window -t tt -x 40 -y 10
check "compact layout in 40x10" wait_for "HOLD · LEFT SIDE"
check "no big digits in 40x10" test "$(grep -c '██████' <<<"$OUT")" -eq 0
expect_out "00:"
expect_out "space pause"
tm resize-window -t tt -x 80 -y 24
check "big digits again in 80x24" wait_for "██████"
keys q
finished
expect_rc 0
restored
check "how it ended, left on the main screen" wait_for "stopped  Fixture routine: 0 of 4 phases"
check "stored as stopped: $(last_session)" test "$(last_session)" == "routine|fixture|0|4|stopped"

# --- Ctrl-C: stores the partial session, exits 130, terminal restored ---------------------

start timer 30s --label "Wall sit" --no-ask
check "timer screen" wait_for "HOLD"
expect_out "Wall sit"
keys C-c
finished
expect_rc 130
restored
check "how it ended, after Ctrl-C" wait_for "stopped  Wall sit: 0 of 1 phases"
check "stored after Ctrl-C: $(last_session)" test "$(last_session)" == "timer|Wall sit|0|1|stopped"

# --- a run to its end on the screen -------------------------------------------------------

start timer 2s --quiet --no-ask
check "counting" wait_for "HOLD"
finished
expect_rc 0
restored
check "how it ended, at the end" wait_for "done  Timer: 1 of 1 phases"
check "stored as completed: $(last_session)" test "$(last_session)" == "timer|Timer|1|1|completed"

# --- cautions on the get-ready screen, wrapped at 80 columns; with --wait they stay -------

cat >"$FIX/careful.toml" <<'EOF'
[[exercise]]
id = "fix-press"
name = "Fixture press"
kind = "massage"
cues = ["Press gently."]
cautions = ["Ease in slowly and keep the pressure light, because the belly bruises easily and deep pressure there lies over large blood vessels."]
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
# no_wider COLUMNS: every line of the pane in $OUT, trailing spaces aside, fits.
no_wider() { ! sed 's/ *$//' <<<"$OUT" | grep -qE ".{$1}"; }

start --content "$FIX" routine run careful --no-ask
check "get-ready screen" wait_for "GET READY"
expect_out "Caution: Not with a fever."
expect_out "Caution: Ease in slowly and keep the pressure light"
check "a long caution wraps under its text" grep -qE '^ {11}[a-z].* blood$' <<<"$OUT"
expect_out "vessels."
check "no line past column 79" no_wider 80
expect_out "Next: hold (00:20)"
keys n
check "the rest before the next exercise shows its cautions" wait_for "Caution: Stop if you feel numbness or tingling."
expect_out "Rest. Next: Fixture reach"
keys n
check "the exercise itself shows its cues, not the cautions" wait_for "Reach up."
expect_no_out "Caution:"
keys q
finished
expect_rc 0
restored

mkdir -p "$XDG_CONFIG_HOME/psoas"
printf 'prepare = "1s"\n' >"$XDG_CONFIG_HOME/psoas/config.toml"
start --content "$FIX" routine run careful --wait --no-ask
check "--wait: ready screen with the cautions" wait_for "READY? · space starts"
expect_out "Caution: Not with a fever."
sleep 1.5  # longer than the 1 s get-ready phase: the cautions must still be there
OUT=$(screen)
expect_out "READY? · space starts"
expect_out "Caution: Not with a fever."
expect_out "Caution: Ease in slowly"
# A lower window: whole cautions only, then where to read the rest.
tm resize-window -t tt -x 80 -y 16
check "cautions that do not fit point to routine show" wait_for "More cautions: 'psoas routine show careful'"
expect_out "Caution: Not with a fever."
expect_no_out "Ease in slowly"
tm resize-window -t tt -x 80 -y 24
check "all the cautions again in 80x24" wait_for "Caution: Ease in slowly"
keys space
check "space starts" wait_for "HOLD"
keys n n
check "--wait: the next exercise waits with its cautions" wait_for "Fixture reach"
wait_for "READY? · space starts"
expect_out "READY? · space starts"
expect_out "Caution: Stop if you feel numbness or tingling."
keys q
finished
expect_rc 0
restored
rm "$XDG_CONFIG_HOME/psoas/config.toml" "$FIX/careful.toml"
