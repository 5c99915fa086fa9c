# sync's convergence with the real binary: three journals, random operations (log, log
# edit, log rm, log import, undo, redo) interleaved with syncs in random order through one
# folder; after every device syncs twice, every journal holds the same records and
# `psoas report --json` prints the same on each. One device logs its times an hour behind
# (psoas has no fake clock for the binary: the clock stamps' handling of a lagging clock is
# the unit test test_sync_converge.cpp's). The seed is printed; PSOAS_SEED=N repeats a run.
# PSOAS_SYNC_OPS=N sets the number of operations: the issue's 500 with a release build (about
# 10 s), 100 with the sanitized one (dev), whose processes take 0.1-0.6 s each on a loaded
# 2-core machine (500 took 5 minutes there). The unit test runs 500 on every CTest run.
source "$(dirname "$0")/lib.sh"

SEED=${PSOAS_SEED:-$(( $(od -An -N2 -tu2 /dev/urandom) ))}
OPS=500
grep -q '^PSOAS_SANITIZE:BOOL=ON' "${PSOAS_BUILD_DIR:-/nonexistent}/CMakeCache.txt" 2>/dev/null && OPS=100
OPS=${PSOAS_SYNC_OPS:-$OPS}
RANDOM=$SEED
echo "seed $SEED, $OPS operations (PSOAS_SEED=$SEED repeats this run)"
: >"$T/out"; : >"$T/err"

D="$T/shared"; mkdir -p "$D"
J=("$T/a.db" "$T/b.db" "$T/c.db")
LAG=(0 0 3600)  # device c logs its times an hour behind
UNDO=0
"$PSOAS" undo --help 2>&1 | grep -q -- --list && UNDO=1  # undo came with the history branch
base=$(date -u -d '2026-11-30 08:00' +%s)

psoas_on() { "$PSOAS" --journal "${J[$1]}" "${@:2}" >"$T/out" 2>"$T/err" </dev/null; }
some_id() { sqlite3 "${J[$1]}" "SELECT id FROM entry ORDER BY random() LIMIT 1" 2>/dev/null; }
at_on() { date -u -d "@$((base + RANDOM * 3 - ${LAG[$1]}))" +%Y-%m-%dT%H:%M; }

# one_op: a random operation on a random device. A command that fails for a reason of the
# run itself (an rm of an entry an undo took away meanwhile) is fine; a sync must not fail.
one_op() {
  local d=$((RANDOM % 3)) op=$((RANDOM % 100)) id
  case 1 in
    $((op < 22)))
      psoas_on $d sync "$D" || fail "seed $SEED: sync on device $d failed: $(cat "$T/err")" ;;
    $((op < 45))) psoas_on $d log $((RANDOM % 11)) --at "$(at_on $d)" --note "n$RANDOM" ;;
    $((op < 62)))
      id=$(some_id $d); [ -n "$id" ] && psoas_on $d log edit "$id" --pain $((RANDOM % 11)) ;;
    $((op < 70)))
      id=$(some_id $d); [ -n "$id" ] && psoas_on $d log edit "$id" --note "e$RANDOM" ;;
    $((op < 78))) id=$(some_id $d); [ -n "$id" ] && psoas_on $d log rm "$id" --yes ;;
    $((op < 84)))
      printf '{"at":"%s","pain":%d}\n{"at":"%s","pain":%d}\n' "$(at_on $d)" $((RANDOM % 11)) \
        "$(at_on $d)" $((RANDOM % 11)) >"$T/import.jsonl"
      psoas_on $d log import "$T/import.jsonl" ;;
    $((op < 93))) [ $UNDO = 1 ] && psoas_on $d undo ;;
    *) [ $UNDO = 1 ] && psoas_on $d redo ;;
  esac
  return 0
}

for ((i = 0; i < OPS; i++)); do one_op; done
for round in 1 2; do
  for d in 0 1 2; do
    psoas_on $d sync "$D"
    rc=$?
    CURRENT="final sync $round on device $d"; CHECKS=$((CHECKS + 1))
    [ $rc = 0 ] || fail "seed $SEED: the final sync failed: $(cat "$T/err")"
  done
done

records() {
  sqlite3 "${J[$1]}" "SELECT e.uuid, e.at, e.utc_offset, e.pain, e.note, e.enjoyment, e.activity,
    (SELECT group_concat(area || side || coalesce(pain, ''), ',') FROM location WHERE entry_id = e.id)
    FROM entry AS e ORDER BY e.uuid"
}
report() { "$PSOAS" --journal "${J[$1]}" report --json --since 2026-11-01 --until 2026-12-31 2>&1; }
n=$(records 0 | wc -l)
echo "undo and redo: $([ $UNDO = 1 ] && echo included || echo 'not in this binary')" \
  "; $n entries on each device at the end"
for d in 1 2; do
  check "seed $SEED: device $d holds the same records as device 0" test "$(records $d)" == "$(records 0)"
  check "seed $SEED: device $d's report --json is the same as device 0's" test "$(report $d)" == "$(report 0)"
done
check "seed $SEED: the journals are not empty" test "$n" -gt 0
