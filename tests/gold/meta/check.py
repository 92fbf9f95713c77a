#!/usr/bin/env python3
"""Checker for the bylines/metadata/captions gold set (Python 3, standard library only).

For every dev/*.json and test/*.json file it checks that
  * the record has the required keys and the kind is one of the known kinds;
  * every gold string occurs verbatim in `text`: title, original_title, source,
    authors, editors, photographers, dateline place/date, captions (text,
    photographer and credit), furniture entries, body_first, body_last, the `text` part of
    relative_dates, and person/title/text of roles;
  * a role's person and title both occur inside that role's text;
  * body_first occurs before body_last; published / relative date values are ISO dates;
  * every furniture entry and caption text lies outside the span body_first..body_last
    only if it is furniture (captions may lie inside the body; furniture may not,
    except where listed in `furniture_in_body`).
Exit status 0 when every file passes. Usage: python3 check.py [files...]
"""
import json, re, sys, os, glob

KINDS = {"police", "court", "party", "government", "statistics", "cctv", "tainan", "hk"}
KEYS = ["title", "original_title", "source", "authors", "editors", "photographers",
        "published", "dateline", "captions", "furniture", "body_first", "body_last",
        "relative_dates", "roles"]
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")


def check_file(path):
    errs = []
    with open(path, encoding="utf-8") as f:
        rec = json.load(f)
    text = rec.get("text", "")
    g = rec.get("gold", {})
    def need(s, what):
        if s is None:
            return
        if not isinstance(s, str) or not s:
            errs.append("%s: not a non-empty string: %r" % (what, s))
        elif s not in text:
            errs.append("%s not in text: %r" % (what, s))
    for k in ("id", "kind", "source", "text", "gold"):
        if k not in rec:
            errs.append("missing record key " + k)
    if rec.get("kind") not in KINDS:
        errs.append("bad kind %r" % rec.get("kind"))
    src = rec.get("source", {})
    for k in ("repo", "path", "commit"):
        if not src.get(k):
            errs.append("source.%s missing" % k)
    if os.path.basename(path) != rec.get("id", "") + ".json":
        errs.append("file name does not match id")
    for k in KEYS:
        if k not in g:
            errs.append("missing gold key " + k)
    need(g.get("title"), "title")
    need(g.get("original_title"), "original_title")
    need(g.get("source"), "source")
    for k in ("authors", "editors", "photographers"):
        for s in g.get(k) or []:
            need(s, k)
    p = g.get("published")
    if p is not None and not DATE_RE.match(p):
        errs.append("published not ISO: %r" % p)
    dl = g.get("dateline")
    if dl is not None:
        need(dl.get("place"), "dateline.place")
        need(dl.get("date"), "dateline.date")
    for c in g.get("captions") or []:
        need(c.get("text"), "caption.text")
        need(c.get("photographer"), "caption.photographer")
        need(c.get("credit"), "caption.credit")
    for s in g.get("furniture") or []:
        need(s, "furniture")
    need(g.get("body_first"), "body_first")
    need(g.get("body_last"), "body_last")
    bf, bl = g.get("body_first"), g.get("body_last")
    if bf and bl and bf in text and bl in text:
        i, j = text.find(bf), text.rfind(bl)
        if i > j:
            errs.append("body_first comes after body_last")
        else:
            body = text[i:j + len(bl)]
            allowed = set(g.get("furniture_in_body") or [])
            for s in g.get("furniture") or []:
                if s in body and s not in allowed and text.count(s) == body.count(s):
                    errs.append("furniture inside body span: %r" % s)
    for r in g.get("relative_dates") or []:
        need(r.get("text"), "relative_dates.text")
        v = r.get("value")
        if v is not None and not DATE_RE.match(v):
            errs.append("relative date value not ISO: %r" % v)
    for r in g.get("roles") or []:
        need(r.get("person"), "role.person")
        need(r.get("title"), "role.title")
        need(r.get("text"), "role.text")
        t = r.get("text") or ""
        if r.get("person") and r["person"] not in t:
            errs.append("role person not in role text: %r" % r)
        if r.get("title") and r["title"] not in t:
            errs.append("role title not in role text: %r" % r)
    return errs


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    files = argv[1:] or sorted(glob.glob(os.path.join(here, "dev", "*.json")) +
                               glob.glob(os.path.join(here, "test", "*.json")))
    bad = 0
    ids = {}
    for f in files:
        errs = check_file(f)
        rid = os.path.basename(f)
        if rid in ids:
            errs.append("duplicate id in %s and %s" % (ids[rid], f))
        ids[rid] = f
        if errs:
            bad += 1
            print("FAIL", f)
            for e in errs:
                print("   ", e)
    print("%d files checked, %d failed" % (len(files), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
