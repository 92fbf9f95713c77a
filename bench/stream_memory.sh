#!/usr/bin/env bash
# Peak RSS of zhnews over JSON Lines streams of growing size, generated on the fly (nothing is
# written to disk): memory must stay flat, since records are read, analysed and written in
# chunks. Outside CI.
#
#     bench/stream_memory.sh [COMMAND] [MB…]      # default: analyze 10 100 1000
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-analyze}
shift || true
sizes=("${@:-10 100 1000}")
cargo build --release --quiet --bin zhnews
for mb in ${sizes[@]}; do
    start=$(date +%s.%N)
    python3 - "$mb" <<'PY' | /usr/bin/time -f "%M" -o target/stream_rss.txt \
        target/release/zhnews "$command" --input jsonl --text-field text -j 2 | wc -l > target/stream_count.txt
import glob, json, sys
limit = float(sys.argv[1]) * 1e6
paths = sorted(glob.glob("samples/zh-hans/*.txt") + glob.glob("samples/zh-hant/*.txt"))
lines = [json.dumps({"id": p, "text": open(p, encoding="utf-8").read()}, ensure_ascii=False) + "\n"
         for p in paths]
written, i, out = 0, 0, sys.stdout
while written < limit:
    line = lines[i % len(lines)]
    out.write(line)
    written += len(line.encode())
    i += 1
PY
    end=$(date +%s.%N)
    printf '%s %6s MB in: %8s records out, peak RSS %4d MB, %.0f s\n' "$command" "$mb" \
        "$(cat target/stream_count.txt)" $(( $(cat target/stream_rss.txt) / 1024 )) \
        "$(echo "$end - $start" | bc)"
done
