"""Analyse a pandas column of articles and flatten the statistics into a table.

Needs pandas (``pip install pandas``); without it, the script says so and exits.
"""

import sys

try:
    import pandas as pd
except ImportError:
    pd = None

import zhnews


def analyze_column(frame, column="content", threads=None):
    """A copy of ``frame`` with a ``zhnews`` column holding each row's analysis dict."""
    analyzer = zhnews.Analyzer()
    out = frame.copy()
    out["zhnews"] = analyzer.analyze_many(
        frame[column].tolist(), threads=threads, ids=[str(i) for i in frame.index], errors="record"
    )
    return out


def statistics_table(analyzed):
    """One row per statistic: article id, text, value, unit, approx, subject, predicate."""
    rows = [
        {"id": a["id"], **{k: s[k] for k in ("text", "value", "unit", "approx", "subject", "predicate")}}
        for a in analyzed["zhnews"]
        if "error" not in a
        for s in a["statistics"]
    ]
    return pd.DataFrame(rows)


def main():
    if pd is None:
        print("pandas is not installed: pip install pandas", file=sys.stderr)
        return 0
    frame = pd.DataFrame(
        {"content": ["本溪市公安局出动民警1872人次。", "全年受理警情7.7万余起，破案率达到81.18%。"]}
    )
    print(statistics_table(analyze_column(frame, threads=2)).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
