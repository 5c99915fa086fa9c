#!/usr/bin/env python3
"""Writes N journal entries for the report benchmark, as the CSV `psoas log import` reads.

    bench/report_gen.py 1000000 > big.csv
    bench/report_gen.py 1000 > small.csv

The newest RECENT (default 1,000) entries are the same whatever N is: four a day at 08:00,
12:00, 17:00 and 21:00 (+01:00) for 250 days ending 2026-03-01. The other N - RECENT are
older, 90 s apart, ending the day before. So a report over the last weeks reads the same
rows from both journals, and any difference in time comes from the journal's size alone.
Deterministic (fixed seed).

    bench/report_gen.py 1000000 1000 --rated sessions.sql > big.csv

--rated also writes the 'morning' routine sessions bench/run inserts (07:30-07:45 +01:00 on
two days of three among the recent days, here with fixed uuids) as SQL to the file given,
and adds to the CSV the two ratings the timer takes for each (a minute before the start and
a minute after the end, linked by the session and session_role columns), so the report's
per-routine figures have rated sessions to measure. The N entries are unchanged; the
ratings come on top.
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


def row(rng, at, extra=""):
    u = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    pain = rng.randint(1, 8)
    peg = rng.random() < 0.05
    enjoyment = str(rng.randint(0, 10)) if peg else ""
    activity = str(rng.randint(0, 10)) if peg else ""
    where = ";".join(rng.choice(SIDES) + a + f"={pain}" for a in rng.sample(AREAS, rng.randint(0, 1)))
    triggers = ";".join(rng.sample(TRIGGERS, rng.randint(0, 2)))
    helped = ";".join(rng.sample(HELPED, rng.randint(0, 1)))
    return f"{u},{at.isoformat()},{pain},{enjoyment},{activity},{csv_field(where)},{triggers},{helped},{extra}\n"


SESSION_END = 1772346600  # 2026-03-01 07:30 +01:00, as in bench/run


def rated_sessions(days, sql_path):
    """The sessions' SQL, and their ratings as CSV rows (the session's uuid and role last)."""
    rng = random.Random(3)
    rows = []
    with open(sql_path, "w") as sql:
        for i in range(days):
            if i % 3 == 1:
                continue
            start = SESSION_END - 86400 * i
            sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            sql.write("INSERT INTO session (uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, "
                      f"outcome) VALUES ('{sid}', 'routine', 'morning', {start}, {start + 900}, 3600, 8, 8, 'completed');\n")
            before = rng.randint(3, 8)
            after = max(0, before - rng.randint(-1, 3))
            for at, pain, role in ((start - 60, before, "before"), (start + 960, after, "after")):
                when = datetime.fromtimestamp(at, TZ).isoformat()
                u = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                rows.append(f"{u},{when},{pain},,,,,,,{sid},{role}\n")
    return rows


def main():
    args = sys.argv[1:]
    sql_path = None
    if "--rated" in args:
        k = args.index("--rated")
        sql_path = args[k + 1]
        del args[k:k + 2]
    n = int(args[0]) if len(args) > 0 else 1000000
    recent = min(n, int(args[1]) if len(args) > 1 else 1000)
    days = (recent + len(TIMES) - 1) // len(TIMES)
    first_day = END - timedelta(days=days - 1)
    out = sys.stdout
    extra = ",," if sql_path else ""  # the session and session_role columns, empty for an ordinary entry
    out.write("uuid,at,pain,enjoyment,activity,where,triggers,helped,note" + (",session,session_role" if sql_path else "") + "\n")
    old = n - recent
    rng = random.Random(2)
    old_end = first_day - timedelta(days=1)
    for i in range(old):
        out.write(row(rng, old_end - timedelta(seconds=90 * (old - i)), extra))
    rng = random.Random(1)  # the recent part is the same for every n
    written = 0
    for d in range(days):
        for h, m in TIMES:
            if written == recent:
                break
            out.write(row(rng, (first_day + timedelta(days=d)).replace(hour=h, minute=m), extra))
            written += 1
    if sql_path:
        out.writelines(rated_sessions(days, sql_path))


if __name__ == "__main__":
    main()
