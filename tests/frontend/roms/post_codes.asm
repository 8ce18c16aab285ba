; post_codes.asm - POST port 0x80: every byte written is logged, a word
; OUT logs only its low byte (the high byte goes to port 0x81), and a
; read returns the last code.  POST log: 00 12 AB FF 56 C3; then PASS
; (status 33) if port 0x80 read back C3, else 0x41 (status 131).
%include "rom.inc"

start:
    post 0x00
    post 0x12
    post 0xAB
    post 0xFF
    mov ax, 0x3456
    out 0x80, ax        ; logs 56
    mov dx, 0x80
    mov al, 0xC3
    out dx, al          ; logs C3
    xor ax, ax
    in al, 0x80
    cmp al, 0xC3
    jne .bad
    exit PASS
.bad:
    exit 0x41

%include "rom_end.inc"
