#!/usr/bin/env python3
"""Writes N journal entries for the report benchmark, as the CSV `psoas log import` reads.

    bench/report_gen.py 1000000 > big.csv
    bench/report_gen.py 1000 > small.csv

The newest RECENT (default 1,000) entries are the same whatever N is: four a day at 08:00,
12:00, 17:00 and 21:00 (+01:00) for 250 days ending 2026-03-01. The other N - RECENT are
older, 90 s apart, ending the day before. So a report over the last weeks reads the same
rows from both journals, and any difference in time comes from the journal's size alone.
Deterministic (fixed seed).
"""
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=1))
END = datetime(2026, 3, 1, tzinfo=TZ)  # the last day with entries
AREAS = ["lower-back", "groin", "front-of-hip", "buttock"]
SIDES = ["", "left ", "right "]
TRIGGERS = ["sitting", "stress", "running", "poor-sleep"]
HELPED = ["heat", "ice", "stretch", "walk"]
TIMES = [(8, 0), (12, 0), (17, 0), (21, 0)]


def csv_field(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n\r') else s


def row(rng, at):
    u = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    pain = rng.randint(1, 8)
    peg = rng.random() < 0.05
    enjoyment = str(rng.randint(0, 10)) if peg else ""
    activity = str(rng.randint(0, 10)) if peg else ""
    where = ";".join(rng.choice(SIDES) + a + f"={pain}" for a in rng.sample(AREAS, rng.randint(0, 1)))
    triggers = ";".join(rng.sample(TRIGGERS, rng.randint(0, 2)))
    helped = ";".join(rng.sample(HELPED, rng.randint(0, 1)))
    return f"{u},{at.isoformat()},{pain},{enjoyment},{activity},{csv_field(where)},{triggers},{helped},\n"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    recent = min(n, int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    days = (recent + len(TIMES) - 1) // len(TIMES)
    first_day = END - timedelta(days=days - 1)
    out = sys.stdout
    out.write("uuid,at,pain,enjoyment,activity,where,triggers,helped,note\n")
    old = n - recent
    rng = random.Random(2)
    old_end = first_day - timedelta(days=1)
    for i in range(old):
        out.write(row(rng, old_end - timedelta(seconds=90 * (old - i))))
    rng = random.Random(1)  # the recent part is the same for every n
    written = 0
    for d in range(days):
        for h, m in TIMES:
            if written == recent:
                break
            out.write(row(rng, (first_day + timedelta(days=d)).replace(hour=h, minute=m)))
            written += 1


if __name__ == "__main__":
    main()
