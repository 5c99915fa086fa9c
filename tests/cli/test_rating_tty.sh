# "Pain now, 0-10?" on a real terminal (a pty in a private tmux server), before the first
# phase and after the last: an answer, a skip with Enter, q then an answer, Ctrl-C during
# the run (no question, the session stored, the terminal put back), Ctrl-C at either
# question, bad ratings asked again, --pain-before on a terminal, --no-ask and
# ask_pain = false (no question), a bad ask_pain (a warning, then the questions).
source "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null; then
  echo "skip: tmux is not installed"
  exit 0
fi
trap 'tm kill-server 2>/dev/null; finish' EXIT

CONFIG="$XDG_CONFIG_HOME/psoas/config.toml"
mkdir -p "$XDG_CONFIG_HOME/psoas"
db() { sqlite3 -separator '|' "$JOURNAL" "$1" 2>/dev/null; }
last_session() { db "SELECT kind, routine, phases_done, phases_total, outcome FROM session ORDER BY id DESC LIMIT 1"; }
# The ratings linked to the last session, oldest first: "before=5 after=3".
last_ratings() {
  db "SELECT group_concat(session_role || '=' || pain, ' ') FROM (SELECT e.* FROM entry e
      WHERE e.session = (SELECT uuid FROM session ORDER BY id DESC LIMIT 1) ORDER BY e.id)"
}
entries() { db "SELECT count(*) FROM entry" || echo 0; }
sessions() { db "SELECT count(*) FROM session" || echo 0; }

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
# The pane with wrapped lines joined (a long warning is one line).
screen() { tm capture-pane -pJ -t tt 2>/dev/null; }
# wait_for TEXT [N]: until the pane shows TEXT (N times, default 1; 30 s at most); the
# pane is left in $OUT.
wait_for() {
  local i n=${2:-1}
  for i in $(seq 600); do
    OUT=$(screen)
    [ "$(grep -cF -- "$1" <<<"$OUT")" -ge "$n" ] && return 0
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
Q="Pain now, 0-10? (Enter skips)"

# --- an answer before and after ------------------------------------------------------------
start timer 1s --quiet --label "Wall sit"
check "asked before the first phase" wait_for "$Q"
check "not in the full screen yet" test "$(tm display -p -t tt '#{alternate_on}')" == 0
keys 5 Enter
check "asked again after the last phase" wait_for "$Q" 2
expect_out "done  Wall sit: 1 of 1 phases"
keys 3 Enter
finished
expect_rc 0
restored
check "stored: $(last_session)" test "$(last_session)" == "timer|Wall sit|1|1|completed"
check "before 5 and after 3: $(last_ratings)" test "$(last_ratings)" == "before=5 after=3"
run log list
expect_out 'pain  5  before timer "Wall sit"'
expect_out 'pain  3  after timer "Wall sit"'

# --- Enter alone skips both ---------------------------------------------------------------
N=$(entries)
start timer 1s --quiet
check "asked before" wait_for "$Q"
keys Enter
check "asked after" wait_for "$Q" 2
keys Enter
finished
expect_rc 0
restored
check "stored: $(last_session)" test "$(last_session)" == "timer|Timer|1|1|completed"
check "no rating stored" test "$(entries)" == "$N"

# --- q stops the run, and the question after still comes ----------------------------------
start routine run desk-break --quiet
check "asked before" wait_for "$Q"
keys 4 Enter
check "the routine's screen" wait_for "GET READY"
keys q
check "asked after q" wait_for "$Q" 2
expect_out "stopped  "
keys 2 Enter
finished
expect_rc 0
restored
check "stored as stopped: $(last_session)" grep -q '^routine|desk-break|0|[0-9]*|stopped$' <<<"$(last_session)"
check "before 4 and after 2: $(last_ratings)" test "$(last_ratings)" == "before=4 after=2"

# --- Ctrl-C during the run: no question, the session stored, the terminal put back --------
start timer 30s --label "Couch stretch"
check "asked before" wait_for "$Q"
keys 6 Enter
check "the timer's screen" wait_for "HOLD"
keys C-c
finished
expect_rc 130
restored
check "how it ended" wait_for "stopped  Couch stretch: 0 of 1 phases"
check "no question after Ctrl-C" test "$(grep -cF "$Q" <<<"$OUT")" -eq 1
check "stored after Ctrl-C: $(last_session)" test "$(last_session)" == "timer|Couch stretch|0|1|stopped"
check "only the rating before: $(last_ratings)" test "$(last_ratings)" == "before=6"

# --- Ctrl-C at the question before: nothing runs, nothing is stored -----------------------
N=$(entries); S=$(sessions)
start timer 30s
check "asked before" wait_for "$Q"
keys 7 C-c
finished
expect_rc 130
restored
check "no session" test "$(sessions)" == "$S"
check "no rating" test "$(entries)" == "$N"

# --- Ctrl-C at the question after: the session and the rating before stay ----------------
start timer 1s --quiet --label "Bridge"
check "asked before" wait_for "$Q"
keys 8 Enter
check "asked after" wait_for "$Q" 2
keys C-c
finished
expect_rc 130
restored
check "stored: $(last_session)" test "$(last_session)" == "timer|Bridge|1|1|completed"
check "only the rating before: $(last_ratings)" test "$(last_ratings)" == "before=8"

# --- a bad rating is asked again and not stored -------------------------------------------
start timer 1s --quiet --label "Retry"
check "asked before" wait_for "$Q"
for bad in 12 -1 4.5 x; do
  keys -l -- "$bad"; keys Enter
done
check "told what it takes, 4 times" wait_for "Type a whole number from 0 (no pain) to 10 (worst imaginable)" 4
check "asked 5 times" wait_for "$Q" 5
keys 10 Enter
check "asked after" wait_for "done  Retry"
wait_for "$Q" 6
keys 0 Enter
finished
expect_rc 0
restored
check "only 10 and 0 stored: $(last_ratings)" test "$(last_ratings)" == "before=10 after=0"

# --- --pain-before on a terminal: that question is not asked, the one after is -----------
start timer 1s --quiet --pain-before 9
check "the run starts without a question" wait_for "done  Timer"
check "asked after" wait_for "$Q"
check "asked once" test "$(grep -cF "$Q" <<<"$OUT")" -eq 1
keys 1 Enter
finished
expect_rc 0
check "before 9 and after 1: $(last_ratings)" test "$(last_ratings)" == "before=9 after=1"

# --- --no-ask, and ask_pain = false: no question at all ----------------------------------
N=$(entries)
start timer 1s --quiet --no-ask
finished
expect_rc 0
restored
OUT=$(screen)
check "--no-ask: no question" test "$(grep -cF "$Q" <<<"$OUT")" -eq 0
expect_out "done  Timer: 1 of 1 phases"
printf 'ask_pain = false\n' >"$CONFIG"
start routine run desk-break --quiet
check "ask_pain = false: straight to the routine" wait_for "GET READY"
keys q
finished
expect_rc 0
restored
OUT=$(screen)
check "ask_pain = false: no question" test "$(grep -cF "$Q" <<<"$OUT")" -eq 0
check "no rating stored" test "$(entries)" == "$N"

# --- a bad ask_pain: one warning, and the questions as by default --------------------------
printf 'ask_pain = "sometimes"\n' >"$CONFIG"
start timer 1s --quiet
check "asked despite the bad value" wait_for "$Q"
expect_out 'psoas: warning: config: '
expect_out 'ask_pain: expected true or false, got "sometimes"; using true'
keys Enter
wait_for "$Q" 2
keys Enter
finished
expect_rc 0
rm "$CONFIG"
