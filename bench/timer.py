#!/usr/bin/env python3
"""Benchmark of `psoas timer`: how close a countdown ends to its length, and the CPU it uses.

Runs `psoas timer SECONDS --quiet --no-ask` RUNS times (no pain prompt on a terminal, issue 13), either with stdout and stdin not a terminal
(plain lines) or on a pseudo-terminal of 80x24 (the full screen, redrawn every second), in a
temporary HOME. For each run it reports the wall time from spawn to exit, how far that is
from SECONDS, and the user+sys CPU of the process (from wait4). Prints one line per run and
the medians. No PSOAS_TIME_SCALE: these are real waits.

With --parallel the runs overlap: one starts every --stagger seconds (default 1) after
--offset, so no two start or end together and 20 runs of a 60 s timer take 80 s. Output
goes to a pipe (plain) or the run's own pty, and each run also reports its last output
(the end of the countdown as the person sees it) besides its exit, and the time from its
first output (the countdown's start) to its last: the countdown's own drift. --json prints the
summary as one JSON object (bench/run reads it).

usage: timer.py PSOAS [--mode plain|pty] [--runs N] [--seconds S]
                [--parallel [--stagger S] [--offset S]] [--json]
"""
import argparse
import json
import fcntl
import os
import select
import statistics
import struct
import sys
import tempfile
import termios
import time


def environment(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PSOAS_")}
    env.update(HOME=home, XDG_CONFIG_HOME=home + "/.config", XDG_DATA_HOME=home + "/.local/share",
               XDG_RUNTIME_DIR=home, TERM="xterm-256color", LC_ALL="C.UTF-8")
    return env


def launch(argv, env, stdout=None, tty=None):
    """Starts argv with stdin (and stderr) on /dev/null and stdout on the fd `stdout`, or all
    three on the pty slave named `tty` as its controlling terminal (a new session). Returns
    (pid, start). posix_spawn (a vfork in glibc), not os.fork: forking this Python process
    copies its page tables and takes about 10 ms on the VM of bench/README.md, which a
    timer would then be blamed for (`psoas --version` measured 13 ms from a fork, 3 ms from
    posix_spawn). start is taken just before the spawn, so it still counts the exec."""
    if tty is not None:
        actions = [(os.POSIX_SPAWN_OPEN, 0, tty, os.O_RDWR, 0),
                   (os.POSIX_SPAWN_DUP2, 0, 1), (os.POSIX_SPAWN_DUP2, 0, 2)]
    else:
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDWR, 0),
                   (os.POSIX_SPAWN_DUP2, stdout, 1), (os.POSIX_SPAWN_DUP2, 0, 2)]
    start = time.monotonic()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=tty is not None)
    return pid, start


