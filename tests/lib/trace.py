#!/usr/bin/env python3
"""Reads the draw trace of the SDL programs ($MOTCUA_TRACE, JSON lines; the
format is described in include/motcua/ui/trace.h) for the UI tests.

  trace.py count FILE [--after N] FILTER...    records that match
  trace.py wait FILE [--after N] [--pid PID] [--timeout S] [--count N] FILTER...
                                               waits for one (or N); prints the line
                                               number of the last
  trace.py frame FILE FILTER...                the last whole frame that matches, as
                                               is (a file the commands below can read)
  trace.py field FILE NAME FILTER...           NAME of the last record that matches
  trace.py rect FILE KIND ID [FILTER...]       "x y w h" of the named rectangle in the
                                               last frame that has it
  trace.py center FILE KIND ID [FILTER...]     its centre "x y"
  trace.py texts FILE [--in KIND:ID] [--geometry yes] [FILTER...]
                                               the strings of the last whole frame
                                               (whose centre is inside the named
                                               rectangle), one a line; with
                                               --geometry "x y w h px<TAB>string"

  trace.py check FILE [--min-px N] [FILTER...]
                                               layout faults in the last whole frame:
                                               a text whose glyphs (ink) are off the
                                               screen (unless clipped to an area on
                                               it), out of its box, over another
                                               text's of its layer, or a font under
                                               N px; one a line, exit 1 if any

FILTER (all must hold): key=value (a field equals value), key~regex (a field
matches), key>=N (a field is a number at least N), rect=KIND:ID (a frame has
that rectangle), rects:KIND=N (a frame has N rectangles of KIND), text=STRING
(a frame drew exactly STRING), whole (a frame that is not a partial update).
--after N skips the first N lines.
Exit status 1 when nothing matches (or the wait times out, or PID died).
"""
import json
import os
import re
import sys
import time


def needles(filters):
    """Strings a line must contain to match (a cheap test before parsing JSON)."""
    out = []
    for f in filters:
        if f == "whole":
            out.append('"t":"frame"')
        elif f.startswith("text="):
            out.append(json.dumps(f[5:], ensure_ascii=False)[1:-1])
        elif "=" in f and not f.startswith(("rect=", "rects:")) and ">=" not in f \
                and ("~" not in f or f.index("=") < f.index("~")):
            out.append(json.dumps(f.partition("=")[2], ensure_ascii=False)[1:-1])
    return out


def scan(path, after=0, filters=()):
    """(records, lines): (line number, record) of each complete line after the
    first `after` that may match filters, and the number of complete lines
    read (a partly written last line is read next time)."""
    out = []
    lines = after
    must = needles(filters)
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if n <= after or not line.endswith("\n"):
                    continue
                lines = n
                if not all(m in line for m in must):
                    continue
                try:
                    out.append((n, json.loads(line)))
                except json.JSONDecodeError:
                    sys.exit(f"trace.py: {path}:{n}: not JSON: {line[:80]!r}")
    except FileNotFoundError:
        pass
    return out, lines


def load(path, after=0, filters=()):
    return scan(path, after, filters)[0]


def has_rect(rec, kind, ident):
    return any(r["kind"] == kind and r["id"] == ident for r in rec.get("rects", []))


def matches(rec, filters):
    for f in filters:
        if f == "whole":
            if rec.get("t") != "frame" or "partial" in rec:
                return False
        elif f.startswith("rect="):
            kind, _, ident = f[5:].partition(":")
            if not has_rect(rec, kind, ident):
                return False
        elif f.startswith("rects:"):
            kind, _, n = f[6:].partition("=")
            if sum(r["kind"] == kind for r in rec.get("rects", [])) != int(n):
                return False
        elif f.startswith("text="):
            if not any(t["s"] == f[5:] for t in rec.get("texts", [])):
                return False
        elif ">=" in f and re.match(r"^\w+>=-?\d+$", f):
            key, _, n = f.partition(">=")
            try:
                if int(rec.get(key)) < int(n):
                    return False
            except (TypeError, ValueError):
                return False
        elif "~" in f and ("=" not in f or f.index("~") < f.index("=")):
            key, _, rx = f.partition("~")
            if key not in rec or not re.search(rx, str(rec[key])):
                return False
        elif "=" in f:
            key, _, value = f.partition("=")
            if str(rec.get(key)) != value:
                return False
        else:
            sys.exit(f"trace.py: bad filter {f!r}")
    return True


def options(args, names):
    """Pops --name VALUE options (names: {name: default}) from args."""
    got = dict(names)
    rest = []
    it = iter(args)
    for a in it:
        if a.startswith("--") and a[2:] in names:
            got[a[2:]] = next(it)
        else:
            rest.append(a)
    return got, rest


def find_rect(recs, kind, ident):
    for _, rec in reversed(recs):
        for r in rec.get("rects", []):
            if r["kind"] == kind and r["id"] == ident:
                return r
    return None


