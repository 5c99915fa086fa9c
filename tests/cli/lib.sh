# Shared helpers for CLI tests. Each test script sources this, then calls `run` and the
# `expect_*` checks. A failing check prints what was expected and what happened, and the
# script exits non-zero at the end (all checks run). The temp HOME is kept on failure.
set -u
: "${PSOAS:?PSOAS must point at the built binary}"
: "${PSOAS_SOURCE_DIR:?}"

TEST_NAME=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/psoas-$TEST_NAME.XXXXXX")
export HOME="$T/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_RUNTIME_DIR="$T/run"
unset PSOAS_JOURNAL NO_COLOR
export TZ=UTC LC_ALL=C.UTF-8
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
JOURNAL="$XDG_DATA_HOME/psoas/journal.db"
FAILURES=0
CHECKS=0

finish() {
  if [ "$FAILURES" -eq 0 ]; then
    rm -rf "$T"
    echo "ok: $TEST_NAME ($CHECKS checks)"
  else
    echo "FAILED: $TEST_NAME: $FAILURES of $CHECKS checks (files kept in $T)"
    exit 1
  fi
}
trap finish EXIT

fail() {
  FAILURES=$((FAILURES + 1))
  echo "FAIL [$CURRENT]: $*" >&2
  # what the last `run` printed (tty tests have none)
  [ -f "$T/out" ] && echo "  stdout: $(head -c 2000 "$T/out")" >&2
  [ -f "$T/err" ] && echo "  stderr: $(head -c 2000 "$T/err")" >&2
  return 0
}

# run ARGS... : runs psoas, storing stdout in $OUT, stderr in $ERR, status in $RC.
run() {
  CURRENT="psoas $*"
  "$PSOAS" "$@" >"$T/out" 2>"$T/err" </dev/null
  RC=$?
  OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
}

# run_stdin INPUT ARGS... : like run, with INPUT on stdin.
run_stdin() {
  local input=$1; shift
  CURRENT="psoas $* <<< input"
  printf '%s' "$input" | "$PSOAS" "$@" >"$T/out" 2>"$T/err"
  RC=$?
  OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
}

expect_rc() { CHECKS=$((CHECKS + 1)); [ "$RC" == "$1" ] || fail "exit status $RC, expected $1"; }
expect_out() { CHECKS=$((CHECKS + 1)); [[ "$OUT" == *"$1"* ]] || fail "stdout lacks: $1"; }
expect_no_out() { CHECKS=$((CHECKS + 1)); [[ "$OUT" != *"$1"* ]] || fail "stdout has: $1"; }
expect_err() { CHECKS=$((CHECKS + 1)); [[ "$ERR" == *"$1"* ]] || fail "stderr lacks: $1"; }
expect_out_eq() { CHECKS=$((CHECKS + 1)); [ "$OUT" == "$1" ] || fail "stdout is not exactly: $1"; }
expect_empty_err() { CHECKS=$((CHECKS + 1)); [ -z "$ERR" ] || fail "stderr not empty"; }
# One line on stderr, starting "psoas: ", no stack trace.
expect_one_line_error() {
  CHECKS=$((CHECKS + 1))
  local n; n=$(printf '%s\n' "$ERR" | wc -l)
  [ "$n" -eq 1 ] && [[ "$ERR" == "psoas: "* ]] || fail "stderr is not one 'psoas: ...' line"
}
expect_file_mode() {
  CHECKS=$((CHECKS + 1))
  local m; m=$(stat -c %a "$1" 2>/dev/null)
  [ "$m" == "$2" ] || fail "mode of $1 is '$m', expected $2"
}
check() { CHECKS=$((CHECKS + 1)); CURRENT="$1"; shift; "$@" || fail "check failed: $*"; }

# --- a real terminal: a pane in a private tmux server (tests that use it check for tmux) ---
# Every tty_start uses a new server socket. Reusing one straight after kill-server can reach
# the old server while it is still shutting down, and tmux then fails with "server exited
# unexpectedly" (seen on a loaded CI machine). The sockets live in $T, so nothing is left
# behind in /tmp/tmux-UID.
TTY_RUN=0
tm() { tmux -S "$T/tmux-$TTY_RUN" -f /dev/null "$@"; }
# tty_start SESSION WIDTH HEIGHT COMMAND: COMMAND alone in a fresh pane of that size.
tty_start() {
  tm kill-server 2>/dev/null
  TTY_RUN=$((TTY_RUN + 1))
  tm new-session -d -s "$1" -x "$2" -y "$3" "$4" || fail "tmux could not start a pane for: $4"
}
