# Terminal conventions (issue 18): no journal made where a mistyped path points, a new one
# said once; one policy for config.toml's problems (a warning naming file:line:column and the
# default, and the command goes on; `psoas --paths` lists them); --color, NO_COLOR and
# CLICOLOR_FORCE; the emergency number's default from the locale; the pager (in tmux: less
# for a long `log list`, none when piped, none with --no-pager).
source "$(dirname "$0")/lib.sh"
export PSOAS_TIME_SCALE=0.01
CONFIG="$XDG_CONFIG_HOME/psoas/config.toml"
mkdir -p "$XDG_CONFIG_HOME/psoas"

# --- item 8: a journal is made only where the user's path has a directory -------------------
run log 4 --journal "$HOME/jornal/x.db"
expect_rc 1; expect_one_line_error
expect_err "psoas: journal: $HOME/jornal does not exist, so no journal was made at $HOME/jornal/x.db"
check "no directory made for --journal" test ! -e "$HOME/jornal"
CURRENT="PSOAS_JOURNAL into a missing directory"
PSOAS_JOURNAL="$HOME/nope/deeper/x.db" "$PSOAS" log 4 >"$T/out" 2>"$T/err"; RC=$?; ERR=$(cat "$T/err")
expect_rc 1; expect_err "psoas: journal: $HOME/nope/deeper does not exist"
check "no directory made for PSOAS_JOURNAL" test ! -e "$HOME/nope"
run log list --journal "$HOME/jornal/x.db"
expect_rc 0; expect_out "No entries."
check "reading makes nothing either" test ! -e "$HOME/jornal"

mkdir -p "$T/here"
run log 4 --journal "$T/here/x.db"
expect_rc 0; expect_out_eq "1"
expect_err "psoas: created a new journal at $T/here/x.db"
run log 5 --journal "$T/here/x.db"
expect_rc 0; expect_out_eq "2"; expect_empty_err  # said once, and no "logged" line when not on a terminal

run log 3
expect_rc 0; expect_out_eq "1"
expect_err "psoas: created a new journal at $JOURNAL"  # the default location: its directories are made

# --- item 9: config.toml's problems are warnings, the same for every command -----------------
printf 'bell = "no"\n' >"$CONFIG"
ALL_NO=$("$PSOAS" triage --list --ids 2>/dev/null | paste -sd, -)
for args in "report" "timer 1s" "log 2" "triage --no $ALL_NO" "routine show desk-break" "today"; do
  # shellcheck disable=SC2086
  run $args
  CHECKS=$((CHECKS + 1)); [ "$RC" == 0 ] || [ "$RC" == 3 ] || fail "exit status $RC"
  expect_err "psoas: warning: config: $CONFIG:1:8: bell: expected true or false, got \"no\"; using true"
  CHECKS=$((CHECKS + 1)); [ "$(grep -c 'config.toml' "$T/err")" == 1 ] || fail "not one warning: $ERR"
done
# The rows the bad-input catalogue had for config.toml (exit 2 then): now one warning each,
# with the default kept, and the command's own exit status.
# expected warning text | config.toml | psoas arguments
while IFS='|' read -r want toml args; do
  want=$(echo "$want" | sed 's/ *$//'); toml=$(echo "$toml" | sed 's/^ *//; s/ *$//')
  printf '%s\n' "$toml" >"$CONFIG"
  # shellcheck disable=SC2086
  eval "run $args"
  expect_rc 0
  expect_err "psoas: warning: config: $CONFIG:$want"
  CHECKS=$((CHECKS + 1)); [ "$(grep -c 'warning: config' "$T/err")" == 1 ] || fail "not one warning: $ERR"
