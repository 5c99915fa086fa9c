# psoas remind: install/status/remove with a fake systemctl, the units checked by
# systemd-analyze verify, and the breaks service, log prompt and weekly summary with fake
# notify-send, loginctl, xprintidle and terminal programs that record their arguments and
# answer as told. psoas sees only the fakes on PATH. Nothing waits on the clock: a break is
# made due by writing the service's state file (its interval began 56 minutes ago).
source "$(dirname "$0")/lib.sh"

FAKE="$T/fake"; CALLS="$T/calls"
mkdir -p "$FAKE"
UNITS="$XDG_CONFIG_HOME/systemd/user"
CONFIG="$XDG_CONFIG_HOME/psoas/config.toml"
STATE="$XDG_RUNTIME_DIR/psoas/remind-breaks.state"

fake() {  # fake NAME BODY: a program that records "NAME ARGS" in $CALLS, then runs BODY
  printf '#!/bin/sh\nprintf "%%s\\n" "%s $*" >>"%s"\n%s\n' "$1" "$CALLS" "$2" >"$FAKE/$1"
  chmod +x "$FAKE/$1"
}
fake notify-send '[ -n "${FAKE_NOTIFY_ANSWER:-}" ] && printf "%s\n" "$FAKE_NOTIFY_ANSWER"; exit 0'
fake systemctl 'case "$2" in
  is-system-running) echo "${FAKE_MANAGER:-running}"; [ "${FAKE_MANAGER:-running}" = running ]; exit $? ;;
  is-enabled) echo enabled ;;
esac
exit 0'
fake loginctl 'if [ -z "${FAKE_LOGIN:-}" ]; then echo "Could not get properties: No session" >&2; exit 1; fi
printf "%s\n" "$FAKE_LOGIN"'
fake x-terminal-emulator 'exit 0'

# frun ARGS...: psoas with only the fakes on PATH.
frun() {
  CURRENT="psoas $*"
  : >"$CALLS"
  PATH="$FAKE" "$PSOAS" "$@" >"$T/out" 2>"$T/err" </dev/null
  RC=$?
  OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
}
called() { grep -qF -- "$1" "$CALLS"; }
not_called() { ! grep -qF -- "$1" "$CALLS"; }
lacks() { ! grep -qF -- "$1" "$2"; }
sessions() { sqlite3 -separator '|' "$JOURNAL" "$1" 2>/dev/null; }
last_break() { sessions "SELECT kind, routine, outcome FROM session ORDER BY id DESC LIMIT 1"; }
break_count() { sessions "SELECT count(*) FROM session WHERE kind = 'break'" || echo 0; }
tree() { find "$XDG_CONFIG_HOME" 2>/dev/null | sort; }

# --- bad input: one line, exit 2, nothing written ----------------------------------------
for args in "--work-hours 25:00-09:00" "--work-hours 17:00-09:00" "--days funday" "--every 0m" "--log-at 7pm" "--weekly=someday"; do
  # shellcheck disable=SC2086
  frun remind install $args
  expect_rc 2
  expect_one_line_error
  check "nothing written for: install $args" test ! -e "$XDG_CONFIG_HOME"
  check "no program run for: install $args" test ! -s "$CALLS"
done
expect_err "psoas: --weekly: cannot read 'someday' as a day and time"

# --- notify-send missing: install refuses and names the package --------------------------
mv "$FAKE/notify-send" "$T/notify-send.away"
frun remind install
expect_rc 1
expect_one_line_error
expect_err "notify-send is not installed (install the package libnotify-bin)"
check "nothing written without notify-send" test ! -e "$XDG_CONFIG_HOME"
mv "$T/notify-send.away" "$FAKE/notify-send"

# --- --dry-run: every unit and command, verified by systemd-analyze, nothing written -------
frun remind install --dry-run --log-at 19:30
expect_rc 0
expect_out "==> $UNITS/psoas-breaks.service <=="
expect_out "ExecStart=$PSOAS remind breaks"
expect_out "OnCalendar=*-*-* 19:30:00"
expect_out "Would set in $CONFIG: log_at = \"19:30\""
expect_out "$ systemctl --user daemon-reload"
expect_out "$ systemctl --user enable --now psoas-breaks.service psoas-log-prompt.timer psoas-weekly.timer"
check "--dry-run writes nothing" test ! -e "$XDG_CONFIG_HOME"
check "--dry-run runs no systemctl command that changes anything" not_called "daemon-reload"
DRY="$T/dry"; mkdir -p "$DRY"; file=""
while IFS= read -r line; do
  if [[ $line =~ ^==\>\ (.*)\ \<==$ ]]; then file="$DRY/$(basename "${BASH_REMATCH[1]}")"; continue; fi
  [[ $line == '$ '* || $line == 'Would '* ]] && file=""
  [ -n "$file" ] && printf '%s\n' "$line" >>"$file"
