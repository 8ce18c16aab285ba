; exit_value.asm - writes one value to the debug-exit port, then a POST
; code that must never be logged: the exit must happen at the OUT itself,
; not at the end of the decoded block it sits in.  Assembled several times:
;   -DVALUE=v      the value written
;   -DPORT=p       0x501 or 0x502 (QEMU's iosize=2 device ignores the offset)
;   -DWORD         write AX instead of AL
;   -DREP_OUTS     write VALUE then VALUE+1 with REP OUTSB: only the first
;                  write counts
; Expected status: ((VALUE << 1) | 1) & 0xFF; POST log: 01.
%include "rom.inc"

start:
    post 0x01
    mov dx, PORT
%ifdef REP_OUTS
    mov ax, cs
    mov ds, ax
    mov si, values
    mov cx, 2
    cld
    rep outsb
%elifdef WORD
    mov ax, VALUE
    out dx, ax
%else
    mov al, VALUE
    out dx, al
%endif
    post 0xEE           ; same decoded block as the OUT: must not run
    cli
    hlt

%ifdef REP_OUTS
values: db VALUE, VALUE + 1
%endif

%include "rom_end.inc"
