; int10_screen.asm - the picture of text mode 3: "HELLO" written with
; AH=13h in white on blue (attribute 1Fh) at the top left must show, in a
; QEMU screendump, the 8x16 glyph of 'H' (from 1130h BH=6) in white
; (DAC 3Fh = FFFFFFh) on blue (DAC 01h, set to 0000FFh) in a 9x16 cell, the 9th
; column blank, and the untouched cell below it black.

%include "vgabios_test.inc"

test_main:
        say 'int10_screen: '
        mov ax, 0003h
        int 10h
        ; the cursor out of the way (bottom right, a row we do not check)
        mov ah, 02h
        mov bh, 0
        mov dx, 184Fh
        int 10h
        ; the background colour full blue (00,00,3Fh): 3Fh and 0 are the
        ; 6-bit values every 6-to-8-bit expansion agrees on (FFh, 00h)
        mov ax, 1010h
        mov bx, 01h
        mov dh, 0
        mov cx, 003Fh
        int 10h
        push ds
        pop es
        mov ax, 1300h
        mov bx, 001Fh
        mov cx, 5
        mov dx, 0000h
        mov bp, hello
        int 10h
        ; the 'H' glyph: the first row with pixels, its leftmost set and
        ; first clear bit
        mov ax, 1130h
        mov bh, 6
        int 10h
        add bp, 'H' * 16
        mov di, bp                      ; ES:DI = the glyph
        xor bx, bx                      ; BX = glyph row
.row:
        mov al, [es:di + bx]
        test al, al
        jnz .found
        inc bx
        cmp bx, 16
        jb .row
        fail 'the H glyph is blank'
.found:
        xor si, si                      ; SI = leftmost set bit
.set:
        test al, 80h
        jnz .set_found
        shl al, 1
        inc si
        jmp .set
.set_found:
        mov al, [es:di + bx]
        xor di, di                      ; DI = first clear bit
.clear:
        test al, 80h
        jz .clear_found
        shl al, 1
        inc di
        cmp di, 8
        jb .clear
        fail 'the H glyph row has no clear pixel'
.clear_found:
        pixel_expect si, bx, 0FFFFFFh   ; foreground: white
        pixel_expect di, bx, 00000FFh   ; background: blue
        pixel_expect 8, bx, 00000FFh    ; the 9th column of 'H' is background
        add bx, 16
        pixel_expect si, bx, 0000000h   ; row 1: a space on 07h, black
        screendump_stop

hello:  db 'HELLO'

        test_end
