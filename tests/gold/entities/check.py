#!/usr/bin/env python3
"""Check every gold record (dev/ and test/): spans match text, sorted, flat, fields present."""
import glob, json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {'person', 'location', 'organization', 'work'}
KINDS = {'police', 'court', 'party', 'government', 'statistics', 'cctv', 'tainan', 'hk'}
bad = 0
files = sorted(glob.glob(os.path.join(HERE, 'dev', '*.json')) + glob.glob(os.path.join(HERE, 'test', '*.json')) + glob.glob(os.path.join(HERE, 'holdout2', '*.json')))
ids = set()
for fn in files:
    errs = []
    try:
        r = json.load(open(fn, encoding='utf-8'))
    except Exception as e:
        print('FAIL', fn, e); bad += 1; continue
    text = r.get('text', '')
    if r.get('id') + '.json' != os.path.basename(fn): errs.append('id/filename mismatch')
    if r['id'] in ids: errs.append('duplicate id')
    ids.add(r['id'])
    if r.get('kind') not in KINDS: errs.append('bad kind %r' % r.get('kind'))
    for k in ('repo', 'path', 'commit', 'date'):
        if not r.get('source', {}).get(k): errs.append('source.%s missing' % k)
    prev_end = 0
    for e in r['entities']:
        s, t = e['start'], e['end']
        if e['type'] not in TYPES: errs.append('bad type %r' % e)
        if not (0 <= s < t <= len(text)): errs.append('bad span %r' % e)
        elif text[s:t] != e['text']: errs.append('text mismatch %r vs %r' % (e, text[s:t]))
        if e['text'] != e['text'].strip(): errs.append('untrimmed %r' % e)
        if s < prev_end: errs.append('overlap/unsorted at %r' % e)
        prev_end = max(prev_end, t)
    if errs:
        bad += 1
        print('FAIL', os.path.relpath(fn, HERE)); [print('   ', x) for x in errs[:10]]
print('%d files checked, %d failing' % (len(files), bad))
sys.exit(1 if bad else 0)
