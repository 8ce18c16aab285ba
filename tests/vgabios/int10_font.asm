; int10_font.asm - INT 10h AH=11h: font information (1130h pointers,
; height, rows), the font a mode set loads into plane 2, 50 rows (mode 3
; + 1112h at 400 lines), 1111h/1114h row counts, a user glyph through 1110h, the block select 1103h,
; and the graphics font pointer calls 1121h-1124h.

%include "vgabios_test.inc"

; plane2_cmp char, ES:SI glyph, height: compare the glyph with character
; `char` of block 0 in plane 2; ZF set when equal.
%macro plane2_cmp 3
        mov ax, %1
        mov cx, %3
        call plane2_compare
%endmacro

test_main:
        say 'int10_font: '
        mov ax, 0003h
        int 10h
        ; 1130h BH=6: the 8x16 font; CX = 16, DL = rows - 1
        mov ax, 1130h
        mov bh, 6
        int 10h
        check_eq cx, 16, '1130h height mode 3'
        check_eq dl, 24, '1130h rows mode 3'
        mov [font16], bp
        mov [font16 + 2], es
        ; the mode set loaded it: 'A' in plane 2 is that glyph
        lfs si, [font16]
        add si, 41h * 16
        plane2_cmp 41h, si, 16
        jne .plane2_bad16
        ; BH=3 8x8, BH=4 its upper half, BH=2 8x14
        mov ax, 1130h
        mov bh, 3
        int 10h
        mov [font8], bp
        mov [font8 + 2], es
        mov ax, 1130h
        mov bh, 4
        int 10h
        sub bp, 128 * 8
        check_eq bp, [font8], '1130h BH=4 = BH=3 + 400h'
        mov ax, 1130h
        mov bh, 2
        int 10h
        mov [font14], bp
        mov [font14 + 2], es
        ; the 8x8 glyph of 'A' is not blank
        lfs si, [font8]
        mov eax, [fs:si + 41h * 8]
        or eax, [fs:si + 41h * 8 + 4]
        check_eq32 eax, eax, '(never)'
        test eax, eax
        jnz .glyph_ok
        fail '8x8 A is blank'
.glyph_ok:

        ; 50 rows: mode 3 + 1112h
        mov ax, 1112h
        mov bl, 0
        int 10h
        check_eq byte [484h], 49, '40:84 after 1112h (50 rows)'
        check_eq word [485h], 8, '40:85 after 1112h'
        mov dx, 3D4h
        mov al, 09h
        out dx, al
        inc dx
        in al, dx
        and al, 1Fh
        check_eq al, 7, 'CRTC max scan line after 1112h'
        mov ax, 1130h
        mov bh, 0
        int 10h
        check_eq dl, 49, '1130h rows after 1112h'
        check_eq cx, 8, '1130h height after 1112h'
        lfs si, [font8]
        add si, 41h * 8
        plane2_cmp 41h, si, 8
        jne .plane2_bad8
        ; 1111h: 14 lines at 400 -> 28 rows; 1114h: back to 25
        mov ax, 1111h
        mov bl, 0
        int 10h
        check_eq byte [484h], 27, '40:84 after 1111h at 400 lines'
        mov ax, 1114h
        mov bl, 0
        int 10h
        check_eq byte [484h], 24, '40:84 after 1114h'
        check_eq word [485h], 16, '40:85 after 1114h'

        ; 1110h: one user glyph at 80h
        push ds
        pop es
        mov ax, 1110h
        mov bx, 1000h                   ; 16 bytes, block 0
        mov cx, 1
        mov dx, 80h
        mov bp, user_glyph
        int 10h
        push ds
        pop fs
        mov si, user_glyph
        plane2_cmp 80h, si, 16
        jne .plane2_bad
        ; 1103h: block select
        mov ax, 1103h
        mov bl, 05h
        int 10h
        mov dx, 3C4h
        mov al, 03h
        out dx, al
        inc dx
        in al, dx
        check_eq al, 05h, 'SR3 after 1103h'
        mov ax, 1103h
        mov bl, 0
        int 10h

        ; 1123h: INT 43h = 8x8, rows per BL=2 (25)
        mov ax, 1123h
        mov bl, 2
        int 10h
        mov eax, [43h * 4]
        check_eq32 eax, [font8], 'INT 43h after 1123h'
        check_eq byte [484h], 24, '40:84 after 1123h BL=2'
        ; 1122h BL=1: 8x14, 14 rows
        mov ax, 1122h
        mov bl, 1
        int 10h
        mov eax, [43h * 4]
        check_eq32 eax, [font14], 'INT 43h after 1122h'
        check_eq byte [484h], 13, '40:84 after 1122h BL=1'
        check_eq word [485h], 14, '40:85 after 1122h'
        ; 1121h: user pointer, CX lines, DL rows
        push ds
        pop es
        mov ax, 1121h
        mov bl, 0
        mov cx, 16
        mov dl, 30
        mov bp, user_glyph
        int 10h
        check_eq word [43h * 4], user_glyph, 'INT 43h offset after 1121h'
        check_eq byte [484h], 29, '40:84 after 1121h DL=30'
        mov ax, 1130h
        mov bh, 1
        int 10h
        check_eq bp, user_glyph, '1130h BH=1 = INT 43h'
        ; 1120h: INT 1Fh
        push ds
        pop es
        mov ax, 1120h
        mov bp, user_glyph
        int 10h
        check_eq word [1Fh * 4], user_glyph, 'INT 1Fh after 1120h'
        mov ax, 1130h
        mov bh, 0
        int 10h
        check_eq bp, user_glyph, '1130h BH=0 = INT 1Fh'

        mov ax, 0003h
        int 10h
        pass
.plane2_bad:
        fail 'plane 2 does not hold the user glyph'
.plane2_bad8:
        fail 'plane 2 does not hold the 8x8 glyph'
.plane2_bad16:
        fail 'plane 2 does not hold the 8x16 glyph'

; plane2_compare: ZF set when character AX of block 0 in plane 2 starts
; with the CX bytes at FS:SI.  Borrows read map 2 and restores mode 3's
; graphics controller.
plane2_compare:
        push es
        push di
        mov di, ax
        shl di, 5
        mov dx, 3CEh
        mov ax, 0204h                   ; read map 2
        out dx, ax
        mov ax, 0005h                   ; no odd/even
        out dx, ax
        mov ax, 0406h                   ; A0000h, no chaining
        out dx, ax
        push 0A000h
        pop es
.next:
        mov al, [fs:si]
        cmp al, [es:di]
        jne .done
        inc si
        inc di
        loop .next
        cmp al, al                      ; all equal: ZF set
.done:
        pushf
        mov ax, 0004h
        out dx, ax
        mov ax, 1005h
        out dx, ax
        mov ax, 0E06h
        out dx, ax
        popf
        pop di
        pop es
        ret

font16: dd 0
font14: dd 0
font8:  dd 0
user_glyph: db 0FFh, 81h, 81h, 0BDh, 0A5h, 0A5h, 0BDh, 81h
            db 81h, 0BDh, 0A5h, 0A5h, 0BDh, 81h, 81h, 0FFh

        test_end
