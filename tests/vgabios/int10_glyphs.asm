; int10_glyphs.asm - CP437 10h and 11h (the black right- and left-pointing
; triangles) are drawn in all three ROM fonts that INT 10h 1130h hands
; out (BH=03h 8x8, 02h 8x14, 06h 8x16): each glyph has at least five
; non-blank rows; 10h points right (every non-blank row has the leftmost
; dot, bit 7, and its first non-blank row is only at the left: bit 1
; clear), 11h points left (every non-blank row has bit 1 set, the column
; of the tip's counterpart, and its first non-blank row has no bit 7).
; Shape-based, so it holds for any VGA BIOS whose fonts have the IBM
; triangles (SeaBIOS's too).

%include "vgabios_test.inc"

test_main:
        say 'int10_glyphs: '
        mov bh, 03h
        mov cx, 8
        call check_font
        mov bh, 02h
        mov cx, 14
        call check_font
        mov bh, 06h
        mov cx, 16
        call check_font
        pass

; check_font: BH = the 1130h font, CX = its height.
check_font:
        push cx
        mov ax, 1130h
        push bp
        int 10h
        mov si, bp
        pop bp
        pop cx
        ; ES:SI = the font; glyph 10h at 10h * height
        mov ax, cx
        shl ax, 4
        add si, ax
        mov dx, 80h                     ; 10h: bit 7 in every row
        mov bl, 02h                     ; ... and no bit 1 in the first
        call check_glyph
        add si, cx
        mov dx, 02h                     ; 11h: bit 1 in every row
        mov bl, 80h                     ; ... and no bit 7 in the first
        call check_glyph
        ret

; check_glyph: ES:SI the glyph, CX its height, DL the bit every non-blank
; row has, BL the bit its first non-blank row lacks.
check_glyph:
        push si
        push cx
        xor di, di                      ; non-blank rows
.row:
        mov al, [es:si]
        inc si
        test al, al
        jz .next
        test di, di
        jnz .not_first
        test al, bl
        jz .not_first
        fail 'the first row of a triangle has the dot of the other side'
.not_first:
        inc di
        test al, dl
        jnz .next
        fail 'a row of a triangle lacks its flat side'
.next:
        dec cx
        jnz .row
        movzx eax, di
        cmp ax, 5
        jae .ok
        say 'rows: '
        call test_hex
        fail 'CP437 10h/11h is blank or nearly so'
.ok:
        pop cx
        pop si
        ret

        test_end
