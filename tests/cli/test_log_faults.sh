# kill -9 at random moments (issue 8): during `psoas log import` and during a `psoas timer`
# session. After every kill the journal passes PRAGMA integrity_check, holds either none or
# all of that import's rows (and their places), at most the one finished session, and the
# next command works.
#
# Each kill waits a random time between 0 and 1.2 x the length of an uninterrupted run of
# the same command (measured first), so kills land in start-up, parsing, the inserts, the
# commit and after the end. One more import is killed once its WAL has grown past 1 MiB: in
# the middle of writing the transaction's pages.
#
# KILLS is 20 for each command and an import is ROWS = 20,000 rows in a release build (the
# WAL kill: 200,000 rows). A sanitized build is ~20 times slower, so there KILLS is 8 and
# ROWS 1,000 to keep the test
# under a minute. PSOAS_STRESS_KILLS / PSOAS_STRESS_ROWS set them either way.
source "$(dirname "$0")/lib.sh"

sanitized() {
  ldd "$PSOAS" 2>/dev/null | grep -q -e libasan -e libubsan ||
    grep -qs '^PSOAS_SANITIZE:BOOL=ON' "${PSOAS_BUILD_DIR:-/nonexistent}/CMakeCache.txt"
}
if sanitized; then KILLS=8 ROWS=1000 BIG=1000; else KILLS=20 ROWS=20000 BIG=200000; fi
KILLS=${PSOAS_STRESS_KILLS:-$KILLS}
ROWS=${PSOAS_STRESS_ROWS:-$ROWS}
echo "$KILLS kills each, $ROWS rows an import"

q() { sqlite3 "$JOURNAL" "$1"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# sleep_random MS: sleeps between 0 and MS milliseconds.
sleep_random() { sleep "$(awk -v max="$1" -v r="$(od -An -N4 -tu4 /dev/urandom)" 'BEGIN { printf "%.3f", r / 4294967296 * max / 1000 }')"; }
# csv NAME: an import file of ROWS entries whose uuids all start with NAME (8 hex digits).
csv() {
  awk -v n="$ROWS" -v p="$1" 'BEGIN {
    print "uuid,at,pain,enjoyment,activity,where,triggers,helped,note"
    for (i = 1; i <= n; i++)
      printf "%s-0000-4000-8000-%012x,2025-%02d-%02dT%02d:%02d:00Z,%d,,,left groin=%d,sitting,heat,row %d\n",
        p, i, (i % 12) + 1, (i % 28) + 1, i % 24, i % 60, i % 11, i % 11, i
  }' >"$T/$1.csv"
}
# after_kill WHAT: the checks after each kill.
after_kill() {
  CURRENT="$1"
  check "integrity_check ok" test "$(q 'PRAGMA integrity_check')" == ok
  check "no place without its entry" test "$(q 'SELECT count(*) FROM location WHERE entry_id NOT IN (SELECT id FROM entry)')" -eq 0
}

run log 3 --at 2026-01-01T10:00
expect_rc 0

# --- import --------------------------------------------------------------------------

# The length of one uninterrupted import, which also shows "all" is reachable.
csv aaaaaaaa
start=$(now_ms)
run log import "$T/aaaaaaaa.csv"
IMPORT_MS=$(($(now_ms) - start))
expect_rc 0
expect_out "imported $ROWS"
check "a whole import adds every row" test "$(q 'SELECT count(*) FROM entry')" -eq $((ROWS + 1))
echo "an uninterrupted import of $ROWS rows takes $IMPORT_MS ms"

