#!/usr/bin/env python3
"""Build one gold record from a spec file (standard library only).

Spec format (specs/<id>.spec):
    id: ...
    kind: ...
    half: dev|test
    repo: / path: / commit: / url: / date:
    textfile: path of the article text (UTF-8), relative to this folder or absolute
    ---
    surface<TAB or |>type[<|>skip | <|>pre=LEFT]   one line per mention, in reading order
    (pre=LEFT: the mention is the surface right after LEFT, e.g. pre=《 to pick a bracketed title)
A line "@all surface|type" marks every occurrence of surface that lies inside no other mention.
types: person|location|organization|work (or p|l|o|w).  Each surface is found with
str.find from the end of the previous mention (skip=N skips N further occurrences).
Prints, for review, every other occurrence of an annotated surface that no mention
covers, so that forgotten repeats are seen.
"""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
T = {'p': 'person', 'l': 'location', 'o': 'organization', 'w': 'work'}

def build(spec_path, write=True):
    meta, ann, alls, body = {}, [], [], False
    for line in open(spec_path, encoding='utf-8').read().split('\n'):
        if not body:
            if line.strip() == '---':
                body = True
                continue
            if ':' in line:
                k, v = line.split(':', 1)
                meta[k.strip()] = v.strip()
            continue
        if not line.strip() or line.startswith('#'):
            continue
        allmode = line.startswith('@all ')
        if allmode:
            line = line[5:]
        parts = line.split('\t') if '\t' in line else line.split('|')
        surf, typ = parts[0], parts[1].strip()
        pre = ''
        if len(parts) > 2 and parts[2].startswith('pre='):
            pre, parts = parts[2][4:], parts[:2]   # find pre+surface, annotate surface only
        skip = int(parts[2]) if len(parts) > 2 and parts[2].strip() else 0
        if allmode:
            alls.append((surf, T.get(typ, typ)))
            continue
        ann.append((surf, T.get(typ, typ), skip, pre))
    M = json.load(open(os.path.join(HERE, 'manifest_sources.json'), encoding='utf-8'))
    S = json.load(open(os.path.join(HERE, 'split.json'), encoding='utf-8'))
    for k, v in M.get(meta['id'], {}).items():
        meta.setdefault(k, v)
    meta.setdefault('half', S.get(meta['id'], ''))
    meta.setdefault('textfile', 'src_texts/%s.txt' % meta['id'])
    tf = meta['textfile']
    if not os.path.isabs(tf):
        tf = os.path.join(HERE, tf)
    text = open(tf, encoding='utf-8').read()
    # 'fold: yes' lets surfaces be written with ordinary CJK characters where the text has
    # Kangxi/CJK-radical look-alikes or CJK compatibility ideographs (U+F900-FAFF) (one code point each, so offsets are unchanged); the
    # entity text stored is always the original slice of the text.
    stext = text
    if meta.get('fold') == 'yes':
        import unicodedata
        extra = {'\u2ea0': '民', '\u2ec4': '西'}
        stext = ''.join(extra.get(c) or (unicodedata.normalize('NFKC', c) if 0x2E80 <= ord(c) <= 0x2FDF or 0xF900 <= ord(c) <= 0xFAFF else c) for c in text)
        assert len(stext) == len(text)
    ents, pos = [], 0
    for surf, typ, skip, pre in ann:
        assert typ in T.values(), (spec_path, surf, typ)
        i = stext.find(pre + surf, pos)
        for _ in range(skip):
            i = stext.find(pre + surf, i + 1)
        if i >= 0:
            i += len(pre)
        if i < 0:
            sys.exit('%s: not found after %d: %r' % (spec_path, pos, surf))
        ents.append({'start': i, 'end': i + len(surf), 'type': typ, 'text': text[i:i + len(surf)]})
        pos = i + len(surf)
    for surf, typ in alls:  # '@all surface|type': every occurrence not inside another mention
        j = stext.find(surf)
        while j >= 0:
            if not any(e['start'] < j + len(surf) and j < e['end'] for e in ents):
                ents.append({'start': j, 'end': j + len(surf), 'type': typ, 'text': text[j:j + len(surf)]})
                if os.environ.get('SHOWALL'):
                    print('  @all %r at %d: …%s…' % (surf, j, text[max(0, j-6):j+len(surf)+6].replace('\n', '⏎')))
            j = stext.find(surf, j + len(surf))
    ents.sort(key=lambda e: e['start'])
    covered = set()
    for e in ents:
        covered.update(range(e['start'], e['end']))
    warn = []
    for surf in sorted({stext[e['start']:e['end']] for e in ents}):
        j = stext.find(surf)
        while j >= 0:
            if not any(k in covered for k in range(j, j + len(surf))):
                warn.append('  uncovered %r at %d: …%s…' % (surf, j, text[max(0, j-8):j+len(surf)+8].replace('\n', '⏎')))
            j = stext.find(surf, j + 1)
    rec = {'id': meta['id'], 'kind': meta['kind'],
           'source': {k: meta.get(k, '') for k in ('repo', 'path', 'commit', 'url', 'date')},
           'text': text, 'entities': ents}
    out = os.path.join(HERE, meta['half'], meta['id'] + '.json')
    if write:
        with open(out + '.tmp', 'w', encoding='utf-8') as f:
            json.dump(rec, f, ensure_ascii=False, indent=1)
        os.replace(out + '.tmp', out)
    print('%s -> %s: %d entities, %d chars' % (os.path.basename(spec_path), meta['half'], len(ents), len(text)))
    for w in warn:
        print(w)
    return rec

if __name__ == '__main__':
    for p in sys.argv[1:]:
        build(p)
