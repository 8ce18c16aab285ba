; keyboard.asm - the IRQ 1 path: keys pressed on the emulated PS/2
; keyboard (run_qemu.sh sends them through QEMU's monitor "sendkey") come
; out of INT 16h AH=10h as the PC/AT key words: a, Shift+A, Ctrl+C, the
; grey Up arrow (48E0h; 4800h through AH=00h), keypad Enter (E00Dh), b
; with Caps Lock (3042h), F11 (8500h); and 40:17 has Caps Lock off again.
%include "bios_test.inc"

test_main:
        say 'keyboard test', 13, 10
        mov si, expected
.next:
        lodsw
        test ax, ax
        jz .all
        mov bx, ax
        call wait_key
        mov ah, 10h
        cmp bx, 48E0h
        jne .read
        mov ah, 00h                     ; the Up arrow through the old call
        mov bx, 4800h
.read:
        int 16h
        movzx eax, ax
        movzx ebx, bx
        check_eq eax, ebx, 'key'
        jmp .next
.all:
        movzx eax, byte [417h]
        and al, 40h
        check_eq eax, 0, 'Caps Lock still on'
        pass

; wait_key: wait (about 10 s) for a key in the buffer.
wait_key:
        mov cx, 200
.poll:
        mov ah, 11h
        int 16h
        jnz .ready
        hlt
        loop .poll
        fail 'no key came (IRQ 1)'
.ready:
        ret

expected:
        dw 1E61h, 1E41h, 2E03h, 48E0h, 0E00Dh, 3042h, 8500h, 0
        test_end
