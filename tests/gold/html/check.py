#!/usr/bin/env python3
"""Check the gold set: every gold string must occur in the page's visible text.

Visible text = the page bytes decoded with the charset recorded in the record
(`charset_bytes`), parsed with html.parser; text inside <script>, <style> and
<title> is dropped (comments are never text); character references are
unescaped; block-level tags and <br> count as a break; runs of ASCII
whitespace and U+00A0 collapse to one space (U+3000 is kept: it is a visible
character, not HTML whitespace).

Usage: python3 check.py [--text ID]   (--text prints one page's visible text)
Standard library only.
"""
import html.parser, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODEC = {"utf-8": "utf-8-sig", "gbk": "gb18030", "gb2312": "gb18030",
         "gb18030": "gb18030", "big5": "big5hkscs"}
SKIP = {"script", "style", "title"}
BLOCK = {"address", "article", "aside", "blockquote", "br", "center", "dd", "div",
         "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
         "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
         "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead",
         "tr", "ul", "option", "select", "iframe", "img"}


class Vis(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def decode(raw, charset):
    return raw.decode(CODEC[charset.lower()])          # strict: fails on wrong charset


def visible_lines(text):
    p = Vis()
    p.feed(text)
    p.close()
    lines = []
    for ln in "".join(p.out).split("\n"):
        ln = re.sub(r"[ \t\r\f\v\xa0]+", " ", ln).strip()
        if ln:
            lines.append(ln)
    return lines


def visible(text):
    return " ".join(visible_lines(text))


def records():
    for half in ("dev", "test"):
        d = os.path.join(HERE, half)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if name.endswith(".json"):
                yield half, os.path.join(d, name)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--text":
        for half, jp in records():
            rec = json.load(open(jp, encoding="utf-8"))
            if rec["id"] == sys.argv[2]:
                raw = open(jp[:-5] + ".html", "rb").read()
                print("\n".join(visible_lines(decode(raw, rec["charset_bytes"]))))
        return 0
    bad = n = 0
    for half, jp in records():
        n += 1
        errs = []
        rec = json.load(open(jp, encoding="utf-8"))
        hp = jp[:-5] + ".html"
        if rec.get("id") != os.path.basename(jp)[:-5]:
            errs.append("id does not match file name")
        try:
            raw = open(hp, "rb").read()
            text = visible(decode(raw, rec["charset_bytes"]))
        except Exception as e:  # missing page or wrong charset
            errs.append("cannot read/decode page: %s" % e)
            text = ""
        g = rec.get("gold", {})
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", g.get("date") or ""):
            errs.append("date not ISO: %r" % g.get("date"))
        for k in ("title", "body_first", "body_last"):
            s = g.get(k)
            if not s:
                errs.append("%s empty" % k)
            elif s not in text:
                errs.append("%s not in visible text: %r" % (k, s))
        nib = g.get("not_in_body") or []
        if not 5 <= len(nib) <= 10:
            errs.append("not_in_body has %d strings (want 5-10)" % len(nib))
        for s in nib:
            if s not in text:
                errs.append("not_in_body string not in visible text: %r" % s)
            for k in ("body_first", "body_last"):
                if g.get(k) and g[k] in s:
                    errs.append("%s is inside not_in_body string %r" % (k, s))
        if errs:
            bad += 1
            print("FAIL %s/%s" % (half, rec.get("id")))
            for e in errs:
                print("   ", e)
    print("%d pages checked, %d failing" % (n, bad))
    return 1 if bad or not n else 0


if __name__ == "__main__":
    sys.exit(main())
