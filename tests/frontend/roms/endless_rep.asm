; endless_rep.asm - loops for ever inside REP STOSB with CX = FFFF.  The
; instruction budget counts each REP batch as one instruction, so this is
; the slowest guest per budgeted instruction: --timeout must still end it
; promptly.  POST log: 01.
%include "rom.inc"

start:
    post 0x01
    xor ax, ax
    mov es, ax
    cld
.again:
    mov di, 0x1000
    mov cx, 0xFFFF
    rep stosb
    jmp .again

%include "rom_end.inc"
