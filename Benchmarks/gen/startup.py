#!/usr/bin/env python3
"""Start-up cost: runs one command K times (default 20) and appends to run.sh's TSV one
row with the FASTEST run's wall time and that run's CPU time and peak RSS (a process's
start-up is below GNU time's 10 ms resolution, so it is timed here with perf_counter and
wait4). The command's output is discarded; its exit status is recorded.

    python3 startup.py --tsv FILE --task NAME --n N [--runs K] -- CMD ARGS...
"""
import argparse
import os
import subprocess
import time


def load1():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsv", required=True)
    ap.add_argument("--task", required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    before = load1()
    best = None
    for _ in range(a.runs):
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        if best is None or wall < best[0]:
            best = (wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
    wall, user, sys_, rss, rc = best
    with open(a.tsv, "a") as f:
        f.write(f"{a.task}\t{a.n}\t{wall:.4f}\t{user:.4f}\t{sys_:.4f}\t{rss}\t{before}\t{load1()}\t{rc}\t{a.runs}\tmin of {a.runs}\n")
    print(f"   {a.task} N={a.n}: min {wall * 1000:.1f} ms of {a.runs} (rc {rc})", flush=True)


if __name__ == "__main__":
    main()
