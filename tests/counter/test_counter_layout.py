#!/usr/bin/env python3
"""The counter window's layout over the matrix of screens and desks, from its
draw trace ($MOTCUA_TRACE, tests/lib/trace.py):

  sizes 1024x768, 1280x800, 1366x768, 1920x1080 (each a private Xvfb screen,
  no window manager, the window --fullscreen)
  x desks of 4 counters / 5 fields, 12 / 12 and 24 / 16 (fixture desk)
  x the main screen (serving; paused while serving; paused with nobody),
    each picker (put back, transfer, call a number, pause reason) page by
    page, and the rating question.

Every frame: it fills the screen (the real output size), every text lies on
the screen and in its box, none over another, none under 2 % of the screen
height, and each has a contrast of at least 4.5:1 against what lies under
it (3:1 above 40 px), from the colours in the trace (the window records its
fills as rectangles of kind "fill"); every button and tile is on the
screen. Each picker reaches every item the database says it must offer
(every other field and counter; every no-show; every citizen waiting for
counter 1), and a counter on a later page is taken by typing its number.

Usage: test_counter_layout.py SOURCE_ROOT BUILD_ROOT [SHOTS_DIR]
Screenshots of each screen go to SHOTS_DIR (default BUILD_ROOT/tests/counter/layout).
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

SRC, BUILD = sys.argv[1], sys.argv[2]
SHOTS = sys.argv[3] if len(sys.argv) > 3 else os.path.join(BUILD, "tests/counter/layout")
sys.path.insert(0, os.path.join(SRC, "tests/lib"))
import trace as tracelib  # noqa: E402  (tests/lib/trace.py)

FIXTURE = os.path.join(BUILD, "tests/counter/counter_fixture")
PROG = os.path.join(BUILD, "src/counter/motcua-counter")
SIZES = [(1024, 768), (1280, 800), (1366, 768), (1920, 1080)]
DESKS = [(4, 5, 3), (12, 12, 14), (24, 16, 30)]   # counters, fields, no-shows at counter 1
PICKERS = [("F5", "requeue"), ("F6", "transfer"), ("F7", "call"), ("F8", "pause")]

failures = []


def fail(where, what):
    failures.append(f"{where}: {what}")
    print(f"FAIL {where}: {what}", file=sys.stderr)


# Contrast (WCAG 2) from "#rrggbb[aa]" colours.
def rgba(hexstr):
    h = hexstr.lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)] + [int(h[6:8], 16) if len(h) == 8 else 255]


def over(top, below):
    a = top[3] / 255
    return [round(top[i] * a + below[i] * (1 - a)) for i in range(3)] + [255]


def luminance(c):
    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def background(frame, text):
    """The colour under a text's centre: the fills of its layer drawn last on top."""
    x, y, w, h = tracelib.rect_of(text)
    cx, cy = x + w / 2, y + h / 2
    fills = [r for r in frame["rects"] if r["kind"] == "fill" and r["layer"] == text["layer"]
             and r["x"] <= cx < r["x"] + r["w"] and r["y"] <= cy < r["y"] + r["h"]]
    colour = [0, 0, 0, 255]
    for r in fills:
        colour = over(rgba(r["id"]), colour)
    return colour if fills else None


def contrast_faults(frame):
    layers = {t["layer"] for t in frame["texts"]}
    top = "dialog" if "dialog" in layers else "base"
    out = []
    for t in frame["texts"]:
        if t["layer"] != top:
            continue   # under the dialog's dimming: not meant to be read
        bg = background(frame, t)
        if bg is None:
            out.append(f'no fill under "{t["s"]}"')
            continue
        ratio = contrast(over(rgba(t["color"]), bg), bg)
        need = 3.0 if t["px"] > 40 else 4.5
        if ratio < need:
            out.append(f'contrast {ratio:.2f} < {need} for "{t["s"]}" ({t["color"]} on '
                       f'#{bg[0]:02x}{bg[1]:02x}{bg[2]:02x}, {t["px"]} px)')
    return out


