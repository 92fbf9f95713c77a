#!/usr/bin/env python3
"""How well zhnews handles lost bytes, beyond what ../shared/eval/repair.py reports.

    python3 tools/eval_lost_bytes.py shifts [--bin target/release/zhnews]
    python3 tools/eval_lost_bytes.py big5   [--bin target/release/zhnews]

`shifts`: GBK streams that lost one byte at random places, not only at punctuation as repair.py's
gbk_shift prefers. (1) losses placed at Han characters (3 a sample article, dropped and `?`);
(2) 300 random mixes of sample sentences with a byte lost anywhere, scored as: restored exactly,
at most one character wrong a lost byte (the dropped one and each U+FFFD decoding left), and
worse than the damage. The damaged bytes go through zhnews as files, as a scraper's would.

`big5`: UTF-8 read as Big5 (Python's codec, one U+FFFD a rejected byte). The ceiling for
repair.py's damage_undone (an oracle restoring every character with a byte left, none without),
and zhnews's result per class of character by how many of its three bytes were lost.

Reads ../shared/samples/zh-hans and ../shared/eval (for the scorer); writes only to a temp dir.
"""
import argparse
import collections
import difflib
import glob
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
from repair import distance, edit_distance  # noqa: E402


def articles():
    paths = sorted(glob.glob(os.path.join(SHARED, "samples", "zh-hans", "*.txt")))
    return [(os.path.basename(p), open(p, encoding="utf-8").read().strip()) for p in paths]


def analyze_files(binary, files):
    """{file name: cleaned text} for byte files given as {name: bytes}."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
        out = subprocess.run([binary, "analyze", "--jsonl", tmp], capture_output=True, check=True)
    texts = {}
    for line in out.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        texts[os.path.basename(str(record["id"]))] = record.get("text", "")
    return texts


def drop_byte(text, pick, mode):
    """GBK bytes of `text` with the first byte of a double-byte character dropped or `?`."""
    data = text.encode("gbk", errors="replace")
    starts, i = [], 0
    while i < len(data):
        if data[i] >= 0x81:
            starts.append(i)
            i += 2
        else:
            i += 1
    at = pick(starts)
    return data[:at] + (b"?" if mode == "q" else b"") + data[at + 1:]


def shifts(binary):
    rng = random.Random(11)
    files, want = {}, {}
    for name, text in articles():
        han = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
        for rep in range(3):
            pos = rng.choice(han)
            offset = len(text[:pos].encode("gbk", errors="replace"))
            for mode in ("drop", "q"):
                key = f"han_{mode}_{rep}_{name}"
                files[key] = drop_byte(text, lambda starts: offset, mode)
                want[key] = text
    sentences = [s.strip() for _, t in articles() for s in t.replace("。", "。\n").split("\n")]
    sentences = [s for s in sentences if len(s) > 8]
    rng = random.Random(5)
    for k in range(300):
        text = "".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))
        at = None
        for mode in ("drop", "q"):
            key = f"mix_{mode}_{k:03d}.txt"
            files[key] = drop_byte(text, lambda starts: at if at is not None else rng.choice(starts), mode)
            want[key] = text
    got = analyze_files(binary, files)
    for mode in ("drop", "q"):
        keys = [k for k in want if k.startswith(f"han_{mode}_")]
        before = sum(distance(files[k].decode("gbk", "replace"), want[k]) for k in keys)
        after = sum(distance(got[k], want[k]) for k in keys)
        exact = sum(got[k] == want[k] for k in keys) / len(keys)
        print(f"at Han characters, {mode}: undone={1 - after / before:.4f} edits {before}->{after} exact={exact:.3f}")
    for mode in ("drop", "q"):
        keys = [k for k in want if k.startswith(f"mix_{mode}_")]
        exact = within = worse = 0
        for k in keys:
            damaged = files[k].decode("gbk", "replace")
            lost = 1 + damaged.count("\ufffd")
            left = edit_distance(got[k], want[k])
            exact += left == 0
            within += left <= lost
            worse += left > edit_distance(damaged, want[k])
        n = len(keys)
        print(f"random places, {mode}: {n} cases, exact {exact / n:.3f}, "
              f"within one character a lost byte {within / n:.3f}, worse than the damage {worse / n:.3f}")


def big5_lost(data):
    """Indices of the bytes Python's Big5 decoder rejects (one U+FFFD each)."""
    lost, i = set(), 0
    while i < len(data):
        if data[i] < 0x80:
            i += 1
            continue
        try:
            data[i:i + 2].decode("big5")
            i += 2
        except UnicodeDecodeError:
            lost.add(i)
            i += 1
    return lost


def big5(binary):
    files, want, classes = {}, {}, {}
    before = oracle_after = 0
    for name, text in articles():
        data = text.encode("utf-8")
        damaged = data.decode("big5", errors="replace")
        lost = big5_lost(data)
        per_char, oracle, pos = [], [], 0
        for ch in text:
            n = len(ch.encode("utf-8"))
            k = sum(1 for j in range(pos, pos + n) if j in lost)
            per_char.append(k if n == 3 else -1)
            oracle.append("\ufffd" if n == 3 and k == 3 else ch)
            pos += n
        before += distance(damaged, text)
        oracle_after += distance("".join(oracle), text)
        files[name] = damaged.encode("utf-8")
        want[name], classes[name] = text, per_char
    full = sum(c == 3 for cs in classes.values() for c in cs)
    multi = sum(c >= 0 for cs in classes.values() for c in cs)
    print(f"three-byte characters {multi}, all three bytes lost {full} ({full / multi:.3f}); "
          f"ceiling (restore every character with a byte left, none without): {1 - oracle_after / before:.4f}")
    got = analyze_files(binary, files)
    tally = collections.defaultdict(lambda: [0, 0, 0])
    for name, text in want.items():
        out = got[name]
        right, lost_left = [False] * len(text), [False] * len(text)
        matcher = difflib.SequenceMatcher(None, text, out, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                right[a1:a2] = [True] * (a2 - a1)
            elif op == "replace" and a2 - a1 == b2 - b1:
                for k in range(a1, a2):
                    lost_left[k] = out[b1 + k - a1] == "\ufffd"
        for k, c in enumerate(classes[name]):
            if c >= 0:
                tally[c][0 if right[k] else 1 if lost_left[k] else 2] += 1
    for c in sorted(tally):
        r, f, w = tally[c]
        n = r + f + w
        print(f"{c} of 3 bytes lost: {n} characters, right {r / n:.3f}, left as U+FFFD {f / n:.3f}, "
              f"wrong or unrepaired {w / n:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["shifts", "big5"])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "zhnews"))
    args = parser.parse_args()
    {"shifts": shifts, "big5": big5}[args.what](args.bin)


if __name__ == "__main__":
    main()
