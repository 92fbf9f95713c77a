#!/usr/bin/env python3
"""Check dicts/user.dict and prove it does not lower segmentation F1.

Python jieba (0.42.x, `pip install jieba`) uses the same main dictionary, DAG/max-probability
route and HMM as jieba-rs 0.11, so it stands in for `zhnews segment` here.

    python3 tools/score_userdict.py                 # F1 without/with the dict on PKU and MSR
    python3 tools/score_userdict.py --diff 40       # + lines whose tokenisation changed
    python3 tools/score_userdict.py --per-word      # + net effect of each dict word on the test sets
    python3 tools/score_userdict.py --check         # validate the dict file (format, overlaps, freqs)
    python3 tools/score_userdict.py --suggest words.txt   # `word tag` lines -> `word freq tag`
    python3 tools/score_userdict.py --seed FILE --words 网格员,辅警   # sentences with the dict

Scoring is /work/shared/eval/segment.py's: words as character spans over the whole
concatenated stream (test and gold streams are identical; 16 MSR gold lines are not aligned
line-for-line). Test data is read in place; nothing from it is written anywhere.
"""
import argparse
import logging
import os
import re
import sys
from collections import defaultdict

import jieba

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
EVAL = os.environ.get("ZHNEWS_EVAL", "/work/shared/eval")
sys.path.insert(0, EVAL)
from common import DATA, fold_text, prf  # noqa: E402

jieba.setLogLevel(logging.WARNING)
DEFAULT_DICT = os.path.join(REPO, "dicts", "user.dict")
MIN_FREQ = 20      # floor for a new word (about the 77th percentile of main-dict frequencies)
MARGIN = 2         # new freq >= MARGIN x suggest_freq


def read_dict(path):
    """Parse a jieba user dict strictly: `word freq tag` on every line."""
    entries, problems = [], []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            parts = line.split()
            if len(parts) != 3 or not parts[1].isdigit() or int(parts[1]) <= 0:
                problems.append(f"line {no}: expected `word freq tag`: {line.rstrip()!r}")
                continue
            entries.append((parts[0], int(parts[1]), parts[2]))
    return entries, problems


def main_dict():
    out = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            p = line.split()
            out[p[0]] = (int(p[1]), p[2] if len(p) > 2 else "")
    return out


def tokenizer(user_dict=None):
    t = jieba.Tokenizer()
    t.initialize()
    if user_dict:
        t.load_userdict(user_dict)
    return t


def cut(t, line):
    return [w for w in t.cut(line, HMM=True) if w.strip()]


def load_set(name):
    d = os.path.join(DATA, "sighan2005_cws")
    raw = open(os.path.join(d, f"{name}_test.utf8"), encoding="utf-8").read().splitlines()
    gold = open(os.path.join(d, f"{name}_test_gold.utf8"), encoding="utf-8").read().splitlines()
    return raw, [w for line in gold for w in line.split()]


def spans_from(words, start=0):
    out, pos = [], start
    for w in words:
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def segment_set(t, raw):
    """Per line: (start offset, tokens); a line whose characters changed scores as split on spaces."""
    res, pos = [], 0
    for line in raw:
        toks = cut(t, line)
        if fold_text("".join(toks)) != fold_text("".join(line.split())):
            toks = line.split()
        res.append((pos, toks))
        pos += sum(len(w) for w in toks)
    return res


def score(seg, gold_spans, n_gold):
    pred = set()
    for start, toks in seg:
        pred.update(spans_from(toks, start))
    tp = len(pred & gold_spans)
    return tp, len(pred), prf(tp, len(pred), n_gold)


def gold_words_in(gold_spans_sorted, start, end, text):
    """Gold segmentation of stream[start:end] (for display on the console only)."""
    return [text[s - start:e - start] for s, e in gold_spans_sorted if s >= start and e <= end]


