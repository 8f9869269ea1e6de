#!/usr/bin/python3
"""Checks, in a real browser, that an HTML report of tconv-conform draws its heat maps.

Renders REPORT.html in headless Chromium and reads back the DOM its script built: every
failure shown open must have one SVG heat map per map in the page's embedded data, with
rows x cols cells, equal values in equal colours and NaN/unwritten cells in a colour of
their own; and, where the data records expected and actual values, the three signed
panels (expected, actual, actual - expected) of the plane with the largest error, the
signed error on a diverging scale: white for 0, red above, blue below. With --checkerboard FAILURE_ID, that failure's first map must alternate two
colours cell by cell, and a screenshot (--screenshot PNG, kept for people to look at)
must show both colours painted over the map's area.

usage: check_html_report.py [--chromium PATH] [--checkerboard FAILURE_ID]
                            [--screenshot PNG] REPORT.html
Exit status 0 when every check passes, 1 (with the reasons) otherwise.
"""
import argparse
import collections
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1"]
WINDOW = (1280, 6000)


class Failure(Exception):
    pass


def run_chromium(chromium, url, *mode):
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *mode, url],
                              capture_output=True, text=True, timeout=90)
    if done.returncode != 0:
        raise Failure(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


class ReportDom(HTMLParser):
    """The heat maps the script drew, per failure, and the page's embedded data."""

    def __init__(self):
        super().__init__()
        # id -> {"open", "case", "maps"/"signed": [{"rows", "cols", "cells": [(fill, w, h)]}]}
        self.failures = {}
        self.data_text = None
        self._failure = None
        self._maps = None  # the list of the svg being read: its failure's "maps" or "signed"
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "details" and "failure" in classes:
            self._failure = self.failures.setdefault(
                a["id"], {"open": "open" in a, "case": None, "maps": [], "signed": []})
        elif tag == "div" and "heat-maps" in classes and self._failure is not None:
            self._failure["case"] = a.get("data-case")
        elif tag == "svg" and ("heat-map" in classes or "signed-map" in classes):
            self._maps = self._failure["maps" if "heat-map" in classes else "signed"]
            self._maps.append({"rows": int(a["data-rows"]), "cols": int(a["data-cols"]), "cells": []})
        elif tag == "rect" and "cell" in classes:
            self._maps[-1]["cells"].append((a["fill"], int(a["width"]), int(a["height"])))
        elif tag == "script" and a.get("id") == "heat-map-data":
            self._in_data = True

    def handle_endtag(self, tag):
        if tag == "details":
            self._failure = None
        self._in_data = self._in_data and tag != "script"

    def handle_data(self, data):
        if self._in_data:
            self.data_text = (self.data_text or "") + data


def same_value_same_colour(where, values, cells):
    fill_of = {}
    for value, (fill, _, _) in zip(values, cells):
        if fill_of.setdefault(json.dumps(value), fill) != fill:
            raise Failure(f"{where}: the value {value} is drawn in {fill_of[json.dumps(value)]} and {fill}")
    return fill_of


def check_signed(failure_id, drawn, plane):
    """The expected, actual and signed-error panels: every cell drawn, error by its sign."""
    if len(drawn) != len(plane["panels"]):
        raise Failure(f"{failure_id}: {len(drawn)} signed panels drawn, the data has {len(plane['panels'])}")
    for svg, panel in zip(drawn, plane["panels"]):
        where = f"{failure_id} panel {panel['label']} ({plane['title']})"
        if (svg["rows"], svg["cols"]) != (plane["rows"], plane["cols"]) or len(svg["cells"]) != len(panel["cells"]):
            raise Failure(f"{where}: {len(svg['cells'])} cells drawn, the data has {plane['rows']}x{plane['cols']}")
        same_value_same_colour(where, panel["cells"], svg["cells"])
    error = plane["panels"][-1]
    for value, (fill, _, _) in zip(error["cells"], drawn[-1]["cells"]):
        if value is None:
            continue
        r, b = int(fill[1:3], 16), int(fill[5:7], 16)
        if (value == 0) != (fill == "#ffffff") or (value > 0 and not r > b) or (value < 0 and not b > r):
            raise Failure(f"{failure_id}: a signed error of {value} is drawn in {fill}; "
                          f"want white for 0, red above, blue below")


def check_maps(dom):
    """Every open failure with heat-map data has all its maps drawn; returns how many."""
    if dom.data_text is None:
        raise Failure("the page has no heat-map data")
    data = json.loads(dom.data_text)
    drawn = 0
    for failure_id, failure in dom.failures.items():
        if not failure["open"] or failure["case"] is None:
            continue
        expected = data[failure["case"]]["maps"]
        if len(failure["maps"]) != len(expected):
            raise Failure(f"{failure_id}: {len(failure['maps'])} heat maps drawn, the data has {len(expected)}")
        for k, (svg, want) in enumerate(zip(failure["maps"], expected)):
            where = f"{failure_id} map {k} ({want['title']})"
            if (svg["rows"], svg["cols"]) != (want["rows"], want["cols"]) or len(svg["cells"]) != len(want["cells"]):
                raise Failure(f"{where}: {len(svg['cells'])} cells of {svg['rows']}x{svg['cols']} drawn, "
                              f"the data has {want['rows']}x{want['cols']}")
            fill_of = same_value_same_colour(where, want["cells"], svg["cells"])
            nan = fill_of.get("null")
            if nan is not None and list(fill_of.values()).count(nan) > 1:
                raise Failure(f"{where}: NaN/unwritten cells share their colour {nan} with a value")
            drawn += 1
        if data[failure["case"]].get("signed"):
            check_signed(failure_id, failure["signed"], data[failure["case"]]["signed"])
            drawn += len(failure["signed"])
    if drawn == 0:
        raise Failure("no heat map was drawn")
    return drawn


def checkerboard_colours(dom, failure_id):
    """The two colours of the failure's first map, which must alternate cell by cell."""
    maps = dom.failures.get(failure_id, {}).get("maps")
    if not maps:
        raise Failure(f"{failure_id}: no heat map drawn")
    first = maps[0]
    fills = [fill for fill, _, _ in first["cells"]]
    even, odd = fills[0], fills[1]
    for i, fill in enumerate(fills):
        r, c = divmod(i, first["cols"])
        if even == odd or fill != (even if (r + c) % 2 == 0 else odd):
            raise Failure(f"{failure_id}: cell h={r} w={c} is {fill}, not a checkerboard of {even} and {odd}")
    return first, even, odd


def png_colour_counts(path):
    """Pixels per (r, g, b) of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    with open(path, "rb") as f:
        png = f.read()
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failure(f"{path} is not a PNG")
    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    if depth != 8 or colour_type not in (2, 6) or interlace:
        raise Failure(f"{path}: PNG of depth {depth}, colour type {colour_type}, interlace {interlace} not read here")
    bpp = 3 if colour_type == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(idat)
    counts = collections.Counter()
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                upper_left = previous[i - bpp] if i >= bpp else 0
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 0xFF
        counts.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        previous = line
    return counts


def check_painted(screenshot, first_map, colours):
    counts = png_colour_counts(screenshot)
    _, width, height = first_map["cells"][0]
    for colour in colours:
        cells = sum(1 for fill, _, _ in first_map["cells"] if fill == colour)
        painted = counts[bytes.fromhex(colour.lstrip("#"))]
        if painted < cells * width * height:
            raise Failure(f"{screenshot}: {painted} pixels of {colour}, its {cells} cells of "
                          f"{width}x{height} need {cells * width * height}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--checkerboard", metavar="FAILURE_ID")
    parser.add_argument("--screenshot", metavar="PNG")
    args = parser.parse_args()
    if not os.access(args.chromium, os.X_OK):
        print(f"FAIL: no Chromium at {args.chromium}. The HTML report check needs a real browser; install "
              f"Debian's with `sudo apt-get install -y chromium` (scripts/install-deps.sh), or pass --chromium PATH.")
        return 1
    url = "file://" + os.path.abspath(args.report)
    try:
        dom = ReportDom()
        dom.feed(run_chromium(args.chromium, url, "--dump-dom"))
        drawn = check_maps(dom)
        print(f"{args.report}: {drawn} heat maps and signed panels drawn by the page's script, "
              f"each cell for cell as its data")
        if args.checkerboard:
            first_map, even, odd = checkerboard_colours(dom, args.checkerboard)
            print(f"{args.checkerboard}: its first map alternates {even} and {odd} cell by cell")
            if args.screenshot:
                run_chromium(args.chromium, url, f"--screenshot={os.path.abspath(args.screenshot)}",
                             f"--window-size={WINDOW[0]},{WINDOW[1]}")
                check_painted(args.screenshot, first_map, (even, odd))
                print(f"{args.screenshot}: both colours painted over the map's cells")
    except (Failure, subprocess.TimeoutExpired) as e:
        print(f"FAIL: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
