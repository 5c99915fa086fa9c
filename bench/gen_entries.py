#!/usr/bin/env python3
"""Writes N journal entries as the CSV `psoas log export` writes (and `psoas log import` reads).

    bench/gen_entries.py 1000000 > entries.csv

Deterministic (fixed seed): the same N gives the same file. Entries are 90 s apart from
2020-01-01, with the mix of fields a real journal has: 0-2 places, 0-2 triggers, PEG items
on some entries, a note on a few (some with commas, quotes and newlines).
"""
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

AREAS = ["lower-back", "groin", "front-of-hip", "buttock", "thigh", "leg"]
SIDES = ["", "left ", "right ", "both "]
TRIGGERS = ["sitting", "stress", "running", "core-workout", "poor-sleep", "dehydration", "long drive"]
HELPED = ["heat", "ice", "stretch", "massage", "walk", "rest"]
NOTES = ["", "", "", "", "after the commute", 'felt "tight", then eased', "line one\nline two"]


def csv_field(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n\r') else s


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    rng = random.Random(1)
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    out = sys.stdout
    out.write("uuid,at,pain,enjoyment,activity,where,triggers,helped,note\n")
    for i in range(n):
        u = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        offset = timedelta(hours=1 if (i // 1000) % 2 else 2)
        local = (start + timedelta(seconds=90 * i) + offset).replace(tzinfo=timezone(offset))
        pain = rng.randint(0, 10)
        peg = rng.random() < 0.15
        enjoyment = str(rng.randint(0, 10)) if peg else ""
        activity = str(rng.randint(0, 10)) if peg else ""
        where = ";".join(
            rng.choice(SIDES) + a + (f"={rng.randint(0, 10)}" if rng.random() < 0.3 else "")
            for a in rng.sample(AREAS, rng.randint(0, 2)))
        triggers = ";".join(rng.sample(TRIGGERS, rng.randint(0, 2)))
        helped = ";".join(rng.sample(HELPED, rng.randint(0, 1)))
        note = rng.choice(NOTES)
        out.write(f"{u},{local.isoformat()},{pain},{enjoyment},{activity},{csv_field(where)},"
                  f"{csv_field(triggers)},{csv_field(helped)},{csv_field(note)}\n")


if __name__ == "__main__":
    main()
