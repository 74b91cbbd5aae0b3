#!/usr/bin/env python3
"""Checks one kiosk frame of the draw trace (include/motcua/ui/trace.h)
against its screenshot, for the layout matrix (kiosk_layout.sh).

  kiosk_layout.py check TRACE SHOT FIELDS [--min-name N] [--min-text N] [FILTER...]

checks the last whole frame of the draw trace TRACE that matches the
filters (tests/lib/trace.py's); SHOT is the screenshot of exactly that
output (PPM or PNG, its pixel (0,0) the frame's (0,0)), FIELDS the output
of `motcua --json services`. Prints one line of figures
("figures screen=home names=28..40 texts=20..56 contrast=4.61"), then one
line per fault; exit 1 when there is any fault:

- what tests/lib/trace.py check finds: a text off the screen, out of its
  box, over another text, under --min-text px;
- a field's name (on a "normal" button) or a group's name (on a "group"
  tile) under --min-name px, or not the largest text on its button, or not
  drawn whole (its lines, joined, are not the name);
- a text whose contrast with the ground under it is under 4.5:1 (3:1 over
  40 px). The colour is the trace's; the ground is the commonest colour of
  the screenshot in the text's line box, away from the text's colour.

With --seen FILE, appends the codes of the fields the frame offers (a
"normal" button each) to FILE; with --ocr FILE, appends for each field
"SHOT x y w h CODE FIRST-WORD": where the first line of its name is; with
--groups FILE, the names of the groups it offers.

  kiosk_layout.py reach FIELDS SEEN    every active field was offered (exit 1 if not)
  kiosk_layout.py ocr LIST             reads each name's first line in its screenshot with
                                       tesseract (Vietnamese); exit 1 unless every field's
                                       first word was read exactly (letters and marks,
                                       ignoring case) at least once
"""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import trace  # noqa: E402  (tests/lib/trace.py)


def luminance(rgb):
    def lin(c):
        c /= 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a, b):
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def hex_rgb(s):
    s = s.lstrip("#")
    return tuple(int(s[i:i + 2], 16) for i in (0, 2, 4))


class Shot:
    """The screenshot's pixels: a binary PPM (P6, 8 bits) read directly, any
    other format through ImageMagick."""

    def __init__(self, path):
        with open(path, "rb") as f:
            data = f.read()
        if not data.startswith(b"P6"):
            data = subprocess.run(["convert", path, "-depth", "8", "ppm:-"], check=True,
                                  capture_output=True).stdout
        # Header: P6, width, height, maxval, each after white space; then one byte.
        fields, pos = [], 2
        while len(fields) < 3:
            while data[pos:pos + 1].isspace():
                pos += 1
            end = pos
            while not data[end:end + 1].isspace():
                end += 1
            fields.append(int(data[pos:end]))
            pos = end
        self.w, self.h = fields[0], fields[1]
        if fields[2] != 255:
            sys.exit(f"{path}: {fields[2] + 1} levels a channel, expected 256 (-depth 8)")
        self.px = data[pos + 1:]

    def at(self, x, y):
        i = 3 * (y * self.w + x)
        return tuple(self.px[i:i + 3])

    def ground(self, box, ink_rgb):
        """The commonest colour in box that is not (nearly) the text's own."""
        x, y, w, h = box
        x0, y0 = max(x, 0), max(y, 0)
        x1, y1 = min(x + w, self.w), min(y + h, self.h)
        if x1 <= x0 or y1 <= y0:
            return None
        step = max(1, int(((x1 - x0) * (y1 - y0) / 600) ** 0.5))
        seen = {}
        for yy in range(y0, y1, step):
            for xx in range(x0, x1, step):
                c = self.at(xx, yy)
                if sum(abs(c[i] - ink_rgb[i]) for i in range(3)) > 60:
                    seen[c] = seen.get(c, 0) + 1
        return max(seen, key=seen.get) if seen else None


def inside(t, r):
    return trace.inside(t, r)


def names_on(frame, kind, names):
    """For each rectangle of kind whose id is in names: (rect, its texts)."""
    out = []
    for r in frame["rects"]:
        if r["kind"] == kind and r["id"] in names and r.get("layer", "base") == "base":
            out.append((r, [t for t in frame["texts"] if t["layer"] == "base" and inside(t, r)]))
    return out


