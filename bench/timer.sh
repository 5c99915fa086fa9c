#!/bin/bash
# Benchmark of `psoas timer 60s`: ends within 20 ms of 60.000 s and uses <= 0.1 s CPU when
# not on a terminal; <= 0.3 s CPU on a pseudo-terminal (the full screen). Takes about
# 2 x RUNS minutes. Figures go in bench/README.md under "timer".
#
# usage: bench/timer.sh [PSOAS] [RUNS]     (default build/release/psoas, 5 runs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
psoas=${1:-$here/../build/release/psoas}
runs=${2:-5}
[ -x "$psoas" ] || { echo "no psoas binary at $psoas (build the release preset first)" >&2; exit 1; }
echo "psoas: $psoas ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 "$here/timer.py" "$psoas" --mode plain --runs "$runs"
python3 "$here/timer.py" "$psoas" --mode pty --runs "$runs"
