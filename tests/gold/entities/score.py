#!/usr/bin/env python3
"""Score zhnews entity mentions against the gold set (Python 3, standard library only).

    python3 tests/gold/entities/score.py --bin target/release/zhnews --set dev [--errors 20]
    python3 tests/gold/entities/score.py --self-check          # gold against itself: 1.0

The texts of the chosen half are written as JSON Lines ({"id", "text"}) and run through
`BIN analyze --input jsonl --text-field text FILE`.  Every output line is a JSON object
with `id`, `text` (the cleaned text, which may differ from the input) and `entities`
([{"text", "type", "mentions": [[start, end], ...]}], spans in chars of the output text).
Output spans are mapped onto the gold text by a character alignment (difflib opcodes:
equal runs and equal-length replacements map char by char, e.g. Traditional -> Simplified;
other edits map to their edges), then scored exactly on (start, end, type). The gold is flat;
a predicted mention nested inside another predicted mention is not scored.
"""
import argparse, collections, difflib, glob, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = ('person', 'location', 'organization', 'work')
TYPE_ALIASES = {
    'person': 'person', 'per': 'person', 'nr': 'person', 'people': 'person',
    'location': 'location', 'loc': 'location', 'ns': 'location', 'place': 'location', 'gpe': 'location',
    'organization': 'organization', 'organisation': 'organization', 'org': 'organization', 'nt': 'organization',
    'work': 'work', 'title': 'work', 'nw': 'work', 'work_of_art': 'work',
}


def load_gold(which):
    halves = ['dev', 'test'] if which == 'all' else [which]
    recs = []
    for h in halves:
        for fn in sorted(glob.glob(os.path.join(HERE, h, '*.json'))):
            with open(fn, encoding='utf-8') as f:
                recs.append(json.load(f))
    return recs


