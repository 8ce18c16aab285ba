; int10_pixels.asm - write/read pixel (0Ch/0Dh) round trips in modes 4,
; 6, 0Dh, 12h and 13h (every colour the mode has, at a few places,
; neighbours untouched, XOR with bit 7), the bytes in video memory where
; the layout is fixed (mode 13h: A000:y*320+x; mode 4: B800, odd rows at
; +2000h), and characters in graphics modes: 09h draws a glyph that 08h
; reads back, and 06h scrolls it up a row (modes 12h and 4); 05h in
; mode 0Dh moves the CRTC start address by a page.

%include "vgabios_test.inc"

; pix_set x, y, colour / pix_get x, y -> AL
%macro pix_set 3
        mov ah, 0Ch
        mov al, %3
        mov bh, 0
        mov cx, %1
        mov dx, %2
        int 10h
%endmacro
%macro pix_get 2
        mov ah, 0Dh
        mov bh, 0
        mov cx, %1
        mov dx, %2
        int 10h
%endmacro

test_main:
        say 'int10_pixels: '
        mov al, 04h
        mov bl, 3
        call round_trip
        mov al, 06h
        mov bl, 1
        call round_trip
        mov al, 0Dh
        mov bl, 15
        call round_trip
        mov al, 12h
        mov bl, 15
        call round_trip
        mov al, 13h
        mov bl, 255
        call round_trip

        ; mode 13h: one byte per pixel
        mov ax, 0013h
        int 10h
        pix_set 17, 3, 5Ah
        push es
        push 0A000h
        pop es
        check_eq byte [es:3 * 320 + 17], 5Ah, 'mode 13h pixel byte'
        pop es
        ; mode 4: pixel (1, 1) is bits 5-4 of B800:2000h
        mov ax, 0004h
        int 10h
        pix_set 1, 1, 2
        push es
        push 0B800h
        pop es
        check_eq byte [es:2000h], 20h, 'mode 4 odd row byte'
        pop es
        ; XOR: 2 ^ 3 = 1
        pix_set 1, 1, 83h
        pix_get 1, 1
        check_eq al, 1, 'mode 4 XOR'
        ; mode 12h XOR
        mov ax, 0012h
        int 10h
        pix_set 100, 200, 0Ah
        pix_set 100, 200, 8Fh
        pix_get 100, 200
        check_eq al, 05h, 'mode 12h XOR'

        ; glyphs: 09h then 08h, in modes 4, 0Dh, 12h, 13h
        mov al, 04h
        call glyph_trip
        mov al, 0Dh
        call glyph_trip
        mov al, 12h
        call glyph_trip
        mov al, 13h
        call glyph_trip

        ; 06h in mode 12h: the glyph in row 3 moves to row 2
        mov ax, 0012h
        int 10h
        mov ah, 02h
        mov bh, 0
        mov dx, 0304h
        int 10h
        mov ax, 0947h                   ; 'G'
        mov bx, 000Eh
        mov cx, 1
        int 10h
        mov ax, 0601h
        mov bh, 0
        mov cx, 0000h
        mov dx, 1D4Fh
        int 10h
        mov ah, 02h
        mov bh, 0
        mov dx, 0204h
        int 10h
        mov ah, 08h
        mov bh, 0
        int 10h
        check_eq al, 'G', 'mode 12h glyph after 06h'
        mov ah, 02h
        mov bh, 0
        mov dx, 0304h
        int 10h
        mov ah, 08h
        mov bh, 0
        int 10h
        check_eq al, 0, 'mode 12h cell blank after 06h'

        ; 06h in mode 4 (rows in the two CGA banks)
        mov ax, 0004h
        int 10h
        mov ah, 02h
        mov bh, 0
        mov dx, 0304h
        int 10h
        mov ax, 0947h
        mov bx, 0003h
        mov cx, 1
        int 10h
        mov ax, 0601h
        mov bh, 0
        mov cx, 0000h
        mov dx, 1827h
        int 10h
        mov ah, 02h
        mov bh, 0
        mov dx, 0204h
        int 10h
        mov ah, 08h
        mov bh, 0
        int 10h
        check_eq al, 'G', 'mode 4 glyph after 06h'

        ; 05h in mode 0Dh: page 1 starts at byte 2000h
        mov ax, 000Dh
        int 10h
        mov ax, 0501h
        int 10h
        check_eq word [44Eh], 2000h, '40:4E page 1 of mode 0Dh'
        mov dx, 3D4h
        mov al, 0Ch
        out dx, al
        inc dx
        in al, dx
        check_eq al, 20h, 'CRTC start high, page 1 of mode 0Dh'

        mov ax, 0003h
        int 10h
        pass

; round_trip: mode AL, colours 0..BL: write pixel then read it back at a
; few places; the neighbours stay 0.
round_trip:
        movzx si, bl
        mov ah, 0
        int 10h
        xor di, di                      ; colour
.colour:
        mov ax, di
        pix_set 0, 0, al
        mov ax, di
        pix_set 5, 7, al
        mov ax, di
        pix_set 319, 199, al
        pix_get 0, 0
        movzx ax, al
        cmp ax, di
        jne .bad
        pix_get 5, 7
        movzx ax, al
        cmp ax, di
        jne .bad
        pix_get 319, 199
        movzx ax, al
        cmp ax, di
        jne .bad
        pix_get 6, 7
        check_eq al, 0, 'neighbour pixel stays 0'
        pix_get 5, 6
        check_eq al, 0, 'pixel above stays 0'
        inc di
        cmp di, si
        jbe .colour
        ret
.bad:
        say 'mode '
        movzx eax, byte [449h]
        call test_hex
        say ' colour '
        mov ax, di
        movzx eax, ax
        call test_hex
        fail ' did not read back'

; glyph_trip: mode AL; 09h 'A' in colour 2 at row 2 column 3, then 08h
; there gives 'A', and the cell to its right gives 0 (blank).
glyph_trip:
        mov ah, 0
        int 10h
        mov ah, 02h
        mov bh, 0
        mov dx, 0203h
        int 10h
        mov ax, 0941h
        mov bx, 0002h
        mov cx, 1
        int 10h
        mov ah, 08h
        mov bh, 0
        int 10h
        cmp al, 'A'
        jne .bad
        mov ah, 02h
        mov bh, 0
        mov dx, 0204h
        int 10h
        mov ah, 08h
        mov bh, 0
        int 10h
        check_eq al, 0, 'blank cell reads 0'
        ret
.bad:
        movzx ebx, al
        say 'mode '
        movzx eax, byte [449h]
        call test_hex
        say ' read '
        mov eax, ebx
        call test_hex
        fail ': 08h did not read the glyph back'

        test_end
