"""Time ``Analyzer.analyze_many`` on 1 and on 2 threads over the sample articles.

Not a test (wall-clock figures depend on the machine and its load): run it by hand on a quiet
machine, with the package built in release mode::

    python bindings/python/bench/analyze_many.py            # 8 copies of samples/, 5 rounds
    python bindings/python/bench/analyze_many.py --copies 8 --rounds 7 --threads 1 2

Prints the best and median seconds per thread count, the throughput, and the speed-up of each
thread count over one thread (best against best).
"""

import argparse
import os
import statistics
import time
from pathlib import Path

import zhnews

ROOT = Path(__file__).resolve().parents[3]


def sample_articles():
    """Every sample article as text (the hand-repaired reference `*.clean.txt` left out)."""
    paths = sorted(p for p in (ROOT / "samples").glob("*/*.txt") if not p.name.endswith(".clean.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="how many times the samples repeat")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs per thread count")
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

    # Rounds alternate between thread counts, so that a burst of load from other processes
    # slows every count alike instead of one; the best round is the least disturbed one.
    times = {threads: [] for threads in args.threads}
    for _ in range(args.rounds):
        for threads in args.threads:
            start = time.perf_counter()
            results = analyzer.analyze_many(texts, threads=threads)
            times[threads].append(time.perf_counter() - start)
            assert len(results) == len(texts)
    for threads, seconds in times.items():
        best = min(seconds)
        print(
            f"threads={threads}: best {best:.3f} s, median {statistics.median(seconds):.3f} s, "
            f"{len(texts) / best:.1f} articles/s, {megabytes / best:.2f} MB/s"
        )
    one = args.threads[0]
    for threads in args.threads[1:]:
        print(f"speed-up {threads} vs {one} threads: {min(times[one]) / min(times[threads]):.2f}x")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
