#!/usr/bin/env python3
"""The dev/test split: a seeded random shuffle within each kind (seed 20261203).

Articles were split in batches, as they were collected, so that adding articles never moved an
earlier one to the other half.  Within a batch: per kind, ids sorted, shuffled with
random.Random("<seed>-<kind><salt>"), the first ceil/floor half to dev (for an odd count the
extra article goes to dev and test alternately, kinds in name order, starting with dev).
  A1  helper A's first 40 articles                     salt ""
  A2  4 more (court, party)                             salt "-A2"
  A3  2 more (hk)                                       salt "-A3"
  A4  2 more (cctv 国内联播快讯 samples)                 salt "-A4"
  B   helper B's 15 articles (pool/split_B.json)        salt ""  (B's 15 alone)
Run it to rebuild split.json (A's batches) and to verify pool/split_B.json.
"""
import json, os, random
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261203
A2 = ['court_21cn_2015_media', 'court_repatriated_2017_wangguoqiang', 'party_ccdi_2021_election',
      'party_supervision_2017_pilot']
A3 = ['hk_gov_2020_wuhan_pneumonia', 'hk_police_2019_hospital_arrest']
A4 = ['cctv_xwlb_20220513_11', 'cctv_xwlb_20240419_10']


def split(ids, kind_of, salt):
    out, extra_dev = {}, True
    for k in sorted({kind_of[i] for i in ids}):
        ks = sorted(i for i in ids if kind_of[i] == k)
        random.Random('%d-%s%s' % (SEED, k, salt)).shuffle(ks)
        n = len(ks)
        ndev = n // 2 + (n % 2 if extra_dev else 0)
        if n % 2:
            extra_dev = not extra_dev
        for j, i in enumerate(ks):
            out[i] = 'dev' if j < ndev else 'test'
    return out


if __name__ == '__main__':
    M = json.load(open(os.path.join(HERE, 'manifest_sources.json'), encoding='utf-8'))
    kind = {i: v['kind'] for i, v in M.items()}
    a1 = [i for i in M if i not in A2 + A3 + A4]
    S = {}
    for ids, salt in ((a1, ''), (A2, '-A2'), (A3, '-A3'), (A4, '-A4')):
        S.update(split(ids, kind, salt))
    json.dump(S, open(os.path.join(HERE, 'split.json'), 'w'), indent=1, sort_keys=True)
    B = json.load(open(os.path.join(HERE, 'pool', 'split_B.json')))
    kB = {}
    for i in B:
        h = B[i]
        kB[i] = json.load(open(os.path.join(HERE, h, i + '.json'), encoding='utf-8'))['kind']
    assert split(list(B), kB, '') == B, 'pool/split_B.json does not follow the method'
    allk = dict(kind, **kB)
    allS = dict(S, **B)
    for k in sorted(set(allk.values())):
        print('%-11s dev %2d  test %2d' % (k, sum(1 for i in allS if allk[i] == k and allS[i] == 'dev'),
                                          sum(1 for i in allS if allk[i] == k and allS[i] == 'test')))
    print('total      dev %2d  test %2d' % (sum(1 for v in allS.values() if v == 'dev'),
                                           sum(1 for v in allS.values() if v == 'test')))
