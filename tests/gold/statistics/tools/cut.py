#!/usr/bin/env python3
"""Cut an exact excerpt (first occurrence of START .. first END after it) from a
work-report CSV row (column full_text) exported to /tmp/wr/all.json, into raw/<id>.txt."""
import json, sys
d = json.load(open('/tmp/wr/all.json'))
p, a, b, out = sys.argv[1:5]
t = d[p]['full_text']
i = t.index(a); j = t.index(b, i) + len(b)
open('raw/' + out + '.txt', 'w').write(t[i:j])
print(out, j - i, d[p]['path'], d[p]['source_url'], d[p]['publish_date'], 'offset', i)
