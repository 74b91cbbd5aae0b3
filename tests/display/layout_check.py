#!/usr/bin/env python3
"""Checks the waiting-room screen's layout from the draw trace, one desk at
one screen size (test_display_layout.sh runs it over the matrix).

  layout_check.py TRACE PID DESK_JSON SHOTS_DIR [--ocr]

TRACE is the draw trace of the display (PID) showing the desk described by
DESK_JSON ({"counters": motcua --json counters, "services": ... services,
"status": ... status, "settings": ... settings, "last_event": id}). Waits
until the display has drawn the desk's last event on every page of its
board, saving a screenshot of the first page (SHOTS_DIR/page-1.ppm; with
--ocr of each page, and SHOTS_DIR/page-K.read: "WHAT<TAB>WANT<TAB>x y w h"
a line, the serving numbers and each field's first line, to read back by
OCR), and checks each page's frame:

- every text inside the screen and its box, none over another, none under
  the least size (28 px per 1080 lines of the short side);
- each counter's number cell shows its number, digits at least 40 px tall
  per 1080 screen lines; the latest call is the largest text on the screen;
- every text at least 4.5:1 against its background (3:1 over 40 px);
- every counter on some page, each page with its sign "Trang K/N";
- every field in the waiting counts on every page, with its whole name;
- lines broken only between words, never before a dash, a cut text ending
  with a whole word and "…".

Prints one line per fault and exits 1 if any; prints "pages N" otherwise.
"""
import json
import math
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import trace as tracelib  # noqa: E402

DASHES = ("–", "-", "—")
# The screen's own texts (not names from the desk).
LABELS = [r"MỜI CÔNG DÂN CÓ SỐ", r"đến quầy số \d+( \(gọi lại\))?", r"Số vừa gọi",
          r"→ Quầy \d+( \(gọi lại\))?", r"Số người đang chờ", r"Trang \d+/\d+",
          r"Quầy \d+–\d+ \(tổng \d+ quầy\)", r"(Thứ \w+|Chủ nhật), \d\d/\d\d/\d{4}",
          r"\d\d:\d\d", r"Quầy \d+", r"[A-Z]?\d+", r"Tạm dừng", r"Đã đóng", r"—",
          r"Mất kết nối"]


def luminance(hex_colour):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rect(frame, kind, ident):
    return next((r for r in frame["rects"] if r["kind"] == kind and r["id"] == ident), None)


def texts_in(frame, r):
    return [t for t in frame["texts"] if tracelib.inside(t, r)]


def wait_pages(path, pid, last_event, shots, every_page):
    """{page: frame} of whole frames showing last_event, one per page. A
    screenshot of page 1 (of every page with every_page, for OCR) is taken
    of the newest frame read; for OCR it is kept only if no other page was
    presented before the screenshot was done."""
    end = time.monotonic() + 60
    after, pages, shot, total = 0, {}, set(), None
    while True:
        recs, after = tracelib.scan(path, after, ["whole"])
        recs = [r for _, r in recs if r.get("pid") == pid and "partial" not in r
                and int(r.get("event", 0)) >= last_event]
        for rec in recs:
            page, total = (int(x) for x in rec.get("page", "1/1").split("/"))
            pages.setdefault(page, rec)
        want = set(range(1, total + 1)) if every_page and total else {1}
        if recs:
            newest = recs[-1]
            tag = newest.get("page", "1/1")
            page = int(tag.split("/")[0])
            if page in want - shot:
                # PPM: written in a fifth of the time of a PNG, so pages turn less often
                # during a screenshot.
                ppm = os.path.join(shots, f"page-{page}.ppm")
                subprocess.run(["import", "-window", "root", ppm], check=True)
                taken = time.time() * 1000
                later, _ = tracelib.scan(path, after, ["whole"])
                # (Without OCR, the screenshot is only to look at: any will do.)
                if not every_page or not any(r.get("pid") == pid and r.get("page", "1/1") != tag
                                             and r["ms"] <= taken for _, r in later):
                    shot.add(page)
                    pages[page] = newest  # the frame the screenshot shows
        if total is not None and len(pages) == total and want <= shot:
            return pages
        if time.monotonic() > end:
            sys.exit(f"timeout: pages seen {sorted(pages)} of {total}, screenshots {sorted(shot)}")
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            sys.exit(f"display {pid} died")
        time.sleep(0.05)


def token_runs(sources):
    """Each source string as a list of words."""
    return [s.split() for s in sources if s]


def is_run_of(words, runs):
    """words are consecutive words of one of runs."""
    n = len(words)
    return any(run[i:i + n] == words for run in runs for i in range(len(run) - n + 1))


