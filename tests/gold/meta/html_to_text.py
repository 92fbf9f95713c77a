import sys, re, html
from html.parser import HTMLParser
BLOCK = set('p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer title dt dd center form nav aside figure figcaption blockquote hr'.split())
SKIP = set('script style noscript head iframe select option textarea'.split())
class P(HTMLParser):
    def __init__(s):
        super().__init__(convert_charrefs=True); s.out=[]; s.skip=0; s.title=False
    def handle_starttag(s,t,a):
        if t in SKIP and t!='head': s.skip+=1
        if t=='title': s.title=True
        if t in BLOCK: s.out.append('\n')
    def handle_endtag(s,t):
        if t in SKIP and t!='head': s.skip=max(0,s.skip-1)
        if t=='title': s.title=False
        if t in BLOCK: s.out.append('\n')
    def handle_data(s,d):
        if s.skip or s.title: return
        s.out.append(d)
def conv(h):
    p=P(); p.feed(h); t=''.join(p.out)
    lines=[re.sub(r'[ \t\r\f\v]+',' ',l).strip() for l in t.split('\n')]
    return '\n'.join(l for l in lines if l)
if __name__=='__main__':
    print(conv(open(sys.argv[1],encoding='utf-8',errors='replace').read()))
