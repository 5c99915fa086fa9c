# psoas triage on a real terminal (a pty in a private tmux server): "?" explains, an
# emergency answer stops the questions, and Ctrl-D part-way stores nothing.
source "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null; then
  echo "skip: tmux is not installed"
  exit 0
fi
trap 'tm kill-server 2>/dev/null; finish' EXIT

stored() { sqlite3 "$JOURNAL" "SELECT count(*) FROM triage" 2>/dev/null || echo 0; }

# start: psoas triage in a fresh 100x50 pane; its exit status goes to $T/rc.
start() {
  rm -f "$T/rc"
  printf '#!/bin/bash\n"%s" triage "$@"\necho $? >"%s/rc"\nread -r\n' "$PSOAS" "$T" >"$T/run.sh"
  tty_start tri 100 50 "env PSOAS_PAGER=cat bash $T/run.sh"  # the pager has its own test (test_conventions)
  CURRENT="psoas triage on a tty"
}
# wait_for TEXT: until the pane shows TEXT (30 s at most, for a loaded machine); the pane is left in $OUT.
wait_for() {
  local i
  for i in $(seq 600); do
    OUT=$(tm capture-pane -p -t tri -S -5000 2>/dev/null)
    [[ "$OUT" == *"$1"* ]] && return 0
    sleep 0.05
  done
  return 1
}
answer() { tm send-keys -t tri -l "$1"; tm send-keys -t tri Enter; }
finished() {
  local i
  for i in $(seq 600); do [ -s "$T/rc" ] && break; sleep 0.05; done
  RC=$(cat "$T/rc" 2>/dev/null || echo none)
  ERR=""
}

# An emergency sign on the third question: no more questions, exit 4, stored.
start
check "first question" wait_for " 1/"
expect_out "does not diagnose"
answer "?"
check "help shown" wait_for "cauda equina syndrome"
answer "n"
check "second question" wait_for " 2/"
answer "not sure"
check "stops at an emergency" wait_for "That is an emergency sign: no more questions."
finished
expect_rc 4
check "result shown" wait_for "Seek emergency care now"
expect_out "Cauda equina warning signs"
expect_no_out " 3/"
check "stored" test "$(stored)" -eq 1
row=$(sqlite3 -separator '|' "$JOURNAL" "SELECT outcome, reasons FROM triage")
check "stored emergency" test "$row" == 'emergency|["incontinence"]'

# Ctrl-D part-way: exit 1, a clear message, nothing stored.
start
check "first question again" wait_for " 1/"
answer "n"
check "second question again" wait_for " 2/"
tm send-keys -t tri C-d
finished
expect_rc 1
check "end-of-input message" wait_for "nothing was stored"
check "still one record" test "$(stored)" -eq 1

# All answered on the terminal: self-care, exit 0.
start
check "first question, third run" wait_for " 1/"
n=$("$PSOAS" triage --list --ids | wc -l)
for i in $(seq "$n"); do
  check "question $i" wait_for "$(printf '%2d/' "$i")"
  if [ "$i" -eq "$n" ]; then answer "y"; else answer "n"; fi
done
finished
expect_rc 0
check "self-care wording" wait_for "No urgent warning signs were reported. This is not a diagnosis."
check "two records" test "$(stored)" -eq 2
