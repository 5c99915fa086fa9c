# Eight processes each adding EACH entries at once to a journal that does not exist yet
# (so they also race to create the file and its schema), while a ninth keeps reading it:
# writers wait for each other (busy timeout, IMMEDIATE transactions), none fails, no row is
# lost or doubled, and every writer is told a different id.
#
# EACH is 500 (8 x 500 = 4,000 rows, issue 8) in a release build. A sanitized build starts
# each process about 20 times slower (~0.5 s), so there it is 4 (32 rows) to keep the test
# under a minute; PSOAS_STRESS_EACH=N sets it either way.
source "$(dirname "$0")/lib.sh"

sanitized() {
  ldd "$PSOAS" 2>/dev/null | grep -q -e libasan -e libubsan ||
    grep -qs '^PSOAS_SANITIZE:BOOL=ON' "${PSOAS_BUILD_DIR:-/nonexistent}/CMakeCache.txt"
}
WRITERS=8
if [ -n "${PSOAS_STRESS_EACH:-}" ]; then EACH=$PSOAS_STRESS_EACH; elif sanitized; then EACH=4; else EACH=500; fi
TOTAL=$((WRITERS * EACH))
echo "$WRITERS writers x $EACH entries"

pids=()
for p in $(seq $WRITERS); do
  (
    for i in $(seq $EACH); do
      "$PSOAS" log $((i % 11)) --trigger sitting --where "left groin=$((i % 11))" --note "writer $p" \
        >>"$T/ids.$p" 2>>"$T/err.$p" </dev/null || echo "writer $p entry $i failed" >>"$T/failures"
    done
  ) &
  pids+=($!)
done
# A reader: list and report while the writers write. It must never see an error either
# (once the file exists; before that, a reader sees an empty journal).
(
  while [ ! -e "$T/done" ]; do
    "$PSOAS" log list --limit 3 >/dev/null 2>>"$T/err.reader" </dev/null || echo "reader: list failed" >>"$T/failures"
    "$PSOAS" report --format json >/dev/null 2>>"$T/err.reader" </dev/null || echo "reader: report failed" >>"$T/failures"
  done
) &
reader=$!
wait "${pids[@]}"
touch "$T/done"
wait "$reader"

rows() { sqlite3 "$JOURNAL" "$1"; }
CURRENT="$WRITERS x $EACH concurrent psoas log"
check "no writer or reader failed: $(head -3 "$T/failures" 2>/dev/null)" test ! -s "$T/failures"
# (Only "created a new journal": the first writers may each have made it.)
check "no error output: $(cat "$T"/err.* 2>/dev/null | head -3)" test -z "$(cat "$T"/err.* 2>/dev/null | grep -v '^psoas: created a new journal at ')"
check "exactly $TOTAL rows" test "$(rows 'SELECT count(*) FROM entry')" -eq $TOTAL
check "$EACH from each writer" \
  test "$(rows "SELECT count(*) FROM entry GROUP BY note HAVING count(*) = $EACH" | wc -l)" -eq $WRITERS
check "$TOTAL distinct uuids" test "$(rows 'SELECT count(DISTINCT uuid) FROM entry')" -eq $TOTAL
check "one location per entry" test "$(rows 'SELECT count(*) FROM location')" -eq $TOTAL
check "$TOTAL ids printed" test "$(cat "$T"/ids.* | wc -l)" -eq $TOTAL
check "every writer was told a different id" test "$(sort -u "$T"/ids.* | wc -l)" -eq $TOTAL
check "the printed ids are the journal's ids" \
  test "$(sort -n "$T"/ids.* | tr '\n' ' ')" == "$(rows 'SELECT id FROM entry ORDER BY id' | tr '\n' ' ')"
check "integrity_check ok" test "$(rows 'PRAGMA integrity_check')" == ok
expect_file_mode "$JOURNAL" 600
expect_file_mode "$(dirname "$JOURNAL")" 700
