#!/usr/bin/env python3
"""Completeness lint: list numerals (arabic, or chinese numerals followed by a
counter) that are covered by no statistic, date or not_statistics string."""
import json, re, sys, glob
CNUM = '零〇一二两三四五六七八九十百千'
for f in sys.argv[1:] or sorted(glob.glob('dev/*.json') + glob.glob('test/*.json')):
    r = json.load(open(f))
    t = r['text']
    cov = [False] * len(t)
    for s in r['statistics'] + r['dates']:
        for i in range(s['start'], s['end']):
            cov[i] = True
    for n in r['not_statistics']:
        for m in re.finditer(re.escape(n), t):
            for i in range(m.start(), m.end()):
                cov[i] = True
    miss = []
    for m in re.finditer(r'\d[\d.,]*|[%s]+' % CNUM, t):
        if not any(cov[m.start():m.end()]):
            miss.append('%d:%s' % (m.start(), t[max(0, m.start() - 4):m.end() + 4].replace('\n', '/')))
    print(f, len(miss), ' | '.join(miss))
