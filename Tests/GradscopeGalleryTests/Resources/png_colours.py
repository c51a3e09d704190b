#!/usr/bin/env python3
"""Counts the pixels of a PNG near each given colour (standard library only).

Usage: png_colours.py FILE.png '#FFC0CB' '#FF0000' ...  -> one line per colour: '#RRGGBB count'
A pixel counts when every channel is within 6 of the colour's.
"""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, colour_type = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour_type in (2, 6), "needs 8-bit RGB or RGBA"
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    channels = 4 if colour_type == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return rows, channels


def main():
    rows, channels = pixels(sys.argv[1])
    targets = [(t, int(t[1:3], 16), int(t[3:5], 16), int(t[5:7], 16)) for t in sys.argv[2:]]
    counts = {t[0]: 0 for t in targets}
    for line in rows:
        for i in range(0, len(line), channels):
            r, g, b = line[i], line[i + 1], line[i + 2]
            for name, tr, tg, tb in targets:
                if abs(r - tr) <= 6 and abs(g - tg) <= 6 and abs(b - tb) <= 6:
                    counts[name] += 1
    for name, _, _, _ in targets:
        print(name, counts[name])


if __name__ == "__main__":
    main()
