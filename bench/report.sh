#!/bin/sh
# Benchmark for psoas report (issue 6), whole process, median of RUNS runs (default 30):
# the weekly report on a 1,000,000-entry journal against the same report on a 1,000-entry
# journal whose newest rows are identical (bench/report_gen.py), so only the size differs.
# Targets: big <= 1.3 x small, and big <= 30 ms.
#
#   cmake --preset release && cmake --build --preset release && bench/report.sh [BUILD_DIR]
#
# Needs hyperfine, python3 and sqlite3. The journals are made with `psoas log import` (plus
# sessions and triage rows inserted with sqlite3) in a temporary directory, removed at the end;
# KEEP=DIR keeps them in DIR instead (and reuses them when they are already there).
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build/release}
RUNS=${RUNS:-30}
BIG_ROWS=${BIG_ROWS:-1000000}
PSOAS=$PWD/$BUILD/psoas
cmake --build "$BUILD" --target psoas >/dev/null

if [ -n "${KEEP:-}" ]; then WORK=$KEEP; mkdir -p "$WORK"; else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/psoas-bench-report.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" XDG_CONFIG_HOME="$WORK/home/.config"
export TZ="CET-1CEST,M3.5.0,M10.5.0/3" NO_COLOR=1
unset PSOAS_JOURNAL
mkdir -p "$HOME"

median() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.2f" % (x["median"]*1000) for x in r))' "$1"; }

# make DB ROWS OLD_SESSIONS: a journal of ROWS entries, a session every day of the recent
# 250 days, OLD_SESSIONS older ones every 15 minutes before them, a triage every 30 days.
make() {
  [ -s "$1" ] && return
  python3 bench/report_gen.py "$2" >"$WORK/entries.csv"
  "$PSOAS" --journal "$1" log import "$WORK/entries.csv" >/dev/null
  rm -f "$WORK/entries.csv"
  sqlite3 "$1" "
    WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 249)
    INSERT INTO session (uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome)
      SELECT lower(hex(randomblob(16))), 'routine', 'morning', 1772346600 - 86400 * i, 1772346600 - 86400 * i + 900,
             3600, 8, 8, 'completed' FROM d WHERE i % 3 <> 1;
    WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < $3)
    INSERT INTO session (uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome)
      SELECT lower(hex(randomblob(16))), 'break', 'break', 1750800000 - 900 * i, 1750800000 - 900 * i + 60,
             3600, 1, 1, 'done' FROM d WHERE $3 > 0;
    WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 8)
    INSERT INTO triage (uuid, at, utc_offset, outcome, answers, reasons, routine)
      SELECT lower(hex(randomblob(16))), 1772380800 - 86400 * 30 * i, 3600, 'self-care', '{}', '[]', 'morning' FROM d;"
}

echo "== psoas $("$PSOAS" --version | cut -d' ' -f2), $(nproc) CPUs, $(uname -r), $RUNS runs each"
echo "== making the journals (1,000 and $BIG_ROWS entries)"
make "$WORK/small.db" 1000 0
make "$WORK/big.db" "$BIG_ROWS" 100000
for db in small big; do
  echo "$db: $(sqlite3 "$WORK/$db.db" 'SELECT count(*) FROM entry') entries, $(sqlite3 "$WORK/$db.db" 'SELECT count(*) FROM session') sessions, $(du -h "$WORK/$db.db" | cut -f1)"
done

# The week ending on the last day with entries; the previous week and 12 weeks back are read too.
WEEK="report --from 2026-02-23 --to 2026-03-01"
echo "== weekly report: psoas $WEEK"
hyperfine -N --warmup 5 --runs "$RUNS" --export-json "$WORK/week.json" \
  "$PSOAS --journal $WORK/small.db $WEEK" "$PSOAS --journal $WORK/big.db $WEEK" >/dev/null
set -- $(median "$WORK/week.json")
echo "small: $1 ms   big: $2 ms   ratio: $(python3 -c "print('%.2f' % ($2 / $1))") (targets: ratio <= 1.3, big <= 30 ms)"

echo "== other formats and a 12-week report on the big journal (for information)"
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$WORK/other.json" \
  "$PSOAS --journal $WORK/big.db $WEEK --format json" \
  "$PSOAS --journal $WORK/big.db $WEEK --format html" \
  "$PSOAS --journal $WORK/big.db report --from 2025-12-08 --to 2026-03-01" >/dev/null
set -- $(median "$WORK/other.json")
echo "json: $1 ms   html: $2 ms   12 weeks: $3 ms"
