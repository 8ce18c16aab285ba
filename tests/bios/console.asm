; console.asm - the headless console: INT 10h teletype text reaches COM1
; (run_qemu.sh checks "TELETYPE-OK" appears there), the BDA cursor follows
; it, and INT 16h returns the keys typed on COM1 (run_qemu.sh types
; "xY\r" after the banner): peek (AH=01h) shows 'x' without taking it,
; then reads give 2D78h, 1559h, 1C0Dh (key number and ASCII of a PC
; keyboard), and AH=05h stores a key that AH=10h then returns.
%include "bios_test.inc"

test_main:
        say 'console test', 13, 10
        ; start of a fresh line, then the text
        mov ah, 03h
        mov bh, 0
        int 10h
        mov si, text
.print:
        lodsb
        test al, al
        jz .printed
        mov ah, 0Eh
        mov bx, 0007h
        int 10h
        jmp .print
.printed:
        mov ah, 03h
        mov bh, 0
        int 10h
        movzx eax, dx                   ; row:column after CR LF "TELETYPE-OK"
        and eax, 0FFh
        check_eq eax, 11, 'cursor column after the text'
        mov ax, 0E0Dh
        int 10h
        mov ax, 0E0Ah
        int 10h

        ; keys from COM1
        mov cx, 2000
.peek:
        mov ah, 01h
        int 16h
        jnz .have_key
        hlt
        loop .peek
        fail 'no key arrived from COM1 (INT 16h AH=01h)'
.have_key:
        movzx eax, ax
        check_eq eax, 2D78h, 'peeked key'
        mov ah, 00h
        int 16h
        movzx eax, ax
        check_eq eax, 2D78h, 'first key'
        mov ah, 00h
        int 16h
        movzx eax, ax
        check_eq eax, 1559h, 'second key'
        mov ah, 10h
        int 16h
        movzx eax, ax
        check_eq eax, 1C0Dh, 'third key'
        mov ah, 01h
        int 16h
        jnz .extra
        mov ah, 05h
        mov cx, 3B00h                   ; F1
        int 16h
        movzx eax, al
        check_eq eax, 0, 'AH=05h store'
        mov ah, 10h
        int 16h
        movzx eax, ax
        check_eq eax, 3B00h, 'stored key'
        pass
.extra:
        fail 'a key too many'

text:   db 13, 10, 'TELETYPE-OK', 0
        test_end
