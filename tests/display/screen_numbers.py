#!/usr/bin/env python3
"""What the waiting-room screen must show, against what one frame drew.

  screen_numbers.py FRAME DB STATUS_JSON COUNTERS

FRAME is one frame record of the draw trace (trace.py frame), DB the
database, STATUS_JSON the output of `motcua --json status`, COUNTERS the
counters the display shows ("1 2 3 4", or "2" for --counters 2; all of them
also checks the waiting count of every service). Checks, in the frame:
each counter's number cell ("serving" rectangle) shows the ticket it
serves (also when paused), else "—", or "Tạm dừng" when paused; the latest call panel shows
the newest call or recall and its counter; the first "recent" cell the call
before it; each "waiting" line the service's waiting count. The number is
the largest text (by font size) in its rectangle.

Prints one line per number to read back by OCR, "WHERE<TAB>WANT<TAB>x y w h"
(the rectangle of the text), and exits 1 with a message on stderr at the
first disagreement.
"""
import json
import sqlite3
import sys


def texts_in(frame, kind, ident):
    rect = next((r for r in frame["rects"] if r["kind"] == kind and r["id"] == ident), None)
    if rect is None:
        sys.exit(f"{kind}:{ident}: not on screen (no such rectangle in the frame)")
    return [t for t in frame["texts"]
            if rect["x"] <= t["x"] + t["w"] / 2 < rect["x"] + rect["w"]
            and rect["y"] <= t["y"] + t["h"] / 2 < rect["y"] + rect["h"]]


def expect(frame, kind, ident, want, ocr=True):
    texts = texts_in(frame, kind, ident)
    if not texts:
        sys.exit(f"{kind}:{ident}: nothing drawn, the database says {want}")
    big = max(texts, key=lambda t: t["px"])
    if big["s"] != want:
        sys.exit(f"{kind}:{ident} shows '{big['s']}' (draw trace), the database says {want}")
    if ocr:
        print(f"{kind}:{ident}\t{want}\t{big['x']} {big['y']} {big['w']} {big['h']}")
    return texts


def main(frame_path, db_path, status_json, counters):
    frame = json.loads(open(frame_path, encoding="utf-8").read())
    status = json.loads(status_json)
    shown = [int(c) for c in counters.split()]
    for c in status["counters"]:
        if c["number"] not in shown:
            continue
        # A paused counter keeps showing the number it serves until it is finished.
        want = c["serving"] or {"paused": "Tạm dừng", "closed": "Đã đóng"}.get(c["state"], "—")
        expect(frame, "serving", str(c["number"]), want, want.isdigit())
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    calls = db.execute(
        "SELECT number, counter, kind FROM events WHERE kind IN ('call', 'recall')"
        f" AND counter IN ({','.join('?' * len(shown))}) ORDER BY id DESC LIMIT 2",
        shown).fetchall()
    if calls:
        number, counter, kind = calls[0]
        texts = expect(frame, "latest", "-", number)
        line = f"đến quầy số {counter}" + (" (gọi lại)" if kind == "recall" else "")
        if not any(t["s"] == line for t in texts):
            sys.exit(f"latest call: no '{line}' in {[t['s'] for t in texts]}")
    if len(calls) > 1:
        expect(frame, "recent", "1", calls[1][0])
    if len(shown) == len(status["counters"]):
        for s in status["services"]:
            expect(frame, "waiting", s["code"], str(s["waiting"]))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
