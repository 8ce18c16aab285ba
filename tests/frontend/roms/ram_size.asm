; ram_size.asm - probes for RAM at 1 MiB (FFFF:0010; A20 is open after
; reset) and just below: exits 0x10 (status 33) if a byte written at
; 0x100000 reads back, 0x11 (status 35) if it does not (no RAM there,
; -m 1), 0x43 (status 135) if RAM below 1 MiB does not work.
%include "rom.inc"

start:
    mov ax, 0x9000
    mov ds, ax
    mov byte [0xFFFF], 0xA5       ; 0x9FFFF, below 640 KiB: RAM with any -m
    cmp byte [0xFFFF], 0xA5
    jne .no_low
    mov ax, 0xFFFF
    mov ds, ax
    mov byte [0x10], 0x5A         ; 0x100000
    cmp byte [0x10], 0x5A
    jne .no_high
    exit PASS
.no_high:
    exit 0x11
.no_low:
    exit 0x43

%include "rom_end.inc"