none=0 all=0
# kill_import NAME HOW: starts importing NAME.csv, kills it with SIGKILL when HOW says, checks.
kill_import() {
  local name=$1 how=$2 before after pid size=
  before=$(q 'SELECT count(*) FROM entry')
  "$PSOAS" log import "$T/$name.csv" >/dev/null 2>"$T/import.err" </dev/null &
  pid=$!
  if [ "$how" == random ]; then
    sleep_random $((IMPORT_MS * 12 / 10))
  else
    while kill -0 "$pid" 2>/dev/null; do
      size=$(stat -c %s "$JOURNAL-wal" 2>/dev/null || echo 0)
      [ "$size" -gt 1048576 ] && break
    done
  fi
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  after_kill "import $name killed ($how${size:+, WAL $size bytes})"
  after=$(q 'SELECT count(*) FROM entry')
  local mine; mine=$(q "SELECT count(*) FROM entry WHERE uuid LIKE '$name-%'")
  check "none or all of the import: $((after - before)) of $ROWS rows" \
    test \( "$after" -eq "$before" -a "$mine" -eq 0 \) -o \( "$after" -eq $((before + ROWS)) -a "$mine" -eq "$ROWS" \)
  check "places match: $(q "SELECT count(*) FROM location JOIN entry ON entry.id = entry_id WHERE uuid LIKE '$name-%'")" \
    test "$(q "SELECT count(*) FROM location JOIN entry ON entry.id = entry_id WHERE uuid LIKE '$name-%'")" -eq "$mine"
  if [ "$mine" -eq 0 ]; then none=$((none + 1)); else all=$((all + 1)); fi
  # Keep the journal small, so every round (and its integrity_check) takes the same time.
  sqlite3 "$JOURNAL" "PRAGMA foreign_keys = ON; DELETE FROM entry WHERE uuid LIKE '$name-%'"
}
for k in $(seq "$KILLS"); do
  name=$(printf 'b%07x' "$k")
  csv "$name"
  kill_import "$name" random
  rm -f "$T/$name.csv"
done
# The WAL kill (issue 3): in the middle of a 200,000-row import (release builds).
ROWS=$BIG
csv cccccccc
kill_import cccccccc wal
echo "import kills: $none left nothing, $all left the whole import"

# The journal still works, and a killed import can simply be run again.
run log import "$T/cccccccc.csv"
expect_rc 0
check "the killed import runs again" test "$(q "SELECT count(*) FROM entry WHERE uuid LIKE 'cccccccc-%'")" -eq "$ROWS"
run log 4 --at 2026-01-02T10:00
expect_rc 0

# --- timer ---------------------------------------------------------------------------

# Two reps of 5 s holds on each side with rests, at 1/100 of real time: the session is stored
# at the end, so a kill leaves either no new session or the one complete session. In a
# journal of its own, holding a few entries.
export PSOAS_TIME_SCALE=0.01
JOURNAL="$T/timer/journal.db"
mkdir -p "$T/timer"
export PSOAS_JOURNAL="$JOURNAL"
run log 4 --at 2026-01-02T10:00
expect_rc 0
sessions() { q 'SELECT count(*) FROM session'; }
start=$(now_ms)
run timer 5s --sides --reps 2 --rest 3s --label killed
TIMER_MS=$(($(now_ms) - start))
expect_rc 0
check "an uninterrupted timer stores its session" test "$(sessions)" -eq 1
echo "an uninterrupted timer takes $TIMER_MS ms"
stored=0
for k in $(seq "$KILLS"); do
  before=$(sessions)
  "$PSOAS" timer 5s --sides --reps 2 --rest 3s --label killed >/dev/null 2>&1 </dev/null &
  pid=$!
  sleep_random $((TIMER_MS * 12 / 10))
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  after_kill "timer killed (kill $k)"
  after=$(sessions)
  check "no session or the whole one ($before -> $after)" test "$after" -eq "$before" -o "$after" -eq $((before + 1))
  check "no partial session row" test "$(q "SELECT count(*) FROM session WHERE outcome <> 'completed'")" -eq 0
  [ "$after" -gt "$before" ] && stored=$((stored + 1))
done
echo "timer kills: $((KILLS - stored)) before the end, $stored after"

run timer 1s
expect_rc 0
run log list --limit 1
expect_rc 0
expect_out "2026-01-02 10:00"
check "integrity_check ok at the end" test "$(q 'PRAGMA integrity_check')" == ok
