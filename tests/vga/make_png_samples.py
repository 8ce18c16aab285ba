#!/usr/bin/env python3
"""make_png_samples.py - writes png_samples.h, the PNG files test_vga_image.c
decodes: made here, independently of png_encode.c, so the decoder is not
only checked against its own encoder.  Each sample is a 7x5 picture
(odd width: filters must use the right byte distance) whose pixel (x, y)
is sample_pixel(x, y) below (test_vga_image.c has the same formula):
one RGB file per filter type 0-4, an RGB file whose rows cycle through
the five filters, with its image data split over two IDAT chunks and a
tEXt chunk to skip, and an RGBA file with the Paeth filter.
Run: python3 make_png_samples.py > png_samples.h
"""
import struct
import zlib

W, H = 7, 5


def sample_pixel(x, y, alpha):
    r = (x * 37 + y * 11) & 255
    g = (x * 5 + y * 70) & 255
    b = (x * y * 9 + 3) & 255
    a = (x * 50 + y * 30 + 5) & 255
    return (r, g, b, a) if alpha else (r, g, b)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filtered(row, prev, ftype, bpp):
    out = []
    for i, v in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i] if prev else 0
        c = prev[i - bpp] if prev and i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
        out.append((v - pred) & 255)
    return out


def chunk(ctype, body):
    return (struct.pack(">I", len(body)) + ctype + body +
            struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF))


def png(filters, alpha, split=False, text=False):
    bpp = 4 if alpha else 3
    raw = b""
    prev = None
    for y in range(H):
        row = [c for x in range(W) for c in sample_pixel(x, y, alpha)]
        ftype = filters[y % len(filters)]
        raw += bytes([ftype] + filtered(row, prev, ftype, bpp))
        prev = row
    z = zlib.compress(raw)
    out = b"\x89PNG\r\n\x1a\n"
    out += chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 6 if alpha else 2, 0, 0, 0))
    if text:
        out += chunk(b"tEXt", b"Comment\x00made by make_png_samples.py")
    if split:
        out += chunk(b"IDAT", z[:10]) + chunk(b"IDAT", z[10:])
    else:
        out += chunk(b"IDAT", z)
    return out + chunk(b"IEND", b"")


samples = [("png_rgb_filter%d" % t, png([t], False)) for t in range(5)]
samples.append(("png_rgb_mixed", png([0, 1, 2, 3, 4], False, split=True, text=True)))
samples.append(("png_rgba_paeth", png([4], True)))

print("/* png_samples.h - made by make_png_samples.py; do not edit. */")
for name, data in samples:
    print("static const unsigned char %s[%d] = {" % (name, len(data)))
    for i in range(0, len(data), 12):
        print("    " + ", ".join("0x%02X" % b for b in data[i:i + 12]) + ",")
    print("};")
