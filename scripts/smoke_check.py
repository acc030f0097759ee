#!/usr/bin/env python3
"""Pixel checks for scripts/smoke.sh: reads 8-bit PPM screenshots (no packages needed).

  smoke_check.py bars SHOT COLOUR               -> prints "x0 x1 y0 y1" of each bar of that colour
  smoke_check.py pick-bar SHOT COLOUR           -> prints "x0 x1 y0 y1" of a wide bar to drag
  smoke_check.py starts SHOT COLOUR             -> prints "x,y" of the top left corner of each bar
  smoke_check.py panel-edge SHOT                -> prints the x of the right panel's edge
  smoke_check.py same A B [X0 Y0 X1 Y1]         -> prints the share of identical pixels (0..1)
  smoke_check.py count SHOT COLOUR X0 Y0 X1 Y1  -> prints how many pixels of COLOUR lie in the box
  smoke_check.py strip SHOT COLOUR              -> prints "x top bottom" of a lane's colour strip
"""
import sys


def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        sys.exit(f"{path}: not an 8-bit PPM")
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h * 3]


def colour(text):
    text = text.lstrip("#")
    return bytes(int(text[i:i + 2], 16) for i in (0, 2, 4))


def row_runs(w, body, y, rgb, min_len):
    """Runs [start, end) of pixels of colour rgb in row y at least min_len long."""
    row = body[y * w * 3:(y + 1) * w * 3]
    runs, x = [], 0
    while x < w:
        if row[x * 3:x * 3 + 3] == rgb:
            start = x
            while x < w and row[x * 3:x * 3 + 3] == rgb:
                x += 1
            if x - start >= min_len:
                runs.append((start, x))
        else:
            x += 1
    return runs


def bars(path, rgb):
    """Boxes (x0, x1, y0, y1) of the connected areas of colour rgb that are bar-shaped."""
    w, h, body = read_ppm(path)
    mask = set()
    for y in range(h):
        row = body[y * w * 3:(y + 1) * w * 3]
        start = row.find(rgb)
        while start != -1:
            if start % 3 == 0:
                mask.add((start // 3, y))
            start = row.find(rgb, start + 1)
    boxes = []
    while mask:
        seed = mask.pop()
        todo, box = [seed], [seed[0], seed[0], seed[1], seed[1]]
        while todo:
            x, y = todo.pop()
            box = [min(box[0], x), max(box[1], x), min(box[2], y), max(box[3], y)]
            for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if n in mask:
                    mask.remove(n)
                    todo.append(n)
        width, height = box[1] - box[0] + 1, box[3] - box[2] + 1
        if width >= 3 and 10 <= height <= 30:
            boxes.append((box[0], box[1] + 1, box[2], box[3] + 1))
    return sorted(boxes, key=lambda b: (b[2], b[0]))


def starts_a_bar(box, boxes):
    """Whether nothing of the colour touches the box on its left (a line may cut a bar)."""
    return not any(abs(o[2] - box[2]) <= 2 and 0 <= box[0] - o[1] <= 4 for o in boxes)


def panel_edge(path):
    """The x of the right panel's separator line: grey at the top, middle and bottom rows."""
    w, h, body = read_ppm(path)
    grey = colour("BEBEBE")
    rows = [int(h * f) for f in (0.04, 0.5, 0.72)]
    for x in range(w // 3, w):
        if all(body[(y * w + x) * 3:(y * w + x) * 3 + 3] == grey for y in rows):
            return x
    return -1


def same(a, b, box=None):
    """The share of pixels (every 7th, or every one within box) that are equal in a and b."""
    wa, ha, ba = read_ppm(a)
    wb, hb, bb = read_ppm(b)
    if (wa, ha) != (wb, hb):
        return 0.0
    if box:
        x0, y0, x1, y1 = box
        points = [(y * wa + x) * 3 for y in range(y0, y1) for x in range(x0, x1)]
    else:
        points = range(0, wa * ha * 3, 3 * 7)
    equal = sum(1 for i in points if ba[i:i + 3] == bb[i:i + 3])
    return equal / max(1, len(points))


def count(path, rgb, x0, y0, x1, y1):
    w, h, body = read_ppm(path)
    total = 0
    for y in range(max(0, y0), min(h, y1)):
        row = body[y * w * 3:(y + 1) * w * 3]
        total += sum(1 for x in range(max(0, x0), min(w, x1)) if row[x * 3:x * 3 + 3] == rgb)
    return total


def strip(path, rgb):
    """The leftmost column with a vertical run of colour rgb at least 24 pixels tall (the
    colour strip at the left of a lane's name), as (x, top, bottom); None if there is none."""
    w, h, body = read_ppm(path)
    for x in range(w):
        y = 0
        while y < h:
            if body[(y * w + x) * 3:(y * w + x) * 3 + 3] == rgb:
                top = y
                while y < h and body[(y * w + x) * 3:(y * w + x) * 3 + 3] == rgb:
                    y += 1
                if y - top >= 24:
                    return x, top, y
            y += 1
    return None


def main(args):
    cmd = args[0]
    if cmd == "pick-bar":
        boxes = bars(args[1], colour(args[2]))
        wide = [b for b in boxes if b[0] >= 500 and b[1] - b[0] >= 100
                and 14 <= b[3] - b[2] <= 24 and starts_a_bar(b, boxes)]
        if not wide:
            sys.exit(f"{args[1]}: no bar of colour {args[2]} to drag")
        print(*wide[0])
    elif cmd == "starts":
        boxes = bars(args[1], colour(args[2]))
        print(*[f"{b[0]},{b[2]}" for b in boxes if starts_a_bar(b, boxes)])
    elif cmd == "bars":
        for box in bars(args[1], colour(args[2])):
            print(*box)
    elif cmd == "panel-edge":
        print(panel_edge(args[1]))
    elif cmd == "same":
        box = tuple(map(int, args[3:7])) if len(args) >= 7 else None
        print(f"{same(args[1], args[2], box):.3f}")
    elif cmd == "count":
        print(count(args[1], colour(args[2]), *map(int, args[3:7])))
    elif cmd == "strip":
        found = strip(args[1], colour(args[2]))
        if not found:
            sys.exit(f"{args[1]}: no lane strip of colour {args[2]}")
        print(*found)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
