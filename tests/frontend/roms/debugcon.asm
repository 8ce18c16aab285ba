; debugcon.asm - prints "hello" and a newline on the debug console (port
; 0xE9), then checks that a read of the port returns 0xE9 (how guests
; detect it on Bochs and QEMU).  Expected: status 33, stdout "hello".
%include "rom.inc"

start:
    post 0x01
    mov ax, cs
    mov ds, ax
    mov si, text
    mov cx, text_end - text
    mov dx, 0xE9
    cld
    rep outsb
    in al, dx
    cmp al, 0xE9
    jne .bad
    mov al, 0x10        ; PASS
    jmp .out
.bad:
    mov al, 0x11
.out:
    mov dx, 0x501
    out dx, al
    cli
    hlt

text: db "hello", 10
text_end:

%include "rom_end.inc"