done <<<"$OUT"
check "--dry-run printed five units" test "$(find "$DRY" -type f | wc -l)" -eq 5
if command -v systemd-analyze >/dev/null; then
  # The Documentation= line names psoas-remind(1): let man find the built page.
  mkdir -p "$T/man/man1"
  [ -f "$PSOAS_BUILD_DIR/man/psoas-remind.1" ] && ln -s "$PSOAS_BUILD_DIR/man/psoas-remind.1" "$T/man/man1/"
  verify() { MANPATH="$T/man" systemd-analyze --user verify "$DRY"/* >"$T/verify" 2>&1 && [ ! -s "$T/verify" ] || { cat "$T/verify" >&2; false; }; }
  check "systemd-analyze verify: the --dry-run units are clean" verify
else
  echo "skip: systemd-analyze is not installed, so the units are not verified" >&2
fi

# --- --cron and no user manager: crontab lines ------------------------------------------
frun remind install --cron --dry-run
expect_rc 0
expect_out "Using crontab lines: asked for with --cron."
expect_out "* 9-17 * * 1,2,3,4,5 $PSOAS remind breaks --once >/dev/null"
expect_out "0 20 * * * $PSOAS remind log-prompt"
FAKE_MANAGER=offline frun remind install --every 50m
expect_rc 0
expect_out "Using crontab lines: no systemd user manager is running (systemctl --user: offline)."
expect_out "0 18 * * 0 $PSOAS remind weekly"
check "crontab mode writes no unit" test ! -e "$UNITS"
check "the settings are saved in config.toml" grep -qx 'break_every = "50m"' "$CONFIG"
expect_file_mode "$CONFIG" 600
rm -rf "$XDG_CONFIG_HOME"

# --- install -> status -> remove leaves the unit directory as it was ---------------------
mkdir -p "$UNITS"
echo "[Service]" >"$UNITS/mine.service"
BEFORE=$(tree)
frun remind install --work-hours 08:30-17:00 --days mon-thu --weekly "fri 16:00"
expect_rc 0
expect_out "Using systemd user units (a user manager is running)."
for u in psoas-breaks.service psoas-log-prompt.service psoas-log-prompt.timer psoas-weekly.service psoas-weekly.timer; do
  check "install wrote $u" test -f "$UNITS/$u"
done
check "the weekly timer fires at the given time" grep -qx 'OnCalendar=Fri \*-\*-\* 16:00:00' "$UNITS/psoas-weekly.timer"
check "units carry no copy of the work hours" lacks "08:30" "$UNITS/psoas-breaks.service"
check "config.toml holds the work hours" grep -qx 'work_hours = "08:30-17:00"' "$CONFIG"
check "config.toml holds the days" grep -qx 'work_days = "mon-thu"' "$CONFIG"
check "install ran daemon-reload" called "systemctl --user daemon-reload"
check "install enabled the breaks service and both timers" called "systemctl --user enable --now psoas-breaks.service psoas-log-prompt.timer psoas-weekly.timer"
frun remind status
expect_rc 0
expect_out "psoas-breaks.service: written by psoas, enabled"
expect_out "Desk breaks: every 55m in work hours 08:30-17:00 on mon-thu"
frun remind status --json
expect_rc 0
expect_out '"installed":true'
expect_out '{"name":"psoas-weekly.timer","installed":true,"written_by_psoas":true,"changed_since_install":false,"enabled":"enabled"}'

# Installing again with the same settings changes nothing; a new time updates our own file.
frun remind install --log-at 21:00
expect_rc 0
check "a new --log-at updates the timer psoas wrote" grep -qx 'OnCalendar=\*-\*-\* 21:00:00' "$UNITS/psoas-log-prompt.timer"
expect_out "Updated $UNITS/psoas-log-prompt.timer:"
expect_out "  +OnCalendar=*-*-* 21:00:00"

# A unit edited by hand: listed, nothing changed without --force.
echo "Environment=MINE=1" >>"$UNITS/psoas-breaks.service"
cp "$UNITS/psoas-breaks.service" "$T/edited"
cp "$CONFIG" "$T/config-before"
frun remind install --log-at 22:00
expect_rc 1
expect_out "$UNITS/psoas-breaks.service differs from what install would write:"
expect_out "-Environment=MINE=1"
expect_err "psoas: remind: 1 unit file(s) differ; nothing changed (psoas remind install --force replaces them)"
check "the edited unit is untouched" cmp -s "$T/edited" "$UNITS/psoas-breaks.service"
check "config.toml is untouched" cmp -s "$T/config-before" "$CONFIG"
check "no systemctl change" not_called "daemon-reload"
frun remind status
expect_out "psoas-breaks.service: written by psoas, changed since install"
# remove keeps a file it did not write (or that changed since).
frun remind remove
expect_rc 0
expect_out "Kept $UNITS/psoas-breaks.service: it changed since psoas wrote it."
check "remove disabled the units" called "systemctl --user disable --now psoas-breaks.service psoas-log-prompt.timer psoas-weekly.timer"
check "remove kept the user's own unit" test -f "$UNITS/mine.service"
check "remove kept the edited unit" test -f "$UNITS/psoas-breaks.service"
rm "$UNITS/psoas-breaks.service"
check "install -> status -> remove leaves the unit directory as it was" test "$(tree | grep -v '/psoas')" == "$(echo "$BEFORE" | grep -v '/psoas')"

# --force replaces what differs; remove then deletes everything install wrote, and the
# directories it created.
rm -rf "$XDG_CONFIG_HOME"
frun remind install
echo "# mine" >>"$UNITS/psoas-weekly.timer"
frun remind install --force
expect_rc 0
check "--force replaced the edited unit" lacks "# mine" "$UNITS/psoas-weekly.timer"
frun remind remove
expect_rc 0
expect_out "Deleted $UNITS/psoas-weekly.timer"
check "remove deleted the directories install created" test ! -e "$XDG_CONFIG_HOME/systemd"
frun remind remove
expect_out "Nothing to remove"

# --- the breaks service -------------------------------------------------------------------
mkdir -p "$(dirname "$CONFIG")"
# Round-the-clock work hours: these checks do not depend on the time of day they run at.
printf 'work_hours = "00:00-24:00"\nwork_days = "mon-sun"\n' >"$CONFIG"
due() {  # due [SNOOZES]: the break is due now (its interval began 56 minutes ago)
  mkdir -p "$(dirname "$STATE")"
  local now; now=$(date +%s)
  if [ "${1:-0}" -gt 0 ]; then
    printf 'interval_start=%s\nsnoozed_until=%s\nsnoozes=%s\nnoted_no_idle=1\n' $((now - 600)) $((now - 30)) "$1" >"$STATE"
  else
    printf 'interval_start=%s\nnoted_no_idle=1\n' $((now - 56 * 60)) >"$STATE"
  fi
}

rm -f "$STATE"
frun remind breaks --once
expect_rc 0
expect_out "Next desk-break check:"
check "a fresh start does not remind at once" not_called "notify-send"
expect_err "no idle source (neither loginctl's IdleHint nor xprintidle answered): reminding by the clock"
frun remind breaks --once
check "no idle source is said once" test -z "$ERR"

due; FAKE_NOTIFY_ANSWER=take frun remind breaks --once
expect_rc 0
check "the reminder offers Take the break, Snooze and Skip" called "--wait --expire-time=300000 --action=take=Take the break --action=snooze=Snooze 5m --action=skip=Skip Time for a desk break"
check "Take the break is stored as done" test "$(last_break)" == "break|desk-break|done"
for i in $(seq 50); do grep -q "x-terminal-emulator" "$CALLS" && break; sleep 0.1; done
check "Take the break opens the routine in a terminal" called "x-terminal-emulator -e $PSOAS routine run desk-break"

due; FAKE_NOTIFY_ANSWER=snooze frun remind breaks --once
check "Snooze is stored as snoozed" test "$(last_break)" == "break|desk-break|snoozed"
check "the snooze is counted" grep -qx "snoozes=1" "$STATE"
due; FAKE_NOTIFY_ANSWER=skip frun remind breaks --once
check "Skip is stored as skipped" test "$(last_break)" == "break|desk-break|skipped"
due; FAKE_NOTIFY_ANSWER= frun remind breaks --once
check "no answer is stored as missed" test "$(last_break)" == "break|desk-break|missed"

# The snooze limit: after max_snoozes (2) Snooze is not offered.
due 1; FAKE_NOTIFY_ANSWER=snooze frun remind breaks --once
check "the second snooze is offered" called "--action=snooze="
check "the second snooze is counted" grep -qx "snoozes=2" "$STATE"
due 2; FAKE_NOTIFY_ANSWER=snooze frun remind breaks --once
check "after two snoozes Snooze is not offered" not_called "--action=snooze="
check "an answer it did not offer is missed" test "$(last_break)" == "break|desk-break|missed"
echo "max_snoozes = 0" >>"$CONFIG"
due; frun remind breaks --once
check "max_snoozes = 0 never offers Snooze" not_called "--action=snooze="
sed -i '/max_snoozes/d' "$CONFIG"

# Idle: xprintidle says 10 minutes -> an idle break, no notification; back -> a new interval.
fake xprintidle 'echo "${FAKE_IDLE_MS:-0}"'
N=$(break_count)
due; FAKE_IDLE_MS=600000 frun remind breaks --once
expect_rc 0
check "idle: xprintidle was asked" called "xprintidle"
check "idle: no notification" not_called "notify-send"
check "idle for a break's length is stored as idle" test "$(last_break)" == "break|desk-break|idle"
check "idle: the service waits for activity" grep -qx "away=1" "$STATE"
FAKE_IDLE_MS=5000 frun remind breaks --once
check "activity resumed: no notification" not_called "notify-send"
check "activity resumed: nothing more stored" test "$(break_count)" -eq $((N + 1))
check "activity resumed: a new interval" grep -qx "away=0" "$STATE"
rm "$FAKE/xprintidle"
# logind: idle since 10 minutes ago, with no xprintidle; then a locked screen.
due; FAKE_LOGIN="IdleHint=yes
IdleSinceHint=$(( ($(date +%s) - 600) * 1000000 ))
LockedHint=no" frun remind breaks --once
check "loginctl was asked about the session" called "loginctl show-session auto -p IdleHint -p IdleSinceHint -p LockedHint"
check "logind idle is an idle break" test "$(last_break)" == "break|desk-break|idle"
check "logind idle: no notification" not_called "notify-send"
due; FAKE_LOGIN="IdleHint=no
IdleSinceHint=0
LockedHint=yes" frun remind breaks --once
check "a locked screen counts as idle" test "$(last_break)" == "break|desk-break|idle"
due; FAKE_LOGIN="IdleHint=no
IdleSinceHint=0
LockedHint=no" FAKE_NOTIFY_ANSWER=skip frun remind breaks --once
check "active in the session: reminded" called "notify-send"

# --- the log prompt -------------------------------------------------------------------------
# The day boundary (day_starts_at) twelve hours away from now, so "today" cannot change
# during these checks.
HOUR=$(date -u +%H)
printf 'day_starts_at = "%02d:00"\n' $(( (10#$HOUR + 12) % 24 )) >>"$CONFIG"
frun remind log-prompt
expect_rc 0
check "nothing logged: the prompt is sent" called "notify-send --app-name=psoas How is your pain today? psoas log N"
frun log 3
frun remind log-prompt
expect_rc 0
expect_out "Already logged today (1 entry): no prompt."
check "logged today: no prompt" not_called "notify-send"

# --- the weekly summary, and the report counts missed and idle breaks ------------------------
frun remind weekly
expect_rc 0
check "the weekly summary is notified" called "notify-send --app-name=psoas psoas: your week"
expect_out "Desk breaks: 1 done, 2 skipped, 2 snoozed, 3 missed, 3 idle."
frun report
expect_out "Desk breaks: 1 done, 2 skipped, 2 snoozed, 3 missed, 3 idle."
frun report --json
expect_out '"breaks":{"done":1,"skipped":2,"snoozed":2,"missed":3,"idle":3}'

# --- a real user manager, when this machine has one -----------------------------------------
# Its unit path is the real account's ~/.config/systemd/user, not this test's HOME, so the
# real round trip runs only when asked (PSOAS_TEST_REAL_SYSTEMD=1) and with the real HOME.
state=$(systemctl --user is-system-running 2>/dev/null)
if [[ "$state" == running || "$state" == degraded ]] && [ "${PSOAS_TEST_REAL_SYSTEMD:-}" = 1 ]; then
  REAL_HOME=$(getent passwd "$(id -u)" | cut -d: -f6)
  BEFORE=$(find "$REAL_HOME/.config/systemd/user" 2>/dev/null | sort)
  for step in "install" "status" "remove"; do
    CURRENT="real remind $step"
    # shellcheck disable=SC2086
    HOME="$REAL_HOME" XDG_CONFIG_HOME="$REAL_HOME/.config" PATH="$FAKE:$PATH" "$PSOAS" remind $step >"$T/out" 2>"$T/err"; RC=$?
    expect_rc 0
  done
  check "real install -> status -> remove leaves the unit directory as it was" test "$(find "$REAL_HOME/.config/systemd/user" 2>/dev/null | sort)" == "$BEFORE"
else
  echo "skip: the real systemd user manager round trip (user manager: ${state:-none}; it runs with PSOAS_TEST_REAL_SYSTEMD=1 and a running one)" >&2
fi
