"""Time ``Analyzer.analyze_many`` on 1 and on 2 threads over the sample articles.

Not a test (wall-clock figures depend on the machine and its load): run it by hand on a quiet
machine, with the package built in release mode::

    python bindings/python/bench/analyze_many.py            # 8 copies of samples/, 9 rounds
    python bindings/python/bench/analyze_many.py --copies 8 --rounds 7 --threads 1 2

Prints the best and median seconds per thread count, the throughput, and the speed-up of each
thread count over one thread (the median of per-round ratios).
"""

import argparse
import os
import resource
import statistics
import time
from pathlib import Path

import zhnews

ROOT = Path(__file__).resolve().parents[3]


def sample_articles():
    """Every sample article as text (the hand-repaired reference `*.clean.txt` left out)."""
    paths = sorted(p for p in (ROOT / "samples").glob("*/*.txt") if not p.name.endswith(".clean.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def process_cpu_seconds():
    """User plus system CPU seconds of this process so far, over all its threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="how many times the samples repeat")
    parser.add_argument("--rounds", type=int, default=9, help="timed runs per thread count")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    texts = sample_articles() * args.copies
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    analyzer = zhnews.Analyzer()
    # The tables load lazily on first use; load them before any timing.
    analyzer.analyze_many(texts[:4], threads=max(args.threads))
    print(
        f"zhnews {zhnews.__version__}: {len(texts)} articles, {megabytes:.2f} MB, {args.rounds} rounds; "
        f"load average before: {os.getloadavg()[0]:.2f} (another process's load skews the ratio)"
    )

    # This machine's CPU speed drifts by 15% or more from one second to the next (a shared VM),
    # which swamps a ratio of two separate bests. So each round times every thread count back
    # to back, in an order that reverses every round, and the speed-up is the median of the
    # per-round ratios. CPU seconds (user + system, all threads) are printed beside wall time:
    # equal CPU time on 1 and 2 threads means the threads do not slow each other down.
    wall = {threads: [] for threads in args.threads}
    cpu = {threads: [] for threads in args.threads}
    ratios = {threads: [] for threads in args.threads[1:]}
    for round_index in range(args.rounds):
        order = args.threads if round_index % 2 == 0 else list(reversed(args.threads))
        this_round = {}
        for threads in order:
            cpu_start, start = process_cpu_seconds(), time.perf_counter()
            results = analyzer.analyze_many(texts, threads=threads)
            this_round[threads] = time.perf_counter() - start
            cpu[threads].append(process_cpu_seconds() - cpu_start)
            wall[threads].append(this_round[threads])
            assert len(results) == len(texts)
        for threads in ratios:
            ratios[threads].append(this_round[args.threads[0]] / this_round[threads])
    for threads, seconds in wall.items():
        best = min(seconds)
        print(
            f"threads={threads}: best {best:.3f} s, median {statistics.median(seconds):.3f} s, "
            f"{len(texts) / best:.1f} articles/s, {megabytes / best:.2f} MB/s; "
            f"CPU median {statistics.median(cpu[threads]):.3f} s"
        )
    one = args.threads[0]
    for threads, per_round in ratios.items():
        print(
            f"speed-up {threads} vs {one} threads: median of rounds {statistics.median(per_round):.2f}x "
            f"(rounds {min(per_round):.2f}-{max(per_round):.2f}x; best against best "
            f"{min(wall[one]) / min(wall[threads]):.2f}x)"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
