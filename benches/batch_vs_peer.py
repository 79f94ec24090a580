#!/usr/bin/env python3
"""The batch target, rerun: `parse-notice` on 100 copies of the fixture
against `benches/peer.py` on the same files.

    cargo build --release
    python3 benches/batch_vs_peer.py            # 20 runs of each, 3 warm-ups
    python3 benches/batch_vs_peer.py --runs 40

It may be run from anywhere: the paths are the repository's, found from
this file's place. The Python reading is run by the interpreter that runs
this script (`sys.executable`), not through a `python3` found on the PATH:
under pyenv that is a shell script that adds 50-90 ms to each start.

Two orders, as the machine is shared and its state moves within seconds:
- blocks: every run of `parse-notice`, then every run of `peer.py`, as
  hyperfine runs two commands;
- pairs: the two alternated, one run each in turn, so both see the same
  moment of the host.
Each line gives the median wall time of each command (with its range);
for blocks the ratio of the medians, for pairs the median of the pairs'
ratios. Only the standard library is used.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "guangdong-2023.txt"
BINARY = ROOT / "target" / "release" / "parse-notice"
PEER = ROOT / "benches" / "peer.py"


def wall_time(command):
    """Seconds one run of `command` takes, its output discarded."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"error: {Path(command[0]).name} {' '.join(command[1:2])} exited with status {done.returncode}")
    return took


def summary(name, times):
    """'name 15.6 ms (14.9-17.0)': the median and the range, in ms."""
    ms = [t * 1e3 for t in times]
    return f"{name} {statistics.median(ms):.1f} ms ({min(ms):.1f}-{max(ms):.1f})"


def report(order, ours, peer, ratio):
    print(f"{order:<7} {summary('parse-notice', ours)}, {summary('peer.py', peer)}: {ratio:.1f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each command, per order")
    parser.add_argument("--copies", type=int, default=100, help="copies of the fixture in the batch")
    args = parser.parse_args()
    if args.runs < 1 or args.copies < 1:
        parser.error("--runs and --copies must be at least 1")
    if not BINARY.is_file():
        sys.exit(f"error: {BINARY} is missing: run `cargo build --release` first")
    for needed in (FIXTURE, PEER):
        if not needed.is_file():
            sys.exit(f"error: {needed} is missing")
    files = [str(FIXTURE)] * args.copies
    ours = [str(BINARY), *files]
    peer = [sys.executable, str(PEER), *files]
    for _ in range(3):
        wall_time(ours)
        wall_time(peer)

    blocks_ours = [wall_time(ours) for _ in range(args.runs)]
    blocks_peer = [wall_time(peer) for _ in range(args.runs)]
    report("blocks", blocks_ours, blocks_peer, statistics.median(blocks_peer) / statistics.median(blocks_ours))

    pairs_ours, pairs_peer = [], []
    for _ in range(args.runs):
        pairs_ours.append(wall_time(ours))
        pairs_peer.append(wall_time(peer))
    ratios = [p / o for o, p in zip(pairs_ours, pairs_peer)]
    report("pairs", pairs_ours, pairs_peer, statistics.median(ratios))
    print(f"({args.copies} copies of {FIXTURE.name}; {args.runs} runs each; peer.py run by {sys.executable})")


if __name__ == "__main__":
    main()
