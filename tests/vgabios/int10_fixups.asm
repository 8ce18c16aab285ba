; int10_fixups.asm - INT 10h 1130h BH=05h and BH=07h, the 9x14 and 9x16
; alternate ("fixup") tables: each pointer is inside the video ROM
; (segment C000h, below the size in its header), differs from the 8x14 and
; 8x16 font pointers (BH=02h/06h), and the table is a list of entries of
; a character code (not 00h) and 14 or 16 glyph bytes, codes ascending
; (as in IBM's tables: a pointer into other data is unlikely to parse
; so), ended by a 00h byte inside the ROM.  Also CX/DL: the on-screen
; font in mode 3 (16 lines, 25 rows).  Our tables are empty (fonts/
; README.md says why), and so are SeaBIOS's (SEABIOS_TOO runs the same
; checks against it), so the walk is first tried on a two-entry sample
; table of the test's own: a walk that miscounts fails there.  The entry
; counts are printed.

%include "vgabios_test.inc"

test_main:
        ; the walk on a table with entries (9x16 form: code + 16 bytes)
        say 'sample table: '
        mov bp, sample_fixups
        mov bl, 16
        mov word [rom_bytes], 0FFFFh    ; the sample is in our image
        call walk_fixups
        check_eq cx, 2, 'entries in the sample table'

        mov ax, 0003h
        int 10h
        ; the ROM's size from its header, in bytes
        mov ax, 0C000h
        mov fs, ax
        movzx ax, byte [fs:2]
        shl ax, 9
        mov [rom_bytes], ax
        mov bh, 02h
        call font_pointer
        mov [font14], bp
        mov bh, 06h
        call font_pointer
        mov [font16], bp
        check_eq cx, 16, '1130h CX in mode 3'
        check_eq dl, 24, '1130h DL in mode 3'

        say '9x14 fixups: '
        mov bh, 05h
        call font_pointer
        cmp bp, [font14]
        je .same14
        mov bl, 14
        call walk_fixups
        say '9x16 fixups: '
        mov bh, 07h
        call font_pointer
        cmp bp, [font16]
        je .same16
        mov bl, 16
        call walk_fixups
        pass
.same14:
        fail '1130h BH=05h is the 8x14 font itself'
.same16:
        fail '1130h BH=07h is the 8x16 font itself'

; font_pointer: 1130h with BH -> ES:BP, CX, DL; fails unless ES = C000h.
; ES and BP are cleared first so a BIOS that sets neither is caught.
font_pointer:
        xor bp, bp
        push 0
        pop es
        mov ax, 1130h
        int 10h
        mov ax, es
        check_eq ax, 0C000h, '1130h segment'
        ret

; walk_fixups: ES:BP = a fixup table, BL = glyph height -> CX = the
; number of entries (also printed); fails on a bad table.
walk_fixups:
        movzx bx, bl
        mov si, bp
        xor cx, cx                      ; entries
        xor dl, dl                      ; the last code
.entry:
        cmp si, [rom_bytes]
        jae .outside
        mov al, [es:si]
        test al, al
        jz .end
        cmp al, dl
        jbe .order
        mov dl, al
        inc cx
        lea si, [si + bx + 1]
        cmp cx, 255
        jbe .entry
        fail 'more than 255 entries'
.end:
        mov ax, cx
        call test_dec
        say ' entries', 13, 10
        ret
.outside:
        fail 'the table runs past the end of the ROM'
.order:
        fail 'the codes do not ascend'

sample_fixups:
        db 4Dh                          ; 'M', 9 dots wide
        db 0, 0, 0C3h, 0E7h, 0FFh, 0DBh, 0C3h, 0C3h, 0C3h, 0C3h, 0C3h, 0C3h, 0, 0, 0, 0
        db 57h                          ; 'W'
        db 0, 0, 0C3h, 0C3h, 0C3h, 0C3h, 0C3h, 0DBh, 0DBh, 0FFh, 066h, 066h, 0, 0, 0, 0
        db 0

rom_bytes:  dw 0
font14:     dw 0
font16:     dw 0

        test_end
