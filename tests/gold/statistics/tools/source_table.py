#!/usr/bin/env python3
"""Write SOURCE.md from the built records (one row per article)."""
import json, glob, os
PLACE = {
 'wr-ningxia-2025': '宁夏回族自治区', 'wr-hainan-2025': '海南省', 'wr-guizhou-2025': '贵州省',
 'wr-shaanxi-2025': '陕西省', 'wr-qinghai-2025': '青海省', 'wr-sichuan-2025': '四川省',
 'wr-gansu-2025': '甘肃省', 'wr-guangdong-2025': '广东省',
 'br-daqing-h1': '黑龙江省大庆市', 'br-daqing-2017q1': '黑龙江省大庆市',
 'br-liulin-2024h1': '山西省吕梁市柳林县', 'br-minqing-2017h1': '福建省福州市闽清县',
 'bl-daqing-2012-a': '黑龙江省大庆市', 'bl-daqing-2012-b': '黑龙江省大庆市',
 'bl-liping-2018': '贵州省黔东南州黎平县', 'bl-yunhe-2022': '浙江省丽水市云和县',
 'bl-jiaocheng-2019': '山西省吕梁市交城县', 'bl-changshun-2019': '贵州省黔南州长顺县',
 'po-yuncheng-2021': '山西省运城市', 'po-mps-2021': '公安部 (national)',
 'po-hsinchu-114': '台湾 新竹市', 'ot-daqing-2014-rural': '黑龙江省大庆市',
 'ot-dgbas-2025q4': '台湾 (主计总处)', 'ot-twgdp-114q4': '台湾 (主计总处)'}
rows = []
for f in sorted(glob.glob('dev/*.json') + glob.glob('test/*.json')):
    r = json.load(open(f))
    s = r['source']
    rows.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d |' % (
        r['id'], f.split('/')[0], r['kind'], PLACE.get(r['id'], ''), r.get('date') or '',
        s['corpus'], s['repo'] or '—', ('`%s`' % s['path']) if s['path'] else '—',
        ('`%s`' % s['commit']) if s['commit'] else '—', s['url'] or '—', r.get('excerpt') or '',
        len(r['text']), len(r['statistics'])))
head = ('# Sources\n\nOne row per article. `corpus` github = file in a public GitHub repository (repo, path, commit as '
        'returned by read_file/fetch); pages = stored public web page from the `search` tool\'s pages corpus '
        '(no repository; the url is the page address).\n\n'
        '| id | split | kind | place | date | corpus | repo | path | commit | url | excerpt | chars | stats |\n'
        '|---|---|---|---|---|---|---|---|---|---|---|---|---|\n')
open('SOURCE.md', 'w').write(head + '\n'.join(rows) + '\n')
print(len(rows), 'rows')
