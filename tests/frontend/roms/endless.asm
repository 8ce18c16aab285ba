; endless.asm - writes POST code 01 and loops for ever: only --timeout or
; a signal ends it (status 124, 130, 143); the POST log must still hold 01.
%include "rom.inc"

start:
    post 0x01
.spin:
    inc cx
    jmp .spin

%include "rom_end.inc"