def inside(t, r):
    cx, cy = t["x"] + t["w"] / 2, t["y"] + t["h"] / 2
    return r["x"] <= cx < r["x"] + r["w"] and r["y"] <= cy < r["y"] + r["h"]


def rect_of(t):
    """What a reader sees of a text: its glyphs' pixels (its line when empty)."""
    ink = t.get("ink")
    return tuple(ink) if ink and ink[2] > 0 else (t["x"], t["y"], t["w"], t["h"])


def contains(outer, inner):
    ox, oy, ow, oh = outer
    x, y, w, h = inner
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def overlap(a, b):
    return (a[0] < b[0] + b[2] and b[0] < a[0] + a[2]
            and a[1] < b[1] + b[3] and b[1] < a[1] + a[3])


def layout_faults(frame, min_px):
    """What a person could not read well in one frame (see check)."""
    out = []
    screen = (0, 0, frame["w"], frame["h"])
    texts = frame["texts"]
    for t in texts:
        r = rect_of(t)
        name = f'"{t["s"]}" at {r}'
        if not contains(screen, r) and not ("clip" in t and contains(screen, t["clip"])):
            out.append(f"off the screen: {name}")
        if t["box"] and not contains(t["box"], r) and "clip" not in t:
            out.append(f"out of its box {tuple(t['box'])}: {name}")
        if t["px"] < min_px:
            out.append(f"{t['px']} px, under {min_px}: {name}")
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a["layer"] == b["layer"] and overlap(rect_of(a), rect_of(b)):
                out.append(f'over each other: "{a["s"]}" at {rect_of(a)}, '
                           f'"{b["s"]}" at {rect_of(b)}')
    return out


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, path, args = argv[1], argv[2], argv[3:]
    if cmd == "count":
        opt, filters = options(args, {"after": "0"})
        print(sum(matches(r, filters) for _, r in load(path, int(opt["after"]), filters)))
        return 0
    if cmd == "wait":
        opt, filters = options(args, {"after": "0", "pid": "", "timeout": "15", "count": "1"})
        end = time.monotonic() + float(opt["timeout"])
        after = int(opt["after"])
        left = int(opt["count"])
        while True:
            recs, after = scan(path, after, filters)
            for n, rec in recs:
                if matches(rec, filters):
                    left -= 1
                    if left == 0:
                        print(n)
                        return 0
            if opt["pid"]:
                try:
                    os.kill(int(opt["pid"]), 0)
                except ProcessLookupError:
                    print(f"trace.py: process {opt['pid']} died waiting for {filters}",
                          file=sys.stderr)
                    return 1
            if time.monotonic() > end:
                print(f"trace.py: timeout waiting for {filters}", file=sys.stderr)
                return 1
            time.sleep(0.05)
    if cmd == "field":
        name, filters = args[0], args[1:]
        for _, rec in reversed(load(path, 0, filters)):
            if matches(rec, filters) and name in rec:
                print(rec[name])
                return 0
        return 1
    if cmd in ("rect", "center"):
        kind, ident, filters = args[0], args[1], args[2:]
        recs = [(n, r) for n, r in load(path, 0, filters) if matches(r, filters)]
        r = find_rect(recs, kind, ident)
        if not r:
            return 1
        if cmd == "rect":
            print(r["x"], r["y"], r["w"], r["h"])
        else:
            print(r["x"] + r["w"] // 2, r["y"] + r["h"] // 2)
        return 0
    if cmd == "texts":
        opt, filters = options(args, {"in": "", "geometry": ""})
        frames = [r for _, r in load(path, 0, ["whole"] + filters)
                  if matches(r, ["whole"] + filters)]
        if not frames:
            return 1
        frame = frames[-1]
        area = None
        if opt["in"]:
            kind, _, ident = opt["in"].partition(":")
            area = find_rect([(0, frame)], kind, ident)
            if not area:
                return 1
        for t in frame["texts"]:
            if area is not None and not inside(t, area):
                continue
            if opt["geometry"]:
                print(f'{t["x"]} {t["y"]} {t["w"]} {t["h"]} {t["px"]}\t{t["s"]}')
            else:
                print(t["s"])
        return 0
    if cmd == "check":
        opt, filters = options(args, {"min-px": "0"})
        frames = [r for _, r in load(path, 0, ["whole"] + filters)
                  if matches(r, ["whole"] + filters)]
        if not frames:
            return 1
        faults = layout_faults(frames[-1], int(opt["min-px"]))
        for f in faults:
            print(f)
        return 1 if faults else 0
    if cmd == "frame":
        last = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.endswith("\n") and all(m in line for m in needles(["whole"] + args)) \
                        and matches(json.loads(line), ["whole"] + args):
                    last = line
        if last is None:
            return 1
        sys.stdout.write(last)
        return 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