done <<'EOF_ROWS'
1:8: bell: expected true or false, got "loud"; using true | bell = "loud" | timer 2s
1:11: prepare: cannot read 'soon' as a duration | prepare = "soon" | timer 2s
1:8: rest: cannot read '-5s' as a duration | rest = "-5s" | routine show desk-break
1:10: snooze: expected a duration such as "45s", "2m" or "1h30m", got true; using "5m" | snooze = true | timer 2s
1:14: week_start: expected "monday" or "sunday", got "friday"; using "monday" | week_start = "friday" | report --last-week
1:17: day_starts_at: expected a time "HH:MM" from "00:00" to "23:59", got "25:00"; using "00:00" | day_starts_at = "25:00" | log list --since mon
1:20: emergency_number: expected a phone number of digits such as "112" or "+4499", got "call me"; using "112" | emergency_number = "call me" | report
1:1: colour: unknown key; ignored | colour = true | timer 2s
1:16: hook_timeout: cannot read 'soon' as a duration | hook_timeout = "soon" | log 3
EOF_ROWS
printf 'emergency_numbr = "999"\n' >"$CONFIG"
run report
expect_rc 0
expect_err "psoas: warning: config: $CONFIG:1:1: emergency_numbr: unknown key; ignored (did you mean emergency_number? it keeps its default \"112\")"
printf '[[[\n' >"$CONFIG"
run report --week
expect_rc 0; expect_err "$CONFIG:1:3:"; expect_err "using the defaults for every key"
rm "$CONFIG"; mkdir "$CONFIG"
run report
expect_rc 0; expect_err "psoas: warning: config: cannot read $CONFIG: it is a directory; using the defaults for every key"
rmdir "$CONFIG"
printf 'prepare = "soon"\nweek_start = "friday"\n' >"$CONFIG"
run --paths
expect_rc 0; expect_empty_err
expect_out "  problem: $CONFIG:1:11: prepare: cannot read 'soon' as a duration"
expect_out "  problem: $CONFIG:2:14: week_start: expected \"monday\" or \"sunday\", got \"friday\"; using \"monday\""
run --paths --json
expect_rc 0; expect_out '"config_problems":["'
rm "$CONFIG"
run --paths --json
expect_out '"config_problems":[]'

# --- item 10: the emergency number follows the locale when config.toml does not set it -------
CURRENT="LANG=en_US.UTF-8 today"
LC_ALL= LANG=en_US.UTF-8 "$PSOAS" today --json >"$T/out" 2>"$T/err"; OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
expect_out "911"
CURRENT="LANG=en_GB.UTF-8 today"
LC_ALL= LANG=en_GB.UTF-8 "$PSOAS" today --json >"$T/out" 2>"$T/err"; OUT=$(cat "$T/out")
expect_out "999"; expect_no_out "911"
printf 'emergency_number = "1234"\n' >"$CONFIG"
CURRENT="LANG=en_GB.UTF-8 today, config sets it"
LC_ALL= LANG=en_GB.UTF-8 "$PSOAS" today --json >"$T/out" 2>"$T/err"; OUT=$(cat "$T/out")
expect_out "1234"; expect_no_out "999"
rm "$CONFIG"

# --- item 7: --color, NO_COLOR, CLICOLOR_FORCE ------------------------------------------------
esc=$'\033['
has_colour() { [[ "$(cat "$T/out")" == *"$esc"* ]]; }
run report --week
check "no colour when piped" bash -c "! grep -q $'\033\\[' '$T/out'"
run report --week --color=always
check "--color=always colours a pipe" has_colour
run --color always report --week
check "--color always before the command" has_colour
CURRENT="CLICOLOR_FORCE=1 report"
CLICOLOR_FORCE=1 "$PSOAS" report --week >"$T/out" 2>"$T/err"
check "CLICOLOR_FORCE colours a pipe" has_colour
CLICOLOR_FORCE=0 "$PSOAS" report --week >"$T/out" 2>"$T/err"
check "CLICOLOR_FORCE=0 does not" bash -c "! grep -q $'\033\\[' '$T/out'"
NO_COLOR=1 CLICOLOR_FORCE=1 "$PSOAS" report --week >"$T/out" 2>"$T/err"
check "NO_COLOR wins over CLICOLOR_FORCE" bash -c "! grep -q $'\033\\[' '$T/out'"
NO_COLOR=1 "$PSOAS" report --week --color=always >"$T/out" 2>"$T/err"
check "--color=always wins over NO_COLOR" has_colour
run report --week --color=sometimes
expect_rc 2; expect_err "--color"