def open_pty():
    """A pseudo-terminal of 80x24: (master fd, slave fd, slave path)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return master, slave, os.ttyname(slave)


def run_plain(argv, env):
    out = os.open(os.devnull, os.O_WRONLY)
    pid, start = launch(argv, env, stdout=out)
    os.close(out)
    _, status, usage = os.wait4(pid, 0)
    return time.monotonic() - start, usage, status


def run_pty(argv, env):
    master, slave, tty = open_pty()
    pid, start = launch(argv, env, tty=tty)
    os.close(slave)
    drawn = 0
    while True:  # drain the screen output, or the child would block on a full pty
        ready, _, _ = select.select([master], [], [], 1.0)
        if not ready:
            continue
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        drawn += len(data)
    _, status, usage = os.wait4(pid, 0)
    os.close(master)
    return time.monotonic() - start, usage, status, drawn


def spawn(argv, env, mode):
    """Starts one run with its output on a pipe (plain) or a pty; returns (pid, fd, start)."""
    if mode == "pty":
        master, slave, tty = open_pty()
        pid, start = launch(argv, env, tty=tty)
    else:
        master, slave = os.pipe()
        pid, start = launch(argv, env, stdout=slave)
    os.close(slave)
    return pid, master, start


def run_parallel(psoas, seconds, mode, runs, stagger, offset):
    """Run i starts at offset + i * stagger seconds; the runs overlap, their starts and ends
    do not. Returns a list of (end of output, exit, usage, status, first to last output),
    times from the spawn."""
    homes = [tempfile.TemporaryDirectory(prefix="psoas-bench-timer.") for _ in range(runs)]
    argv = [psoas, "timer", f"{seconds}s", "--quiet", "--no-ask"]  # no pain prompt on the pty
    t0 = time.monotonic() + offset
    started, fds, first, last, results = {}, {}, {}, {}, [None] * runs
    nxt = 0
    while nxt < runs or started:
        now = time.monotonic()
        if nxt < runs and now >= t0 + nxt * stagger:
            pid, fd, start = spawn(argv, environment(homes[nxt].name), mode)
            started[pid] = (nxt, start)
            fds[fd] = nxt
            nxt += 1
            continue
        wait = 0.05 if nxt >= runs else max(0.0, min(0.05, t0 + nxt * stagger - now))
        ready, _, _ = select.select(list(fds), [], [], wait) if fds else ([], [], time.sleep(wait))
        for fd in ready:
            i = fds[fd]
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if data:
                last[i] = time.monotonic()
                first.setdefault(i, last[i])
            else:
                os.close(fd)
                del fds[fd]
        while started:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
            if pid == 0:
                break
            i, start = started.pop(pid)
            results[i] = [last.get(i, start) - start, time.monotonic() - start, usage, status,
                          last.get(i, start) - first.get(i, start)]
    for h in homes:
        h.cleanup()
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("psoas")
    ap.add_argument("--mode", choices=["plain", "pty"], default="plain")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--parallel", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--stagger", type=float, default=1.0, help="with --parallel: seconds between starts")
    ap.add_argument("--offset", type=float, default=0.0, help="with --parallel: seconds before the first")
    a = ap.parse_args()
    psoas = os.path.abspath(a.psoas)
    walls, cpus = [], []
    if a.parallel:
        ends, counts = [], []
        for i, (end, wall, usage, status, counted) in enumerate(run_parallel(psoas, a.seconds, a.mode, a.runs, a.stagger, a.offset)):
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"run {i + 1}: psoas exited with {os.waitstatus_to_exitcode(status)}")
            ends.append(end)
            counts.append(counted)
            walls.append(wall)
            cpus.append(usage.ru_utime + usage.ru_stime)
        off = [1000 * (e - a.seconds) for e in ends]
        exit_off = [1000 * (w - a.seconds) for w in walls]
        summary = {"mode": a.mode, "runs": a.runs, "seconds": a.seconds,
                   "wall_median": statistics.median(walls), "off_ms_median": statistics.median(off),
                   "off_ms_worst": max(off, key=abs), "exit_ms_median": statistics.median(exit_off),
                   "exit_ms_worst": max(exit_off, key=abs),
                   "drift_ms_median": statistics.median(1000 * (c - a.seconds) for c in counts),
                   "drift_ms_worst": max((1000 * (c - a.seconds) for c in counts), key=abs),
                   "cpu_median": statistics.median(cpus), "cpu_max": max(cpus),
                   "off_ms": [round(o, 2) for o in off]}
        if a.json:
            print(json.dumps(summary))
        else:
            print(f"{a.mode} median of {a.runs} (parallel): last output {summary['off_ms_median']:+.1f} ms "
                  f"(worst {summary['off_ms_worst']:+.1f} ms), exit {summary['exit_ms_median']:+.1f} ms "
                  f"(worst {summary['exit_ms_worst']:+.1f} ms) after {a.seconds} s, "
                  f"first to last output {summary['drift_ms_median']:+.1f} ms (worst {summary['drift_ms_worst']:+.1f})  "
                  f"cpu {summary['cpu_median']:.3f} s (max {summary['cpu_max']:.3f} s)")
        return
    for i in range(a.runs):
        with tempfile.TemporaryDirectory(prefix="psoas-bench-timer.") as home:
            argv = [psoas, "timer", f"{a.seconds}s", "--quiet", "--no-ask"]
            env = environment(home)
            extra = ""
            if a.mode == "plain":
                wall, usage, status = run_plain(argv, env)
            else:
                wall, usage, status, drawn = run_pty(argv, env)
                extra = f"  screen output {drawn} bytes"
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"run {i + 1}: psoas exited with {os.waitstatus_to_exitcode(status)}")
            cpu = usage.ru_utime + usage.ru_stime
            walls.append(wall)
            cpus.append(cpu)
            print(f"{a.mode} run {i + 1}: wall {wall:.4f} s (off by {1000 * (wall - a.seconds):+.1f} ms)"
                  f"  cpu {cpu:.3f} s (user {usage.ru_utime:.3f}, sys {usage.ru_stime:.3f}){extra}", flush=True)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"{a.mode} median of {a.runs}: wall {wall:.4f} s (off by {1000 * (wall - a.seconds):+.1f} ms, "
          f"worst {1000 * max(abs(w - a.seconds) for w in walls):.1f} ms)  cpu {cpu:.3f} s (max {max(cpus):.3f} s)")


if __name__ == "__main__":
    main()