def main(trace_path, pid, desk_path, shots, ocr):
    desk = json.load(open(desk_path, encoding="utf-8"))
    counters = {c["number"]: c for c in desk["counters"]["counters"]}
    serving = {c["number"]: c for c in desk["status"]["counters"]}
    services = desk["services"]["services"]
    settings = desk["settings"]["settings"]
    os.makedirs(shots, exist_ok=True)
    pages = wait_pages(trace_path, pid, desk["last_event"], shots, ocr)
    faults = []
    w, h = pages[1]["w"], pages[1]["h"]
    min_px = round(28 * min(w, h) / 1080)
    min_ink = math.ceil(40 * h / 1080)
    names = {s["code"]: s["name"] for s in services}
    sources = [c["name"] for c in counters.values()] + list(names.values()) \
        + [c["pause_reason"] for c in counters.values()] \
        + [f"Tạm dừng: {c['pause_reason']}" for c in counters.values()] \
        + [", ".join(names[x] for x in c["services"] if x in names) for c in counters.values()] \
        + [settings["commune_name"], settings["desk_name"], settings["notice"]]
    runs = token_runs(sources)
    seen = set()
    for k, frame in sorted(pages.items()):
        where = f"page {k}/{len(pages)}:"
        faults += [f"{where} {f}" for f in tracelib.layout_faults(frame, min_px)]
        read = []
        # Counters on this page.
        for r in frame["rects"]:
            if r["kind"] != "counter":
                continue
            n = int(r["id"])
            seen.add(n)
            inside = [t["s"] for t in texts_in(frame, r)]
            if str(n) not in inside and f"Quầy {n}" not in inside:
                faults.append(f"{where} counter {n}: no 'Quầy {n}' or '{n}' in its tile: {inside}")
            cell = rect(frame, "serving", str(n))
            st = serving[n]
            want = st["serving"] or {"paused": "Tạm dừng", "closed": "Đã đóng"}.get(st["state"], "—")
            texts = texts_in(frame, cell) if cell else []
            if not texts:
                faults.append(f"{where} counter {n}: no number cell")
                continue
            big = max(texts, key=lambda t: t["px"])
            if big["s"] != want:
                faults.append(f"{where} counter {n} shows '{big['s']}', the desk says '{want}'")
            elif st["serving"] and big["ink"][3] < min_ink:
                faults.append(f"{where} counter {n}: number {want} is {big['ink'][3]} px tall, "
                              f"under {min_ink}")
            if st["state"] == "paused" and not any(t["s"].startswith("Tạm dừng")
                                                  for t in texts_in(frame, r)):
                faults.append(f"{where} paused counter {n} does not say 'Tạm dừng'")
            read.append(("serving", want, big))
        # The page sign.
        if len(pages) > 1 and not any(t["s"] == f"Trang {k}/{len(pages)}" for t in frame["texts"]):
            faults.append(f"{where} no 'Trang {k}/{len(pages)}'")
        # The latest call: the largest text on the screen.
        latest = rect(frame, "latest", "-")
        calls = [t for t in texts_in(frame, latest)] if latest else []
        top = max(frame["texts"], key=lambda t: t["px"])
        if not calls or top not in calls or not re.fullmatch(r"[A-Z]?\d+", top["s"]):
            faults.append(f"{where} the largest text is '{top['s']}' ({top['px']} px), "
                          "not the latest call")
        elif any(t is not top and (t["px"] >= top["px"] or t["ink"][3] >= top["ink"][3])
                 for t in frame["texts"]):
            faults.append(f"{where} a text as large as the latest call {top['s']}")
        # Contrast.
        for t in frame["texts"]:
            if "bg" not in t:
                faults.append(f"{where} '{t['s']}': no background colour in the trace")
                continue
            need = 3.0 if t["px"] > 40 else 4.5
            ratio = contrast(t["color"], t["bg"])
            if ratio < need:
                faults.append(f"{where} '{t['s']}' {t['color']} on {t['bg']}: {ratio:.2f}:1, "
                              f"under {need}:1")
        # Waiting counts: every field, its whole name.
        for s in services:
            r = rect(frame, "waiting", s["code"])
            if not r:
                faults.append(f"{where} field {s['code']} missing from 'Số người đang chờ'")
                continue
            lines = [t for t in texts_in(frame, r) if not t["s"].isdigit()]
            name = " ".join(t["s"] for t in lines)
            if name != s["name"]:
                faults.append(f"{where} field {s['code']} reads '{name}', not '{s['name']}'")
            elif lines:
                read.append(("field", s["name"].split()[0], lines[0]))
        # Line breaks: a text is one of the screen's labels, or whole words of a name.
        for t in frame["texts"]:
            text = t["s"]
            if any(re.fullmatch(rx, text) for rx in LABELS):
                continue
            if text.startswith(DASHES):
                faults.append(f"{where} a line starts with a dash: '{text}'")
            words = (text[:-1] if text.endswith("…") else text).split()
            if not words or not is_run_of(words, runs):
                faults.append(f"{where} '{text}' is not whole words of a name")
        if ocr:
            with open(os.path.join(shots, f"page-{k}.read"), "w", encoding="utf-8") as f:
                for what, want, t in read:
                    f.write(f"{what}\t{want}\t{t['x']} {t['y']} {t['w']} {t['h']}\n")
    missing = sorted(set(counters) - seen)
    if missing:
        faults.append(f"counters on no page: {missing}")
    for f in faults:
        print(f)
    if faults:
        return 1
    print(f"pages {len(pages)}")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--ocr"]
    if len(args) != 4:
        sys.exit(__doc__)
    sys.exit(main(args[0], int(args[1]), args[2], args[3], "--ocr" in sys.argv))