def check_frame(where, frame, size):
    w, h = size
    if (frame["w"], frame["h"]) != (w, h):
        fail(where, f"the window's output is {frame['w']}x{frame['h']}, not the screen's {w}x{h}")
    for f in tracelib.layout_faults(frame, max(8, h * 2 // 100)) + contrast_faults(frame):
        fail(where, f)
    for r in frame["rects"]:
        if r["kind"] in ("button", "pick", "pagenext", "pageprev", "pickcancel", "rate") and \
                not tracelib.contains((0, 0, w, h), (r["x"], r["y"], r["w"], r["h"])):
            fail(where, f'{r["kind"]} {r["id"]} off the screen: {r}')


class Trace:
    """Reads the trace file as it grows."""

    def __init__(self, path):
        self.path, self.pos, self.lines = path, 0, 0

    def wait(self, pred, what, timeout=15):
        end = time.monotonic() + timeout
        while True:
            try:
                with open(self.path, encoding="utf-8") as f:
                    f.seek(self.pos)
                    chunk = f.read()
            except FileNotFoundError:
                chunk = ""
            while "\n" in chunk:
                line, chunk = chunk.split("\n", 1)
                self.pos += len(line.encode("utf-8")) + 1
                rec = json.loads(line)
                if rec.get("t") == "frame" and pred(rec):
                    return rec
            if time.monotonic() > end:
                raise TimeoutError(f"no frame: {what}")
            time.sleep(0.03)


def xvfb_start(w, h):
    for n in range(90, 141):
        if os.path.exists(f"/tmp/.X{n}-lock") or os.path.exists(f"/tmp/.X11-unix/X{n}"):
            continue
        p = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                break
            time.sleep(0.1)
        if p.poll() is None and os.path.exists(f"/tmp/.X11-unix/X{n}"):
            return p, f":{n}"
        p.kill()
        p.wait()
    sys.exit("no free X display")


def expected_items(db):
    """What each picker must offer counter 1, read from the database itself."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    q = lambda sql: [str(r[0]) for r in con.execute(sql)]  # noqa: E731
    day = "(SELECT max(day) FROM business_day)"
    current_service = q("SELECT s.code FROM counters c JOIN tickets t ON t.id = c.current_ticket"
                        " JOIN services s ON s.id = t.service_id WHERE c.number = 1")
    serves = ("SELECT cs.service_id FROM counter_services cs JOIN counters c"
              " ON c.id = cs.counter_id WHERE c.number = 1")
    noshows = set(q(f"SELECT number FROM tickets WHERE status = 'noshow' AND day = {day}"
                    f" AND service_id IN ({serves})"))
    waiting = set(q(f"SELECT number FROM tickets WHERE status = 'waiting' AND day = {day}"
                    f" AND service_id IN ({serves}) AND coalesce(target_counter, 0) IN (0, 1)"))
    out = {
        "requeue": noshows,
        "transfer": set(q("SELECT code FROM services WHERE active")) - set(current_service)
        | set(q("SELECT number FROM counters WHERE number != 1 AND state != 'closed'")),
        "call": waiting | noshows,
        "pause": {str(i) for i in range(1, 7)},
    }
    con.close()
    return out


def main():
    os.makedirs(SHOTS, exist_ok=True)
    tmp = tempfile.mkdtemp()
    env = dict(os.environ, MOTCUA_LOG="warn", SDL_AUDIODRIVER="dummy")
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    templates = {}
    for c, f, n in DESKS:
        db = os.path.join(tmp, f"desk-{c}-{f}.db")
        subprocess.run([FIXTURE, db, "desk", str(c), str(f), str(n)], check=True,
                       stderr=subprocess.DEVNULL)
        templates[(c, f)] = db
    xvfb = prog = None
    try:
        for size in SIZES:
            xvfb, display = xvfb_start(*size)
            env["DISPLAY"] = display
            for c, f, n in DESKS:
                where = f"{size[0]}x{size[1]} {c} counters {f} fields"
                db = os.path.join(tmp, "run.db")
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(db + suffix):
                        os.remove(db + suffix)
                shutil.copy(templates[(c, f)], db)
                trace_path = os.path.join(tmp, "trace")
                if os.path.exists(trace_path):
                    os.remove(trace_path)
                env["MOTCUA_TRACE"] = trace_path
                env["MOTCUA_DB"] = db
                with open(os.path.join(tmp, "log"), "w") as log:
                    prog = subprocess.Popen([PROG, "--counter", "1", "--fullscreen"], env=env,
                                            stdout=log, stderr=log)
                tr = Trace(trace_path)
                try:
                    run_one(where, size, (c, f), env, tr, db)
                except TimeoutError as e:
                    with open(os.path.join(tmp, "log")) as log:
                        fail(where, f"{e}; program log: {log.read()[-600:]}")
                prog.terminate()
                if prog.wait(timeout=10) != 0:
                    fail(where, f"motcua-counter exited with {prog.returncode}")
                prog = None
            xvfb.terminate()
            xvfb.wait()
            xvfb = None
    finally:
        if prog:
            prog.kill()
        if xvfb:
            xvfb.kill()
        shutil.rmtree(tmp)
    if failures:
        print(f"{len(failures)} layout fault(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(SIZES) * len(DESKS)} screen and desk combinations; screenshots in {SHOTS}")
    return 0


def run_one(where, size, desk, env, tr, db):
    def key(*keys):
        subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], env=env, check=True)

    def shot(name):
        if size in ((1024, 768), (1920, 1080)) and desk == (24, 16):
            subprocess.run(["import", "-window", "root",
                            os.path.join(SHOTS, f"counter-{size[0]}x{size[1]}-{name}.png")],
                           env=env, check=False)

    main = tr.wait(lambda r: r.get("mode") == "main" and tracelib.has_rect(r, "button", "next"),
                   "the main screen")
    subprocess.run(["xdotool", "mousemove", "5", "5"], env=env, check=True)
    check_frame(f"{where}, main screen serving", main, size)
    shot("serving")

    for k, kind in PICKERS:
        want = expected_items(db)
        key(k)
        first = tr.wait(lambda r, kind=kind: r.get("mode") == "pick" and r.get("pick") == kind
                        and r.get("page", "").startswith("1/"), f"the {kind} picker")
        pages = int(first["page"].split("/")[1])
        seen, frame = set(), first
        for page in range(1, pages + 1):
            if page > 1:
                key("Next")
                frame = tr.wait(lambda r, p=f"{page}/{pages}": r.get("page") == p,
                                f"{kind} page {page}/{pages}")
            check_frame(f"{where}, {kind} picker page {page}/{pages}", frame, size)
            seen |= {r["id"] for r in frame["rects"] if r["kind"] == "pick"}
            if page == pages:
                shot(f"{kind}-last-page")
        if seen != want[kind]:
            fail(f"{where}, {kind} picker", f"missing {sorted(want[kind] - seen)}, "
                 f"unexpected {sorted(seen - want[kind])}")
        if kind == "transfer" and desk == (12, 12) and size == (1024, 768):
            # Counter 12 is on a later page: typed, it is the only tile; Enter takes it.
            key("1", "2")
            tr.wait(lambda r: r.get("items") == "1" and tracelib.has_rect(r, "pick", "12"),
                    "counter 12 alone after typing 12")
            key("Return")
            tr.wait(lambda r: r.get("mode") == "main", "back to the main screen")
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            row = con.execute("SELECT count(*) FROM tickets WHERE target_counter = 12"
                              " AND status = 'waiting'").fetchone()
            con.close()
            if row[0] != 1:
                fail(where, "typing 12 and Enter in the transfer picker did not transfer to 12")
            key("F1")   # serve someone again for what follows
            tr.wait(lambda r: r.get("mode") == "main", "the next citizen")
            continue
        key("Escape")
        tr.wait(lambda r: r.get("mode") == "main", f"the main screen after the {kind} picker")

    # Paused while serving: the number stays, with a note; then finished: rating.
    key("F8")
    tr.wait(lambda r: r.get("pick") == "pause", "the pause picker")
    key("1", "Return")
    frame = tr.wait(lambda r: r.get("mode") == "main" and tracelib.has_rect(r, "button-off", "next"),
                    "paused while serving")
    check_frame(f"{where}, paused while serving", frame, size)
    shot("paused-serving")
    key("F4")
    frame = tr.wait(lambda r: r.get("mode") == "rating" and tracelib.has_rect(r, "rate", "4"),
                    "the rating question")
    check_frame(f"{where}, rating", frame, size)
    shot("rating")
    key("Escape")
    frame = tr.wait(lambda r: r.get("mode") == "main" and tracelib.has_rect(r, "button-off", "finish"),
                    "paused with nobody")
    check_frame(f"{where}, paused with nobody", frame, size)
    shot("paused")


if __name__ == "__main__":
    sys.exit(main())