def check(frame, shot, fields, min_name, min_text, seen=None, ocr=None, shot_path=""):
    faults = trace.layout_faults(frame, min_text)
    names = {f["code"]: f["name"] for f in fields}
    groups = {f.get("group", "") for f in fields} - {""}
    name_px, text_px, worst = [], [], None
    for kind, table in (("normal", names), ("group", {g: g for g in groups})):
        for r, texts in names_on(frame, kind, table):
            full = table[r["id"]]
            lines = [t for t in texts if t["s"] in full and t["bold"]]
            if " ".join(t["s"] for t in lines) != full:
                faults.append(f'{kind} {r["id"]}: name drawn as {[t["s"] for t in lines]}, '
                              f'not "{full}"')
                continue
            px = min(t["px"] for t in lines)
            name_px.append(px)
            if kind == "normal" and seen is not None:
                seen.append(r["id"])
            if kind == "normal" and ocr is not None:
                first = min(lines, key=lambda t: t["y"])
                # The ink, with room at the sides up to the edge of the text's box (the
                # button's edge would read as "|"), little above and below (the next
                # line must not join in).
                x, y, w, h = first["ink"]
                bx, _, bw, _ = first["box"] or (0, 0, frame["w"], 0)
                x0 = max(x - h // 2 - 4, bx - 2)
                x1 = min(x + w + h // 2 + 4, bx + bw + 2)
                m = h // 8 + 3
                ocr.append(f'{shot_path} {x0} {y - m} {x1 - x0} {h + 2 * m} {r["id"]} '
                           f'{full.split()[0]}')
            if px < min_name:
                faults.append(f'{kind} {r["id"]}: name at {px} px, under {min_name}')
            for t in texts:
                if t not in lines and t["px"] >= px:
                    faults.append(f'{kind} {r["id"]}: "{t["s"]}" ({t["px"]} px) is not '
                                  f'smaller than the name ({px} px)')
    for t in frame["texts"]:
        text_px.append(t["px"])
        ink = hex_rgb(t["color"])
        ground = shot.ground((t["x"], t["y"], t["w"], t["h"]), ink)
        if ground is None:
            continue
        c = contrast(ink, ground)
        need = 3.0 if t["px"] > 40 else 4.5
        if worst is None or c < worst:
            worst = c
        if c < need:
            faults.append(f'contrast {c:.2f}:1 under {need}:1: "{t["s"]}" {t["color"]} on '
                          f'#{ground[0]:02x}{ground[1]:02x}{ground[2]:02x}')
    def span(v):
        return f"{min(v)}..{max(v)}" if v else "-"
    figures = (f'figures screen={frame.get("screen", "?")} names={span(name_px)} '
               f'texts={span(text_px)} contrast={worst or 0:.2f}')
    return figures, faults


def fold(word):
    """A word as compared after OCR: NFC, lower case, letters and marks only."""
    word = unicodedata.normalize("NFC", word).lower()
    return "".join(c for c in word if unicodedata.category(c)[0] in "LM")


def ocr(list_path):
    """Reads the first line of each name; returns the faults."""
    items = [line.split() for line in open(list_path, encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        crops = [os.path.join(tmp, f"{i}.png") for i in range(len(items))]
        # One convert per screenshot: each crop is grey, inverted when its ground is
        # dark (light text on a button), about 56 px high (48 of ink), black and
        # white, with a white border (tesseract's liking).
        by_png = {}
        for i, item in enumerate(items):
            by_png.setdefault(item[0], []).append(i)
        for png, indexes in by_png.items():
            shot = Shot(png)
            args = ["convert", png]
            for i in indexes:
                x, y, w, h = (int(v) for v in items[i][1:5])
                ground = shot.ground((x, y, w, h), (-999, 0, 0))
                dark = ground is not None and luminance(ground) < 0.2
                args += ["(", "+clone", "-crop", f"{w}x{h}+{x}+{y}", "+repage", "-colorspace",
                         "gray"] + (["-negate"] if dark else []) \
                    + ["-resize", f"{5600 // max(h, 1)}%", "-threshold", "55%", "-bordercolor",
                       "white", "-border", "20", "-write", crops[i], "+delete", ")"]
            subprocess.run(args + ["null:"], check=True)
        with open(os.path.join(tmp, "list"), "w") as f:
            f.write("\n".join(crops) + "\n")
        text = subprocess.run(["tesseract", os.path.join(tmp, "list"), "stdout", "-l", "vie",
                               "--psm", "7"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    read = {}
    for i, (png, x, y, w, h, code, word) in enumerate(items):
        got = pages[i].split() if i < len(pages) else []
        ok = bool(got) and fold(got[0]) == fold(word)
        read.setdefault(code, []).append((ok, " ".join(got), word))
    faults = []
    for code, tries in read.items():
        if not any(ok for ok, _, _ in tries):
            faults.append(f"OCR of {code}: read {[g for _, g, _ in tries]}, expected "
                          f"\"{tries[0][2]}\" first")
    print(f"ocr: {sum(any(ok for ok, _, _ in t) for t in read.values())}/{len(read)} fields' "
          f"first words read")
    return faults


def main(argv):
    if len(argv) >= 3 and argv[1] == "ocr":
        faults = ocr(argv[2])
        for f in faults:
            print(f)
        return 1 if faults else 0
    if len(argv) >= 4 and argv[1] == "reach":
        fields = json.load(open(argv[2], encoding="utf-8"))["services"]
        want = {f["code"] for f in fields if f.get("active", True)}
        seen = {line.strip() for line in open(argv[3], encoding="utf-8")}
        missing = sorted(want - seen)
        for code in missing:
            print(f"field {code} is on no screen (home, group or page)")
        return 1 if missing else 0
    if len(argv) < 5 or argv[1] != "check":
        sys.exit(__doc__)
    opt, rest = trace.options(argv[2:], {"min-name": "0", "min-text": "0", "seen": "",
                                         "ocr": "", "groups": ""})
    path, shot_path, fields_path, filters = rest[0], rest[1], rest[2], ["whole"] + rest[3:]
    frames = [r for _, r in trace.load(path, 0, filters) if trace.matches(r, filters)]
    if not frames:
        print(f"no frame matches {filters}")
        return 1
    frame = frames[-1]
    shot = Shot(shot_path)
    fields = json.load(open(fields_path, encoding="utf-8"))["services"]
    fields = [f for f in fields if f.get("active", True)]
    seen, ocr_items = [], []
    figures, faults = check(frame, shot, fields, int(opt["min-name"]), int(opt["min-text"]),
                            seen, ocr_items, os.path.abspath(shot_path))
    if (shot.w, shot.h) != (frame["w"], frame["h"]):
        faults.append(f"the screenshot is {shot.w}x{shot.h}, the frame {frame['w']}x{frame['h']}")
    for name, lines in (("seen", seen), ("ocr", ocr_items),
                        ("groups", [r["id"] for r in frame["rects"] if r["kind"] == "group"])):
        if opt[name]:
            with open(opt[name], "a", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in lines))
    print(figures)
    for f in faults:
        print(f)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
