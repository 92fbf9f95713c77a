#!/usr/bin/env python3
"""Build dicts/char_lm.tsv: character unigram + bigram counts for scoring
how plausible a run of (repaired) Chinese text is.

Run from the repo root:

    python3 tools/build_char_lm.py --shared ../shared

Training data (training splits only, never test/dev), under <shared>/data:
  msra_ner/train/msra_train_bio.txt.gz          MSRA NER train   (CHAR<TAB>TAG, blank line between pieces)
  people_daily_1998/renmin1998_ner_clauses.train People's Daily 1998 NER train (CHAR<SPACE>TAG, blank line between clauses)
  cluener2020/train.jsonl                       CLUENER2020 train (JSON lines, field "text")

Characters are taken as they are (no NFKC / width folding).  Bigrams are
adjacent characters inside one sentence; sentence boundaries are not modelled.
Standard library only.
"""
import argparse
import collections
import gzip
import json
import os
import sys
import unicodedata

SOURCES = [
    ("msra_ner/train/msra_train_bio.txt.gz", "MSRA NER train (SIGHAN 2006 MSRA, eval overlap removed)"),
    ("people_daily_1998/renmin1998_ner_clauses.train", "People's Daily 1998 NER train (clauses)"),
    ("cluener2020/train.jsonl", "CLUENER2020 train"),
]
CANDIDATE_THRESHOLDS = (2, 3, 4, 5)


def read_char_per_line(path, sep):
    """Yield sentences from a one-char-per-line tagged file (blank line = end)."""
    opener = gzip.open if path.endswith(".gz") else open
    buf = []
    with opener(path, "rt", encoding="utf-8", newline="\n") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if line == "":
                if buf:
                    yield "".join(buf)
                    buf = []
                continue
            ch, s, tag = line.rpartition(sep)
            if s == "" or len(ch) != 1:
                raise SystemExit("%s:%d: unexpected line %r" % (path, lineno, line))
            buf.append(ch)
    if buf:
        yield "".join(buf)


def read_jsonl_text(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)["text"]


def sentences(data_dir):
    paths = [os.path.join(data_dir, rel) for rel, _ in SOURCES]
    for p in paths:
        if not os.path.isfile(p):
            raise SystemExit("missing training file: %s" % p)
    yield SOURCES[0][0], read_char_per_line(paths[0], "\t")
    yield SOURCES[1][0], read_char_per_line(paths[1], " ")
    yield SOURCES[2][0], read_jsonl_text(paths[2])


def is_bad(ch):
    """Whitespace, tab, control/format/surrogate chars and line separators."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def render(uni, bi, threshold, header_fn):
    entries = [(k, v) for k, v in uni.items() if not is_bad(k)]
    nb = 0
    for k, v in bi.items():
        if v >= threshold and not (is_bad(k[0]) or is_bad(k[1])):
            entries.append((k, v))
            nb += 1
    # Unigrams first (the loader reads them alone and stops at the first bigram), each
    # group in code point order (Python str order).
    entries.sort(key=lambda kv: (len(kv[0]), kv[0]))
    body = "".join("%s\t%d\n" % kv for kv in entries)
    text = header_fn(threshold, nb, len(entries) - nb) + body
    return text, len(entries) - nb, nb


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", required=True, help="path to the shared folder (contains data/)")
    ap.add_argument("--out", default=os.path.join(repo, "dicts", "char_lm.tsv"))
    ap.add_argument("--max-bytes", type=int, default=2_500_000,
                    help="pick the smallest bigram threshold whose file is below this size")
    args = ap.parse_args()

    data_dir = os.path.join(args.shared, "data")
    uni = collections.Counter()
    bi = collections.Counter()
    per_source = []
    for name, sents in sentences(data_dir):
        n_sent = n_chars = 0
        for s in sents:
            if not s:
                continue
            n_sent += 1
            n_chars += len(s)
            uni.update(s)
            bi.update(s[i:i + 2] for i in range(len(s) - 1))
        per_source.append((name, n_sent, n_chars))
        print("%-50s %7d sentences %9d chars" % (name, n_sent, n_chars), file=sys.stderr)

    total_uni = sum(uni.values())
    total_bi = sum(bi.values())
    skipped_uni = sum(v for k, v in uni.items() if is_bad(k))
    skipped_bi = sum(v for k, v in bi.items() if is_bad(k[0]) or is_bad(k[1]))

    def header(threshold, n_bi, n_uni):
        srcs = "\n".join(
            "#   %s  [%s]: %d sentences, %d chars" % (rel, desc, ns, nc)
            for (rel, desc), (_, ns, nc) in zip(SOURCES, per_source))
        h = (
            "# char_lm.tsv - character unigram and bigram counts for scoring Chinese text plausibility\n"
            "# (used to rank mojibake repairs, e.g. which GBK lead byte was lost).\n"
            "# Regenerate from the repo root: python3 tools/build_char_lm.py --shared ../shared\n"
            "# Sources (training splits only; test/dev files are never read):\n"
            + srcs + "\n"
            "# Licences: research/evaluation corpora; only derived counts are shipped, no text.\n"
            "# Text: raw characters as found (no NFKC, no width folding). Sentences = MSRA pieces,\n"
            "#   People's Daily clauses, CLUENER records. Bigrams are adjacent chars within a sentence;\n"
            "#   no sentence-boundary entries.\n"
            "# Thresholds: unigrams count >= 1; bigrams count >= %d (smallest of %s whose file is < %d bytes).\n"
            "#   Keys containing whitespace (incl. U+3000), tab or control/format chars are not listed\n"
            "#   (unigram occurrences %d, bigram occurrences %d), but are included in the totals.\n"
            "# Entries: %d unigrams, %d bigrams. Distinct before thresholding: %d unigrams, %d bigrams.\n"
            "# Format: lines starting with '# ' are comments; '#total_unigrams' and '#total_bigrams'\n"
            "#   are totals (sum of counts before thresholding); every other line is key<TAB>count,\n"
            "#   key = 1 char (unigram) or 2 chars (bigram); a key may itself start with '#'.\n"
            "#   Unigrams first, then bigrams, each sorted by key in Unicode code point order.\n"
            "#total_unigrams\t%d\n"
            "#total_bigrams\t%d\n"
        ) % (threshold, "/".join(map(str, CANDIDATE_THRESHOLDS)), args.max_bytes,
             skipped_uni, skipped_bi, n_uni, n_bi, len(uni), len(bi), total_uni, total_bi)
        return h

    chosen = None
    print("threshold  bigrams  unigrams     bytes", file=sys.stderr)
    for t in CANDIDATE_THRESHOLDS:
        text, n_uni, n_bi = render(uni, bi, t, header)
        size = len(text.encode("utf-8"))
        print("%9d %8d %9d %9d%s" % (t, n_bi, n_uni, size, "  (fits)" if size < args.max_bytes else ""),
              file=sys.stderr)
        if chosen is None and size < args.max_bytes:
            chosen = (t, text, size)
    if chosen is None:
        raise SystemExit("no threshold in %s fits below %d bytes" % (CANDIDATE_THRESHOLDS, args.max_bytes))
    t, text, size = chosen
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s: threshold %d, %d bytes; total_unigrams %d, total_bigrams %d"
          % (args.out, t, size, total_uni, total_bi), file=sys.stderr)


if __name__ == "__main__":
    main()
