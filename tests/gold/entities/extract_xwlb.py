#!/usr/bin/env python3
"""How the china-data/xwlb items were turned into text (run inside a git snapshot of the repo).

Same conversion as /work/shared/samples/zh-hans: `video_detail.content` HTML -> </p> and <br>
to newline, tags stripped, HTML entities unescaped, each line trimmed (incl. U+3000), empty lines
dropped; first line = `video_detail.title` without the "[视频]" prefix.
Usage: python3 extract_xwlb.py REGEX   (lists 2015+ items whose title matches, 400-1500 chars)
"""
import json, subprocess, html, re, sys
def items(path):
    raw = subprocess.run(['git','show','HEAD:'+path],capture_output=True).stdout
    try: d = json.loads(raw)
    except Exception: return
    for v in d['videoList']:
        det = v.get('video_detail') or {}
        c = det.get('content') or ''
        t = re.sub(r'^\[视频\]','',det.get('title') or v.get('video_title',''))
        s = re.sub(r'(?i)</p>|<br\s*/?>','\n',c)
        s = re.sub(r'<[^>]+>','',s)
        s = html.unescape(s)
        lines = [l.strip().strip('\u3000').strip() for l in s.split('\n')]
        lines = [l for l in lines if l]
        yield v['num'], v.get('pub_date',''), v.get('video_url',''), t, '\n'.join([t]+lines)
if __name__=='__main__':
    kw = sys.argv[1]
    files = subprocess.run(['git','ls-tree','-r','--name-only','HEAD','assets/'],capture_output=True,text=True).stdout.split()
    for f in files:
        y = f.split('/')[1]
        if y < '2015': continue
        for num,pd,url,t,txt in items(f):
            if re.search(kw, t) and 400 <= len(txt) <= 1500:
                print(f, num, pd[:10], len(txt), t[:60])