def position_map(src, dst):
    """For every index of src, the index of dst it aligns to (len(src) entries)."""
    pm = [0] * len(src)
    sm = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == 'equal' or (op == 'replace' and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                pm[i1 + k] = j1 + k
        elif op == 'replace':
            n = j2 - j1
            for k in range(i2 - i1):
                pm[i1 + k] = j1 + min(k * n // max(i2 - i1, 1), n - 1)
        elif op == 'delete':          # chars only in src: pin to the next dst char
            for k in range(i1, i2):
                pm[k] = j1
    return pm


def map_span(pm, s, e, dst_len):
    if not (0 <= s < e <= len(pm)):
        return None
    ms, me = pm[s], pm[e - 1] + 1
    if not (0 <= ms < me <= dst_len):
        return None
    return ms, me


def norm_type(t):
    return TYPE_ALIASES.get(str(t).strip().lower())


def mentions_of(entity):
    for m in entity.get('mentions') or []:
        if isinstance(m, dict):
            s, e = m.get('start'), m.get('end')
            if s is None and 'span' in m:
                s, e = m['span']
        else:
            s, e = m[0], m[1]
        yield int(s), int(e)


def predicted(outputs, gold_by_id):
    """Set of (id, start, end, type) on gold texts, from analyze output objects."""
    pred, problems = set(), collections.Counter()
    for obj in outputs:
        rid = obj.get('id')
        if rid not in gold_by_id:
            problems['unknown id'] += 1
            continue
        gtext = gold_by_id[rid]['text']
        otext = obj.get('text')
        if not isinstance(otext, str):
            otext = (obj.get('clean') or {}).get('text') if isinstance(obj.get('clean'), dict) else None
        if not isinstance(otext, str):
            problems['no output text'] += 1
            continue
        pm = list(range(len(otext))) if otext == gtext else position_map(otext, gtext)
        for ent in obj.get('entities') or []:
            t = norm_type(ent.get('type', ''))
            if t is None:
                problems['other type %s' % ent.get('type')] += 1
                continue
            for s, e in mentions_of(ent):
                sp = map_span(pm, s, e, len(gtext))
                if sp is None:
                    problems['unmappable span'] += 1
                    continue
                pred.add((rid, sp[0], sp[1], t))
    return outermost(pred), problems


def outermost(pred):
    """The gold is flat (outermost names); the output may also give a name nested in another
    (the place in 本溪市政府, a country in a law's title). Only the outermost predicted
    mentions are scored: a nested one is neither right nor wrong."""
    by_article = collections.defaultdict(list)
    for x in pred:
        by_article[x[0]].append(x)
    kept = set()
    for xs in by_article.values():
        for x in xs:
            inside = any(y is not x and y[1] <= x[1] and x[2] <= y[2] and (y[1], y[2]) != (x[1], x[2])
                         for y in xs)
            if not inside:
                kept.add(x)
    return kept


def gold_set(recs):
    return {(r['id'], e['start'], e['end'], e['type']) for r in recs for e in r['entities']}


def prf(tp, np_, ng):
    p = tp / np_ if np_ else (1.0 if ng == 0 else 0.0)
    r = tp / ng if ng else (1.0 if np_ == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def report(gold, pred, gold_by_id, errors=0, problems=None, out=sys.stdout):
    w = out.write
    w('%-13s %6s %6s %6s  %6s %6s %6s\n' % ('type', 'gold', 'pred', 'tp', 'P', 'R', 'F1'))
    rows = list(TYPES) + ['ALL']
    result = {}
    for t in rows:
        g = {x for x in gold if t == 'ALL' or x[3] == t}
        p = {x for x in pred if t == 'ALL' or x[3] == t}
        tp = len(g & p)
        P, R, F = prf(tp, len(p), len(g))
        result[t] = (P, R, F)
        w('%-13s %6d %6d %6d  %6.3f %6.3f %6.3f\n' % (t, len(g), len(p), tp, P, R, F))
    w('articles: %d\n' % len(gold_by_id))
    if problems:
        for k, v in sorted(problems.items()):
            w('note: %d x %s\n' % (v, k))
    if errors:
        def surf(x):
            return gold_by_id[x[0]]['text'][x[1]:x[2]].replace('\n', '⏎')
        missed = collections.Counter((surf(x), x[3]) for x in gold - pred)
        spurious = collections.Counter((surf(x), x[3]) for x in pred - gold)
        w('\ncommonest missed (surface, type):\n')
        for (s, t), n in missed.most_common(errors):
            w('  %4d  %s\t%s\n' % (n, s, t))
        w('\ncommonest spurious (surface on the gold text, type):\n')
        for (s, t), n in spurious.most_common(errors):
            w('  %4d  %s\t%s\n' % (n, s, t))
    return result


def as_output(rec, text=None, shift=None):
    """An analyze-like output object made from a gold record (for --self-check)."""
    groups = collections.OrderedDict()
    for e in rec['entities']:
        s, t = e['start'], e['end']
        if shift:
            s, t = shift(s), shift(t - 1) + 1
        groups.setdefault((e['text'], e['type']), []).append([s, t])
    return {'id': rec['id'], 'text': rec['text'] if text is None else text,
            'entities': [{'text': k[0], 'type': k[1], 'mentions': v} for k, v in groups.items()]}


def self_check(which):
    recs = load_gold(which)
    by_id = {r['id']: r for r in recs}
    gold = gold_set(recs)
    ok = True
    print('== self-check 1: gold against itself (%s)' % which)
    pred, probs = predicted([as_output(r) for r in recs], by_id)
    res = report(gold, pred, by_id, problems=probs)
    ok &= res['ALL'] == (1.0, 1.0, 1.0)
    print('\n== self-check 2: output text with every newline and U+3000 removed, spans moved')
    outs = []
    for r in recs:
        keep = [i for i, c in enumerate(r['text']) if c not in '\n\u3000']
        newpos = {old: new for new, old in enumerate(keep)}
        text = ''.join(r['text'][i] for i in keep)
        outs.append(as_output(r, text, shift=lambda p, m=newpos: m[p]))
    pred, probs = predicted(outs, by_id)
    res = report(gold, pred, by_id, problems=probs)
    ok &= res['ALL'] == (1.0, 1.0, 1.0)
    print('\n== self-check 3: output text with some Traditional characters made Simplified (1:1)')
    t2s = str.maketrans('臺黃偉會區東國長華號灣與發們這為從處門電問題衛環業經濟計畫務劃點體設備鄉鎮機關', '台黄伟会区东国长华号湾与发们这为从处门电问题卫环业经济计画务划点体设备乡镇机关')
    pred, probs = predicted([as_output(r, r['text'].translate(t2s)) for r in recs], by_id)
    res = report(gold, pred, by_id, problems=probs)
    ok &= res['ALL'] == (1.0, 1.0, 1.0)
    print('\nself-check %s' % ('passed: 1.0' if ok else 'FAILED'))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', help='path of the zhnews binary')
    ap.add_argument('--set', default='dev', choices=['dev', 'test', 'holdout2', 'all'])
    ap.add_argument('--errors', type=int, default=0, metavar='K', help='list the K commonest missed/spurious')
    ap.add_argument('--self-check', action='store_true', help='score the gold against itself (no binary)')
    ap.add_argument('--keep', metavar='FILE', help='also save the raw analyze output here')
    a = ap.parse_args()
    if a.self_check:
        sys.exit(0 if self_check(a.set) else 1)
    if not a.bin:
        ap.error('--bin is required (or --self-check)')
    recs = load_gold(a.set)
    by_id = {r['id']: r for r in recs}
    with tempfile.TemporaryDirectory() as td:
        inp = os.path.join(td, 'gold_%s.jsonl' % a.set)
        with open(inp, 'w', encoding='utf-8') as f:
            for r in recs:
                f.write(json.dumps({'id': r['id'], 'text': r['text']}, ensure_ascii=False) + '\n')
        proc = subprocess.run([a.bin, 'analyze', '--input', 'jsonl', '--text-field', 'text', inp],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    raw = proc.stdout.decode('utf-8', 'replace')
    if a.keep:
        with open(a.keep, 'w', encoding='utf-8') as f:
            f.write(raw)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode('utf-8', 'replace'))
        sys.exit('zhnews exited with %d' % proc.returncode)
    outputs, bad = [], 0
    for line in raw.splitlines():
        if line.strip():
            try:
                outputs.append(json.loads(line))
            except ValueError:
                bad += 1
    pred, probs = predicted(outputs, by_id)
    if bad:
        probs['unparsable output line'] += bad
    missing = set(by_id) - {o.get('id') for o in outputs}
    if missing:
        probs['article with no output'] += len(missing)
    print('set: %s   bin: %s' % (a.set, a.bin))
    report(gold_set(recs), pred, by_id, errors=a.errors, problems=probs)


if __name__ == '__main__':
    main()
