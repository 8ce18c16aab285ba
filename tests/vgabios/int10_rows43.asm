; int10_rows43.asm - 350-line text and what depends on the character
; height, where SeaBIOS's VGA BIOS differs (it ignores 1201h BL=30h and
; scales the cursor its own way), so this runs with our ROM only:
; 1201h BL=30h + mode 3 gives 8x14 cells; + 1112h gives 43 rows, the
; vertical display end cut to 43 x 8 lines; 1114h after 1111h gives 25
; rows again (the row count comes from the mode's lines, not from the
; previous font's); cursor emulation (AH=01h 0607h -> CRTC 0Dh/0Eh with
; 16-line cells, 0B/0Ch with 14) and 1201h BL=34h turning it off.

%include "vgabios_test.inc"

%macro crtc_in 1
        mov dx, 3D4h
        mov al, %1
        out dx, al
        inc dx
        in al, dx
%endmacro

test_main:
        say 'int10_rows43: '
        mov ax, 0003h
        int 10h
        ; cursor emulation at 16 lines
        mov ah, 01h
        mov cx, 0607h
        int 10h
        crtc_in 0Ah
        check_eq al, 0Dh, 'emulated cursor start (16 lines)'
        crtc_in 0Bh
        check_eq al, 0Eh, 'emulated cursor end (16 lines)'
        mov ah, 01h
        mov cx, 0007h
        int 10h
        crtc_in 0Ah
        check_eq al, 00h, 'emulated block cursor start'
        crtc_in 0Bh
        check_eq al, 0Fh, 'emulated block cursor end'
        ; emulation off: taken as is
        mov ax, 1201h
        mov bl, 34h
        int 10h
        check_eq al, 12h, '1201h BL=34h supported'
        mov ah, 01h
        mov cx, 0607h
        int 10h
        crtc_in 0Ah
        check_eq al, 06h, 'cursor start without emulation'
        mov ax, 1200h
        mov bl, 34h
        int 10h
        ; 1111h then 1114h: 25 rows again
        mov ax, 1111h
        mov bl, 0
        int 10h
        check_eq byte [484h], 27, '40:84 after 1111h at 400 lines'
        mov ax, 1114h
        mov bl, 0
        int 10h
        check_eq byte [484h], 24, '40:84 after 1114h'
        check_eq word [485h], 16, '40:85 after 1114h'

        ; 350 lines
        mov ax, 1201h
        mov bl, 30h
        int 10h
        check_eq al, 12h, '1201h BL=30h supported'
        mov ax, 0003h
        int 10h
        check_eq word [485h], 14, '40:85 at 350 lines'
        check_eq byte [484h], 24, '40:84 at 350 lines'
        crtc_in 12h
        check_eq al, 5Dh, 'vertical display end low at 350 lines'
        mov ah, 01h
        mov cx, 0607h
        int 10h
        crtc_in 0Ah
        check_eq al, 0Bh, 'emulated cursor start (14 lines)'
        mov ax, 1112h
        mov bl, 0
        int 10h
        check_eq byte [484h], 42, '40:84 after 1112h at 350 lines (43 rows)'
        check_eq word [485h], 8, '40:85 after 1112h at 350 lines'
        crtc_in 12h
        check_eq al, 57h, 'vertical display end = 43 * 8 - 1 (low byte)'
        crtc_in 0Ah
        check_eq al, 06h, 'cursor start with 8-line cells'
        ; 1Bh reports 350 lines
        push ds
        pop es
        mov ax, 1B00h
        xor bx, bx
        mov di, state
        int 10h
        check_eq byte [state + 2Ah], 1, '1Bh scan-line code 350'
        check_eq byte [state + 22h], 43, '1Bh rows'
        ; back to 400 lines
        mov ax, 1202h
        mov bl, 30h
        int 10h
        mov ax, 0003h
        int 10h
        check_eq word [485h], 16, '40:85 back at 400 lines'
        crtc_in 12h
        check_eq al, 8Fh, 'vertical display end back at 400 lines'
        pass

state:  times 64 db 0

        test_end
