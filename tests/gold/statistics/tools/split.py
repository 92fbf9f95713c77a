#!/usr/bin/env python3
"""Seeded split: within each kind, sort ids, shuffle with random.Random(SEED),
first ceil(n/2) -> dev, rest -> test.  Run to print the assignment."""
import random
SEED = 20261203
KINDS = {'work_report': ['wr-ningxia-2025', 'wr-hainan-2025', 'wr-guizhou-2025', 'wr-shaanxi-2025',
                         'wr-qinghai-2025', 'wr-sichuan-2025', 'wr-gansu-2025', 'wr-guangdong-2025'],
         'briefing': ['br-daqing-h1', 'br-daqing-2017q1', 'br-liulin-2024h1', 'br-minqing-2017h1'],
         'bulletin': ['bl-daqing-2012-a', 'bl-daqing-2012-b', 'bl-liping-2018', 'bl-yunhe-2022',
                      'bl-jiaocheng-2019', 'bl-changshun-2019'],
         'police': ['po-yuncheng-2021', 'po-mps-2021', 'po-hsinchu-114'],
         'other': ['ot-daqing-2014-rural', 'ot-dgbas-2025q4', 'ot-twgdp-114q4']}


def assignment():
    rng = random.Random(SEED)
    out = {}
    for k, ids in KINDS.items():
        ids = sorted(ids)
        rng.shuffle(ids)
        n = (len(ids) + 1) // 2
        for i in ids[:n]:
            out[i] = 'dev'
        for i in ids[n:]:
            out[i] = 'test'
    return out


if __name__ == '__main__':
    for i, s in sorted(assignment().items(), key=lambda x: (x[1], x[0])):
        print(s, i)
