#!/usr/bin/env python3
"""What users would write instead of zhnews: the equivalent Python pipeline, for bench/compare.sh.

Per article (one JSON object a line on stdin, field "text"): OpenCC t2s, jieba posseg, jieba
TF-IDF keywords (top 10), regexes for numbers with units and dates; one JSON object a line out.

    python3 bench/python_pipeline.py < articles.jsonl > out.jsonl

Needs `pip install jieba opencc` (bench/compare.sh makes a venv with them).
"""
import json
import re
import sys

import jieba
import jieba.analyse
import jieba.posseg
import opencc

NUMBER = re.compile(r"(\d+(?:\.\d+)?)(万|亿)?(余|多)?([人件起次元个家户名辆所])")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def main():
    converter = opencc.OpenCC("t2s")
    jieba.setLogLevel(60)
    jieba.initialize()
    out = sys.stdout
    for line in sys.stdin:
        record = json.loads(line)
        text = converter.convert(record["text"])
        tokens = [(w, f) for w, f in jieba.posseg.lcut(text)]
        keywords = jieba.analyse.extract_tags(text, topK=10)
        numbers = [m.group(0) for m in NUMBER.finditer(text)]
        dates = ["%s-%02d-%02d" % (y, int(m), int(d)) for y, m, d in DATE.findall(text)]
        out.write(
            json.dumps(
                {
                    "id": record.get("id"),
                    "text": text,
                    "tokens": tokens,
                    "keywords": keywords,
                    "numbers": numbers,
                    "dates": dates,
                },
                ensure_ascii=False,
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
