#!/usr/bin/env python3
"""Build gold JSON records from hand-written annotation sheets (raw/<id>.ann).

The sheets are written by a person reading the article.  This script only
(1) locates each hand-written surface string in the text, in order, and
(2) turns the written number + scale into a value, so that offsets and
arithmetic are not typed by hand.  Every record is printed for review.

Sheet format (one item per line, fields separated by ' | '):
  @id <id>            @kind <kind>     @text <path to text file>
  @source <repo> | <path> | <commit> | <url>
  @date <publication date>   @note <free text>
  S <surface> | kind | subject | verb | direction | basis | of | approx | value | value_max | unit
  D <surface> | normalised value
  N <surface>
A surface may carry context: 比{{2005年}}增加 -> the span is the part in {{ }}
and the search is for the whole string.  Empty approx/value/unit fields are
filled from the surface (see README); '-' forces null.
"""
import json, re, sys, os

CN = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
      '六': 6, '七': 7, '八': 8, '九': 9}
CNU = {'十': 10, '百': 100, '千': 1000}
KINDS = {'a': 'amount', 'c': 'count', 's': 'share', 'ch': 'change',
         'r': 'ratio', 'rk': 'rank', 'o': 'other'}


def cn2num(s):
    total, cur = 0, 0
    if not s:
        return None
    for ch in s:
        if ch in CN:
            cur = CN[ch]
        elif ch in CNU:
            total += (cur or 1) * CNU[ch]
            cur = 0
        else:
            return None
    return total + cur


NUM = r'(\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)'


def parse(surface):
    """-> value, unit, approx_inside"""
    s = surface
    approx = None
    if s.startswith('第'):
        m = re.match(r'第' + NUM + r'(.*)$', s)
        n = m.group(1)
        v = (float(n) if '.' in n else int(n)) if n[0].isdigit() else cn2num(n)
        return v, (m.group(2) or None), None
    neg = s.startswith('-')
    if neg:
        s = s[1:]
    m = re.match(NUM + r'(万亿|亿|万|萬億|億|萬)?(余|餘|多)?(.*)$', s)
    if not m:
        return None, None, None
    n, scale, yu, unit = m.groups()
    if neg:
        n = '-' + n
    from decimal import Decimal
    if n.lstrip('-')[0].isdigit():
        v = Decimal(n.replace(',', ''))
    else:
        v = Decimal(cn2num(n))
    v *= {'万': 10000, '亿': 100000000, '万亿': 1000000000000, '萬': 10000, '億': 100000000, '萬億': 1000000000000}.get(scale, 1)
    v = int(v) if v == v.to_integral_value() else float(v)
    if yu:
        approx = 'more_than'
    unit = unit.strip().replace('％', '%') or None
    if unit and unit.startswith('余'):
        unit = unit[1:] or None
        approx = 'more_than'
    return v, unit, approx


BEFORE = [('超过', 'more_than'), ('超過', 'more_than'), ('約', 'about'), ('逾', 'more_than'), ('突破', 'more_than'),
          ('不到', 'less_than'), ('不足', 'less_than'), ('近', 'less_than'),
          ('约', 'about'), ('超', 'more_than')]
AFTER = [('以上', 'more_than'), ('以下', 'less_than'), ('左右', 'about'),
         ('上下', 'about')]


def ctx_approx(text, st, en):
    pre = text[max(0, st - 2):st]
    post = text[en:en + 2]
    for w, a in AFTER:
        if post.startswith(w):
            return a
    for w, a in BEFORE:
        if pre.endswith(w):
            return a
    return None


def nul(x):
    x = x.strip()
    return None if x in ('', '-') else x


