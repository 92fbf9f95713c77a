#!/usr/bin/env python3
"""Check every gold record: text[start:end] == span text for statistics and dates,
required keys present, not_statistics strings occur in the text. Standard library only."""
import json, sys, glob, os

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {'amount', 'count', 'share', 'change', 'ratio', 'rank', 'other'}
APPROX = {None, 'more_than', 'less_than', 'about'}
STAT_KEYS = ['start', 'end', 'text', 'value', 'value_max', 'unit', 'approx', 'kind',
             'subject', 'verb', 'direction', 'basis', 'of']


def check(path):
    errs = []
    r = json.load(open(path, encoding='utf-8'))
    t = r['text']
    for k in ('id', 'kind', 'source', 'text', 'statistics', 'not_statistics', 'dates'):
        if k not in r:
            errs.append('missing key ' + k)
    if os.path.basename(path) != r['id'] + '.json':
        errs.append('file name != id')
    for s in r['statistics']:
        for k in STAT_KEYS:
            if k not in s:
                errs.append('stat missing %s: %r' % (k, s.get('text')))
        if t[s['start']:s['end']] != s['text']:
            errs.append('stat span mismatch %r != %r' % (t[s['start']:s['end']], s['text']))
        if s['start'] > 0 and (t[s['start'] - 1].isdigit() or t[s['start'] - 1] == '.') and s['text'][0].isdigit():
            errs.append('stat span starts inside a number %r at %d' % (s['text'], s['start']))
        if s['end'] < len(t) and s['text'][-1].isdigit() and (t[s['end']].isdigit() or t[s['end']] == '.'):
            errs.append('stat span ends inside a number %r at %d' % (s['text'], s['start']))
        if s['kind'] not in KINDS:
            errs.append('bad kind %r' % s['kind'])
        if s['approx'] not in APPROX:
            errs.append('bad approx %r' % s['approx'])
        if s['kind'] == 'ratio' and not s.get('parts'):
            errs.append('ratio without parts %r' % s['text'])
        if s['direction'] not in (None, 'up', 'down'):
            errs.append('bad direction %r' % s['direction'])
    spans = sorted((s['start'], s['end']) for s in r['statistics'])
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            errs.append('overlapping statistics %r %r' % (a, b))
    for d in r['dates']:
        if t[d['start']:d['end']] != d['text']:
            errs.append('date span mismatch %r != %r' % (t[d['start']:d['end']], d['text']))
    for n in r['not_statistics']:
        if n not in t:
            errs.append('not_statistic not in text %r' % n)
    return r, errs


def main():
    files = sorted(glob.glob(os.path.join(HERE, 'dev', '*.json')) + glob.glob(os.path.join(HERE, 'test', '*.json')))
    bad = 0
    for f in files:
        r, errs = check(f)
        for e in errs:
            print('%s: %s' % (os.path.relpath(f, HERE), e))
        bad += bool(errs)
        print('%-40s %-12s stats=%-4d dates=%-3d not=%-3d %s' % (
            os.path.relpath(f, HERE), r['kind'], len(r['statistics']), len(r['dates']),
            len(r['not_statistics']), 'OK' if not errs else 'FAIL'))
    print('%d files, %d failing' % (len(files), bad))
    sys.exit(1 if bad or not files else 0)


if __name__ == '__main__':
    main()
