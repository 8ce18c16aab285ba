#!/usr/bin/env python3
"""disk_image.py - build a disk or floppy image for the BIOS disk tests.

    disk_image.py OUT SECTORS [--code BIN] [--pattern FIRST:COUNT ...]

The image has SECTORS sectors of 512 bytes (sparse where nothing is
written).  --code puts a test's boot image at sector 0.  Every --pattern
range fills COUNT sectors from LBA FIRST with the pattern the tests check:
dword k (0-127) of sector L is (L XOR (k << 24)) mod 2^32, little-endian.
Without --pattern, every sector after the code gets it.
"""
import argparse
import struct


def pattern_sector(lba):
    return b"".join(struct.pack("<I", (lba ^ (k << 24)) & 0xFFFFFFFF)
                    for k in range(128))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("sectors", type=int)
    parser.add_argument("--code")
    parser.add_argument("--pattern", action="append", default=[])
    args = parser.parse_args()

    code = b""
    if args.code:
        with open(args.code, "rb") as f:
            code = f.read()
    code_sectors = (len(code) + 511) // 512
    ranges = [tuple(int(x, 0) for x in p.split(":")) for p in args.pattern]
    if not ranges:
        ranges = [(code_sectors, args.sectors - code_sectors)]

    with open(args.out, "wb") as f:
        f.truncate(args.sectors * 512)
        f.write(code)
        for first, count in ranges:
            if first < code_sectors or first + count > args.sectors:
                parser.error("pattern range %d:%d does not fit" % (first, count))
            f.seek(first * 512)
            f.write(b"".join(pattern_sector(lba)
                             for lba in range(first, first + count)))


if __name__ == "__main__":
    main()
