#!/usr/bin/env bash
# zhnews beside jieba-rs alone and the equivalent Python pipeline (jieba posseg + TF-IDF
# keywords, OpenCC t2s, regexes) on the same articles: throughput on one core, zhnews on two
# threads, cold start of one article, peak RSS. Outside CI; needs hyperfine and /usr/bin/time
# (Debian: apt install hyperfine time) and makes a venv with jieba and opencc in target/.
#
#     bench/compare.sh            # MB=4 of articles for the Rust tools, PY_MB=1 for Python
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-4}
PY_MB=${PY_MB:-1}
out=target/bench
mkdir -p "$out"

cargo build --release --quiet --bin zhnews --example jieba_tag
zhnews=target/release/zhnews
jieba_tag=target/release/examples/jieba_tag
venv=target/bench-venv
if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet jieba opencc
fi

# The sample articles (Simplified, Traditional, the seed) as JSON Lines, repeated to N MB;
# one 6 KB article (the repaired seed) for cold start.
python3 - "$out" "$MB" "$PY_MB" <<'PY'
import glob, json, sys
out, mb, py_mb = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
paths = sorted(glob.glob("samples/zh-hans/*.txt") + glob.glob("samples/zh-hant/*.txt"))
paths.append("samples/seed/000_c938a646bbbd01ba.txt")
articles = [open(p, encoding="utf-8").read() for p in paths]
for name, size in (("articles", mb), ("articles_py", py_mb)):
    with open(f"{out}/{name}.jsonl", "w", encoding="utf-8") as f:
        written, i = 0, 0
        while written < size * 1e6:
            text = articles[i % len(articles)]
            f.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")
            written += len(text.encode()); i += 1
one = open("samples/seed/000_c938a646bbbd01ba.clean.txt", encoding="utf-8").read()
with open(f"{out}/one.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "seed", "text": one}, ensure_ascii=False) + "\n")
PY
text_mb() { python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1]))/1e6)" "$1"; }
mb=$(text_mb "$out/articles.jsonl")
py_mb=$(text_mb "$out/articles_py.jsonl")

# best wall seconds and its peak RSS (KB) of three runs of: cmd < input
run() {
    local input=$1; shift
    local best=999999 rss=0
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" < "$input" > /dev/null
        read -r wall kb < "$out/time.txt"
        if python3 -c "import sys; sys.exit(0 if $wall < $best else 1)"; then best=$wall rss=$kb; fi
    done
    echo "$best $rss"
}
cold() {  # mean ms of hyperfine over the one-article input
    hyperfine --warmup 3 --runs 20 --export-json "$out/cold.json" --style none \
        "$* < $out/one.jsonl" > /dev/null
    python3 -c "import json; print(round(json.load(open('$out/cold.json'))['results'][0]['mean']*1000))"
}
rss_one() { /usr/bin/time -f "%M" -o "$out/rss.txt" "$@" < "$out/one.jsonl" > /dev/null; echo $(( $(cat "$out/rss.txt") / 1024 )); }

jsonl=(--input jsonl --text-field text)
c_jieba=$(cold "$jieba_tag"); m_jieba=$(rss_one "$jieba_tag")
c_zh=$(cold "$zhnews analyze ${jsonl[*]}"); m_zh=$(rss_one "$zhnews" analyze "${jsonl[@]}")
c_py=$(cold "$venv/bin/python bench/python_pipeline.py"); m_py=$(rss_one "$venv/bin/python" bench/python_pipeline.py)
read -r t_jieba r_jieba < <(run "$out/articles.jsonl" "$jieba_tag")
read -r t_one r_one < <(run "$out/articles.jsonl" "$zhnews" analyze -j 1 "${jsonl[@]}")
read -r t_two r_two < <(run "$out/articles.jsonl" "$zhnews" analyze -j 2 "${jsonl[@]}")
read -r t_py r_py < <(run "$out/articles_py.jsonl" "$venv/bin/python" bench/python_pipeline.py)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: ${mb} MB of article text (${py_mb} MB for Python), $(wc -l < "$out/articles.jsonl") articles"
# Throughput is steady state: the run's wall time less the tool's cold start (one article).
python3 - "$mb" "$py_mb" <<PY
import sys
mb, py_mb = float(sys.argv[1]), float(sys.argv[2])
rows = [
    ("jieba-rs tag alone", $t_jieba, mb, $c_jieba, $m_jieba, $r_jieba),
    ("zhnews analyze (1 thread)", $t_one, mb, $c_zh, $m_zh, $r_one),
    ("zhnews analyze (2 threads)", $t_two, mb, $c_zh, None, $r_two),
    ("Python: jieba + OpenCC + regex", $t_py, py_mb, $c_py, $m_py, $r_py),
]
speed = {name: size / max(t - cold / 1000, 1e-9) for name, t, size, cold, _, _ in rows}
base = speed["jieba-rs tag alone"]
print(f"{'tool':<32} {'MB/s':>7} {'x jieba time':>13} {'cold start ms':>14} {'peak RSS MB':>12}")
for name, t, size, cold, one_rss, rss_kb in rows:
    rss = f"{one_rss if one_rss is not None else '-'} / {rss_kb // 1024}"
    print(f"{name:<32} {speed[name]:7.2f} {base / speed[name]:13.2f} {cold if one_rss is not None else '-':>14} {rss:>12}")
one, two, py = speed["zhnews analyze (1 thread)"], speed["zhnews analyze (2 threads)"], speed["Python: jieba + OpenCC + regex"]
print("x jieba time: time per MB over jieba-rs tag alone. Peak RSS: one article / the whole corpus.")
print(f"zhnews (1 thread) vs the Python pipeline: {one / py:.0f}x faster per MB; 2 threads vs 1: {two / one:.2f}x")
PY