def build(path):
    meta = {}
    rows = []
    for ln in open(path, encoding='utf-8'):
        ln = ln.rstrip('\n')
        if not ln.strip() or ln.startswith('#'):
            continue
        if ln.startswith('@'):
            k, _, v = ln[1:].partition(' ')
            meta[k] = v.strip()
            continue
        rows.append(ln)
    text = open(os.path.join(os.path.dirname(path), meta['text']), encoding='utf-8').read().rstrip('\n')
    src = [nul(x) for x in meta['source'].split('|')]
    rec = {'id': meta['id'], 'kind': meta['kind'],
           'source': {'corpus': 'github' if src[0] else 'pages', 'repo': src[0], 'path': src[1], 'commit': src[2],
                      'url': src[3] if len(src) > 3 else None},
           'date': meta.get('date'), 'excerpt': meta.get('excerpt'),
           'text': text, 'statistics': [], 'not_statistics': [], 'dates': []}
    cur = {'S': 0, 'D': 0}
    errs = []
    for ln in rows:
        tag, _, rest = ln.partition(' ')
        f = [x.strip() for x in rest.split('|')]
        surf = f[0]
        if tag == 'N':
            if surf not in text:
                errs.append('N not in text: ' + surf)
            rec['not_statistics'].append(surf)
            continue
        m = re.search(r'\{\{(.*?)\}\}', surf)
        if m:
            whole = surf.replace('{{', '').replace('}}', '')
            off = m.start()
            span = m.group(1)
        else:
            whole, off, span = surf, 0, surf
        i = text.find(whole, cur[tag])
        while i > 0 and whole[off].isdigit() and (text[i + off - 1].isdigit() or text[i + off - 1] == '.'):
            i = text.find(whole, i + 1)
        if i < 0:
            errs.append('%s not found after %d: %s' % (tag, cur[tag], surf))
            continue
        st = i + off
        en = st + len(span)
        cur[tag] = st + 1
        if tag == 'D':
            rec['dates'].append({'start': st, 'end': en, 'text': span, 'value': f[1].strip()})
            continue
        f += [''] * (11 - len(f))
        kind = KINDS.get(f[1].strip(), f[1].strip())
        v, unit, ap_in = parse(span)
        st_ = {'start': st, 'end': en, 'text': span}
        if kind == 'ratio':
            parts = [float(x) for x in re.split(r'[：:∶]', span.replace('，', ''))]
            parts = [int(x) if x == int(x) else x for x in parts]
            st_.update(value=None, value_max=None, unit=None, parts=parts)
        else:
            if f[8].strip() not in ('',):
                v = None if f[8].strip() == '-' else json.loads(f[8].strip())
            vmax = None if f[9].strip() in ('', '-') else json.loads(f[9].strip())
            if f[10].strip():
                unit = nul(f[10])
            st_.update(value=v, value_max=vmax, unit=unit)
        ap = f[7].strip()
        if ap == '':
            ap = ap_in or ctx_approx(text, st, en)
        elif ap == '-':
            ap = None
        d = nul(f[4])
        d = {'u': 'up', 'd': 'down'}.get(d, d)
        st_.update(approx=ap, kind=kind, subject=nul(f[2]), verb=nul(f[3]),
                   direction=d, basis=nul(f[5]), of=nul(f[6]))
        rec['statistics'].append(st_)
    return rec, errs


if __name__ == '__main__':
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from split import assignment
    A = assignment()
    for p in [a for a in sys.argv[1:] if not a.startswith('-')]:
        rec, errs = build(p)
        if rec['id'] not in A:
            print('ERROR id not in split:', rec['id'])
            continue
        for e in errs:
            print('ERROR', e)
        if '-q' not in sys.argv:
            for s in rec['statistics']:
                print('%5d %-14s %-8s %-14s %-6s %-10s %-6s %-4s %s %s' % (
                    s['start'], s['text'], s['kind'], str(s['value']), str(s['unit']), str(s['subject'])[:10],
                    str(s['verb']), str(s['direction']), str(s['basis']), str(s['approx'])))
            for d in rec['dates']:
                print('DATE', d['start'], d['text'], d['value'])
        print(p, 'stats', len(rec['statistics']), 'dates', len(rec['dates']), 'errors', len(errs))
        if not errs:
            out = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(p))), A[rec['id']], rec['id'] + '.json')
            os.makedirs(os.path.dirname(out), exist_ok=True)
            json.dump(rec, open(out, 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