# --- item 5: the pager ---------------------------------------------------------------------
{ echo "uuid,at,pain"; for i in $(seq 80); do echo ",$(date -u -d "@$((1767225600 + i * 3600))" +%FT%TZ),3"; done; } >"$T/many.csv"
run log import "$T/many.csv"
expect_rc 0
run log list
check "piped: no pager, every entry" test "$(wc -l <"$T/out")" -ge 80

if command -v tmux >/dev/null && command -v less >/dev/null; then
  trap 'tm kill-server 2>/dev/null; finish' EXIT
  screen() { tm capture-pane -p -t pg 2>/dev/null; }
  wait_for() {
    local i
    for i in $(seq 600); do
      OUT=$(screen)
      [[ "$OUT" == *"$1"* ]] && return 0
      sleep 0.05
    done
    return 1
  }
  # Whether a `less` runs under the pane's shell (psoas -> sh -> less).
  less_runs() {
    local p i
    p=$(tm display -p -t pg '#{pane_pid}')
    for i in 1 2 3 4; do
      p=$(pgrep -P "$p" | head -1)
      [ -z "$p" ] && return 1
      [ "$(ps -o comm= -p "$p")" == less ] && return 0
    done
    return 1
  }
  # A long log list in a 80x20 pane: less shows the first screen and waits.
  printf '#!/bin/bash\nunset PAGER PSOAS_PAGER LESS\n"%s" log list\necho "PAGER-DONE rc=$?"\nread -r\n' "$PSOAS" >"$T/pg.sh"
  tty_start pg 80 20 "env TERM=xterm-256color bash $T/pg.sh"
  CURRENT="log list on a terminal"
  check "less shows the list" wait_for "2026-01-01 01:00"
  check "less is running" less_runs
  check "at its prompt" test "$(screen | tail -1)" == ":"
  check "and waits (the list is longer than the pane)" bash -c "! tmux -S '$T/tmux-$TTY_RUN' capture-pane -p -t pg | grep -q PAGER-DONE"
  tm send-keys -t pg q
  check "q leaves less, psoas ends" wait_for "PAGER-DONE rc=0"
  # --no-pager, and output piped on a terminal: no pager.
  # (--no-pager's 80 lines first, so they do not scroll the markers away.)
  printf '#!/bin/bash\nunset PAGER PSOAS_PAGER\n"%s" --no-pager log list\necho "NOPAGER-DONE"\n"%s" log list | tail -1\necho "PIPED-DONE"\nread -r\n' "$PSOAS" "$PSOAS" >"$T/pg.sh"
  tty_start pg 80 20 "env TERM=xterm-256color bash $T/pg.sh"
  CURRENT="log list --no-pager and piped on a terminal"
  check "piped: no pager" wait_for "PIPED-DONE"
  check "--no-pager: no pager" wait_for "NOPAGER-DONE"
  # PSOAS_PAGER wins over PAGER.
  printf '#!/bin/bash\nPAGER=false PSOAS_PAGER="sed s/^/PAGED:/" "%s" log list --limit 1\necho "OWN-DONE"\nread -r\n' "$PSOAS" >"$T/pg.sh"
  tty_start pg 80 20 "env TERM=xterm-256color bash $T/pg.sh"
  CURRENT="PSOAS_PAGER"
  check "PSOAS_PAGER runs" wait_for "PAGED:"
  # On a terminal `psoas log 4` says what it logged on stderr; stdout stays the id.
  printf '#!/bin/bash\n"%s" log 6 --where "left groin" >"%s/id"\necho "LOG-DONE"\nread -r\n' "$PSOAS" "$T" >"$T/pg.sh"
  tty_start pg 100 20 "env TERM=xterm-256color bash $T/pg.sh"
  CURRENT="log 6 on a terminal"
  check "done" wait_for "LOG-DONE"
  check "it says what was logged" wait_for "psoas: logged"
  check "stdout is the id" grep -qxE '[0-9]+' "$T/id"
else
  echo "skip: the pager and terminal checks need tmux and less"
fi
