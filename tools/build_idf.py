#!/usr/bin/env python3
"""Write dicts/idf.tsv: jieba's IDF table (idf.txt, MIT licence, shipped inside the jieba-rs
crate), cut to words of two or more characters with IDF below 11. Rarer words get the median
IDF at run time, as jieba does for unknown words; that keeps the table at ~1 MB.

    python3 tools/build_idf.py [PATH/TO/jieba-rs/src/data/idf.txt]
"""
import glob
import os
import sys

CAP = 11.0


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else sorted(glob.glob(os.path.expanduser(
        "~/.cargo/registry/src/*/jieba-rs-*/src/data/idf.txt")))[-1]
    rows = []
    values = []
    for line in open(src, encoding="utf-8"):
        word, idf = line.split()
        idf = float(idf)
        values.append(idf)
        if idf < CAP and len(word) >= 2:
            rows.append((word, idf))
    values.sort()
    median = values[len(values) // 2]
    rows.sort()
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "dicts", "idf.tsv"), "w", encoding="utf-8") as out:
        out.write("# idf.tsv - inverse document frequencies for keyword weighting (TF-IDF).\n")
        out.write("# From jieba's idf.txt (github.com/fxsjy/jieba, MIT licence), as shipped in the\n")
        out.write("# jieba-rs crate; only words of 2+ characters with IDF < %.1f are kept.\n" % CAP)
        out.write("# Regenerate: python3 tools/build_idf.py\n")
        out.write("#median\t%.4f\n" % median)
        for word, idf in rows:
            out.write("%s\t%.3f\n" % (word, idf))
    print(len(rows), "words, median", median)


if __name__ == "__main__":
    main()
