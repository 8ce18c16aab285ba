#!/usr/bin/env python3
"""kernel_font.py - the 8x16 font a Linux kernel draws its framebuffer
console with, taken from that kernel's own bzImage.

    kernel_font.py VMLINUZ BIOS_FONT OUT.bin

fbcon (vesafb, bochs-drm) draws text with a font built into the kernel,
not with the VGA BIOS's font, and Debian's 6.1 kernel's 8x16 font differs
from both VGA BIOSes' fonts in some printable glyphs (' ` f v ~ against
ours; 0 M T V-Z ` f m v-x | ~ against SeaBIOS's).  So the screenshot test reads
fbcon with the glyphs the kernel under test carries: this script unpacks
the bzImage's payload (Linux boot protocol: setup_sects at 1F1h,
payload_offset and payload_length at 248h; gzip, xz, lzma or bzip2) and
looks for 4096 bytes, glyph-aligned, that share the most glyphs with
BIOS_FONT (a raw 8x16 font from fontdump.asm): the kernel's VGA 8x16 font
is the same IBM design, so most glyphs are equal.  At least half of them
must be, or the script gives up.

Not here: other compressions (zstd, lz4), fonts of other sizes.
Exit status: 0 written, 1 no font found, 2 unreadable input.
"""
import bz2
import gzip
import lzma
import struct
import sys

GLYPHS = 256
HEIGHT = 16
FONT_BYTES = GLYPHS * HEIGHT
# Letters whose glyphs anchor the search: the kernel's font need only
# share one of them with the BIOS font.
ANCHORS = b"AEHNaens"


def fail(status, message):
    print(f"kernel_font.py: {message}", file=sys.stderr)
    sys.exit(status)


def payload(path):
    try:
        with open(path, "rb") as f:
            image = f.read()
    except OSError as e:
        fail(2, f"{path}: {e.strerror}")
    if len(image) < 0x250 or image[0x202:0x206] != b"HdrS":
        fail(2, f"{path}: not a bzImage (no HdrS boot header)")
    version = struct.unpack_from("<H", image, 0x206)[0]
    if version < 0x208:
        fail(2, f"{path}: boot protocol {version >> 8}.{version & 0xFF} has no payload fields")
    setup_sects = image[0x1F1] or 4
    offset, length = struct.unpack_from("<II", image, 0x248)
    start = (setup_sects + 1) * 512 + offset
    data = image[start:start + length]
    try:
        if data.startswith(b"\x1f\x8b"):
            return gzip.decompress(data)
        if data.startswith(b"\xfd7zXZ\x00"):
            return lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data)
        if data.startswith(b"\x5d\x00\x00"):
            return lzma.LZMADecompressor(format=lzma.FORMAT_ALONE).decompress(data)
        if data.startswith(b"BZh"):
            return bz2.decompress(data)
    except (OSError, EOFError, lzma.LZMAError) as e:
        fail(2, f"{path}: cannot unpack the payload: {e}")
    fail(2, f"{path}: payload compressed in a way this script does not know ({data[:4].hex()})")


def glyph(font, code):
    return font[code * HEIGHT:(code + 1) * HEIGHT]


def main():
    if len(sys.argv) != 4:
        fail(2, "usage: kernel_font.py VMLINUZ BIOS_FONT OUT.bin")
    vmlinuz, bios_path, out = sys.argv[1:]
    try:
        with open(bios_path, "rb") as f:
            bios = f.read()
    except OSError as e:
        fail(2, f"{bios_path}: {e.strerror}")
    if len(bios) != FONT_BYTES:
        fail(2, f"{bios_path}: {len(bios)} bytes, not an 8x16 font ({FONT_BYTES} bytes)")
    kernel = payload(vmlinuz)

    starts = set()
    for code in ANCHORS:
        g = glyph(bios, code)
        at = kernel.find(g)
        while at >= 0:
            start = at - code * HEIGHT
            if 0 <= start <= len(kernel) - FONT_BYTES:
                starts.add(start)
            at = kernel.find(g, at + 1)
    best_start, best_equal = None, -1
    for start in sorted(starts):
        candidate = kernel[start:start + FONT_BYTES]
        equal = sum(glyph(candidate, c) == glyph(bios, c) for c in range(GLYPHS))
        if equal > best_equal:
            best_start, best_equal = start, equal
    if best_start is None or best_equal < GLYPHS // 2:
        fail(1, f"{vmlinuz}: no 8x16 font sharing half its glyphs with {bios_path} "
                f"(best {max(best_equal, 0)} of {GLYPHS})")
    font = kernel[best_start:best_start + FONT_BYTES]
    differ = [f"{c:02X}" for c in range(GLYPHS) if glyph(font, c) != glyph(bios, c)]
    with open(out, "wb") as f:
        f.write(font)
    print(f"kernel_font.py: {out}: the 8x16 font at offset {best_start:#x} of {vmlinuz}'s "
          f"kernel; {len(differ)} glyphs differ from {bios_path}'s, printable ASCII among them: "
          + " ".join(d for d in differ if 0x20 <= int(d, 16) < 0x7F))


if __name__ == "__main__":
    main()