def run_scores(args, words):
    base, user = tokenizer(), tokenizer(args.dict)
    wordset = set(words)
    failed = False
    per_word = defaultdict(lambda: [0, 0, 0])  # word -> [lines, dtp, dpred]
    for name in args.sets:
        raw, gold_words = load_set(name)
        gold_spans = set(spans_from(gold_words))
        gold_sorted = sorted(gold_spans)
        s0, s1 = segment_set(base, raw), segment_set(user, raw)
        tp0, np0, (p0, r0, f0) = score(s0, gold_spans, len(gold_spans))
        tp1, np1, (p1, r1, f1) = score(s1, gold_spans, len(gold_spans))
        changed = [(i, a, b) for i, (a, b) in enumerate(zip(s0, s1)) if a[1] != b[1]]
        print(f"set={name} lines={len(raw)} gold_words={len(gold_spans)} lines_retokenised={len(changed)}")
        print(f"  without: P={p0:.4f} R={r0:.4f} F1={f0:.4f}  (tp={tp0} pred={np0})")
        print(f"  with:    P={p1:.4f} R={r1:.4f} F1={f1:.4f}  (tp={tp1} pred={np1})")
        verdict = "ok" if f1 >= f0 else "WORSE"
        failed |= f1 < f0
        print(f"  delta F1={f1 - f0:+.4f} {verdict}")
        shown = 0
        for i, a, b in changed:
            sp0, sp1 = set(spans_from(a[1], a[0])), set(spans_from(b[1], b[0]))
            dtp = len(sp1 & gold_spans) - len(sp0 & gold_spans)
            dpred = len(sp1) - len(sp0)
            hit = sorted({w for w in b[1] if w in wordset} | {w for w in a[1] if w in wordset}
                         | {w for w in wordset if w in raw[i] and w not in a[1]})
            for w in hit:
                pw = per_word[w]
                pw[0] += 1
                pw[1] += dtp
                pw[2] += dpred
            if shown < args.diff:
                shown += 1
                end = a[0] + sum(len(w) for w in a[1])
                text = "".join(a[1])
                print(f"  [{name} line {i + 1}] dtp={dtp:+d} dpred={dpred:+d} words={','.join(hit) or '-'}")
                print("    without: " + " ".join(a[1]))
                print("    with:    " + " ".join(b[1]))
                if args.show_gold:
                    print("    gold:    " + " ".join(gold_words_in(gold_sorted, a[0], end, text)))
    if args.per_word:
        print("per-word effect on retokenised lines (summed over sets): lines dtp dpred")
        for w, (n, dtp, dpred) in sorted(per_word.items(), key=lambda kv: (kv[1][1] - kv[1][2], kv[0])):
            print(f"  {w}\t{n}\t{dtp:+d}\t{dpred:+d}")
    return failed


def run_check(args, entries, problems):
    md = main_dict()
    base, user = tokenizer(), tokenizer(args.dict)
    seen = set()
    for w, fq, tag in entries:
        if w in seen:
            problems.append(f"duplicate: {w}")
        seen.add(w)
        if w in md:
            mf, mt = md[w]
            note = "raised" if fq > mf else "NOT RAISED (pointless or harmful)"
            print(f"  re-listed main-dict word {w}: main {mf} {mt} -> {fq} {tag} [{note}]")
            if fq <= mf:
                problems.append(f"{w} re-listed without raising its frequency")
        sf = base.suggest_freq(w, tune=False)
        whole = list(user.cut(w, HMM=False)) == [w]
        if fq < sf or not whole:
            problems.append(f"{w}: freq {fq} vs suggest_freq {sf}; cut alone with dict: {'/'.join(user.cut(w, HMM=False))}")
    print(f"{len(entries)} entries, {sum(1 for w, _, _ in entries if w not in md)} new words")
    for p in problems:
        print("  problem: " + p)
    return bool(problems)


def run_suggest(path):
    base = tokenizer()
    md = main_dict()
    for line in open(path, encoding="utf-8"):
        p = line.split()
        if not p:
            continue
        w, tag = p[0], (p[1] if len(p) > 1 else "n")
        sf = base.suggest_freq(w, tune=False)
        if w in md:
            print(f"# {w} already in main dict ({md[w][0]} {md[w][1]}); suggest_freq={sf}", file=sys.stderr)
            continue
        print(f"{w} {max(MARGIN * sf, MIN_FREQ)} {tag}")


def run_seed(args):
    base, user = tokenizer(), tokenizer(args.dict)
    text = open(args.seed, encoding="utf-8").read()
    sents = [s.strip() for s in re.split(r"(?<=[。！？!?])|\n", text) if s and s.strip()]
    for w in args.words.split(","):
        print(f"== {w}")
        for s in sents:
            if w in s:
                print("  with:    " + " / ".join(cut(user, s)))
                if args.compare:
                    print("  without: " + " / ".join(cut(base, s)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dict", default=DEFAULT_DICT)
    ap.add_argument("--sets", nargs="+", default=["pku", "msr"], choices=["pku", "msr"])
    ap.add_argument("--diff", type=int, default=0, help="print up to N retokenised lines per set")
    ap.add_argument("--show-gold", action="store_true", help="with --diff, print the gold line too (console only)")
    ap.add_argument("--per-word", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--suggest", metavar="FILE")
    ap.add_argument("--seed", metavar="FILE")
    ap.add_argument("--words", default="网格员,红袖标,辅警,群防群治,人民调解,综治,接处警,扁平化")
    ap.add_argument("--compare", action="store_true", help="with --seed, also print the tokenisation without the dict")
    args = ap.parse_args()
    if args.suggest:
        run_suggest(args.suggest)
        return 0
    entries, problems = read_dict(args.dict)
    if args.check:
        return 1 if run_check(args, entries, problems) else 0
    if problems:
        print("\n".join(problems))
        return 1
    if args.seed:
        run_seed(args)
        return 0
    return 1 if run_scores(args, [w for w, _, _ in entries]) else 0


if __name__ == "__main__":
    sys.exit(main())
