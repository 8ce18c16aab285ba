; text.asm - text mode picture test.  Sets a text mode with INT 10h AH=00h,
; loads two fonts of its own into plane 2 with INT 10h AX=1110h (block 0
; and block 1), selects them as character maps B and A (SR03 = 04h:
; attribute bit 3 picks block 1), and fills every cell: character
; i & 0FFh, attribute (i * 37) & 0FFh, so all 256 characters, all 256
; attributes and both fonts are on screen.  Blink is off (AR10 bit 3) and
; so is the cursor (CR0A bit 5): nothing depends on time.
;
; The font is generated here, so the picture does not depend on the VGA
; BIOS's font: each glyph shows its character code as two 3x5 hex digits,
; its code in binary and inverted, a dot in column 0 and 7 of the top row
; and in column 7 of the bottom row (characters C0h-DFh repeat column 7 in
; the ninth column of a 9-dot mode: AR10 bit 2).  Font B is font A upside
; down.  Characters B0h-BFh keep column 7 clear: IBM's VGA repeats it only
; for C0h-DFh, QEMU (whose pictures are the expected ones) for B0h-DFh,
; and with the column clear both give the same picture.
;
; Mode 1 is set to 8-dot characters here (SR01 bit 0, AR13 = 0): IBM's
; mode 1 has 9-dot characters (720 pixels wide), SeaBIOS's VGA BIOS gives
; 8-dot ones (640), and the picture must not depend on the VGA BIOS.
;
; Built per case: -DTEXT_MODE=3 (80x25) or 1 (40x25), -DFONT_HEIGHT=16 or 8
; (8 turns mode 3 into 80x50: the BIOS recomputes the rows after 1110h, and
; the program sets CR09 itself too).
%ifndef TEXT_MODE
%define TEXT_MODE 3
%endif
%ifndef FONT_HEIGHT
%define FONT_HEIGHT 16
%endif
%include "vga_test.inc"

%if TEXT_MODE = 1
COLS    equ 40
%else
COLS    equ 80
%endif
ROWS    equ 400 / FONT_HEIGHT
FONT_A_SEG equ 2000h
FONT_B_SEG equ 3000h

test_main:
        say 'vga text test: mode ', %str(TEXT_MODE), ', font height ', %str(FONT_HEIGHT), 10
        mov ax, TEXT_MODE
        int 10h
%if TEXT_MODE = 1
        mov dx, 3C4h                    ; SR01 bit 0: 8-dot characters
        mov al, 01h
        out dx, al
        inc dx
        in al, dx
        or al, 01h
        out dx, al
        mov dx, 3DAh                    ; AR13 = 0: no panning for 8 dots
        in al, dx
        mov dx, 3C0h
        mov al, 13h | 20h
        out dx, al
        xor al, al
        out dx, al
%endif

        mov ax, FONT_A_SEG
        xor bl, bl
        call make_font
        xor bl, bl
        call load_font
        mov ax, FONT_B_SEG
        mov bl, 1
        call make_font
        mov bl, 1
        call load_font
        seq_write 03h, 04h              ; map A (attr bit 3 set) = block 1, map B = block 0

        mov al, 09h                     ; max scan line = font height - 1
        call crtc_read
        and al, 0E0h
        or al, FONT_HEIGHT - 1
        mov ah, al
        mov al, 09h
        mov dx, 3D4h
        out dx, ax
        crtc_write 0Ch, 0               ; start address 0
        crtc_write 0Dh, 0
        cursor_off
        blink_off

        mov ax, 0B800h
        mov es, ax
        xor di, di
        xor cx, cx                      ; cell index
.cell:
        mov ax, cx
        mov bl, 37
        mul bl                          ; AL = (i * 37) & 0FFh
        mov ah, al                      ; attribute
        mov al, cl                      ; character
        stosw
        inc cx
        cmp cx, COLS * ROWS
        jb .cell
        jmp test_done

; load_font: INT 10h AX=1110h with the 256 glyphs at AX:0 into block BL.
load_font:
        push es
        mov es, ax
        xor bp, bp
        mov cx, 256
        xor dx, dx
        mov bh, FONT_HEIGHT
        mov ax, 1110h
        int 10h
        pop es
        ret

; make_font: 256 glyphs of FONT_HEIGHT rows at AX:0; BL = 1: upside down.
make_font:
        pusha
        push es
        mov es, ax
        mov [flip], bl
        xor cx, cx                      ; character code
.char:
        xor dx, dx                      ; row
.row:
        mov bx, dx
        mov al, [template + bx]
        cmp al, 0F0h
        jb .store
        cmp al, CODE
        je .code
        cmp al, NOT_CODE
        je .not_code
        sub al, DIGIT_ROW
        xor ah, ah
        mov si, ax                      ; digit row 0-4
        mov bx, cx
        shr bx, 4
        imul bx, bx, 5
        mov al, [digits + bx + si]
        shl al, 5                       ; high digit: columns 0-2
        mov bx, cx
        and bx, 0Fh
        imul bx, bx, 5
        mov ah, [digits + bx + si]
        shl ah, 1                       ; low digit: columns 4-6
        or al, ah
        jmp .store
.code:
        mov al, cl
        jmp .store
.not_code:
        mov al, cl
        not al
.store:
        cmp cx, 0B0h                    ; B0h-BFh: column 7 clear (see top)
        jb .column7_done
        cmp cx, 0BFh
        ja .column7_done
        and al, 0FEh
.column7_done:
        mov bx, dx
        cmp byte [flip], 0
        je .placed
        mov bx, FONT_HEIGHT - 1
        sub bx, dx
.placed:
        mov di, cx
        imul di, di, FONT_HEIGHT
        mov [es:di + bx], al
        inc dx
        cmp dx, FONT_HEIGHT
        jb .row
        inc cx
        cmp cx, 256
        jb .char
        pop es
        popa
        ret

flip:   db 0

; Glyph rows: bytes below F0h are taken as they are; DIGIT_ROW + k is row
; k of the two hex digits, CODE the character code, NOT_CODE its inverse.
DIGIT_ROW equ 0F1h
CODE      equ 0F6h
NOT_CODE  equ 0F7h
template:
%if FONT_HEIGHT = 16
        db 81h, 00h, DIGIT_ROW, DIGIT_ROW + 1, DIGIT_ROW + 2, DIGIT_ROW + 3, DIGIT_ROW + 4
        db 00h, CODE, NOT_CODE, 00h, 18h, 3Ch, 18h, 00h, 01h
%elif FONT_HEIGHT = 8
        db 81h, DIGIT_ROW, DIGIT_ROW + 1, DIGIT_ROW + 2, DIGIT_ROW + 3, DIGIT_ROW + 4
        db CODE, 01h
%else
%error "FONT_HEIGHT must be 16 or 8"
%endif

; 3x5 hex digits, bit 2 = left column.
digits:
        db 7, 5, 5, 5, 7        ; 0
        db 2, 6, 2, 2, 7        ; 1
        db 7, 1, 7, 4, 7        ; 2
        db 7, 1, 7, 1, 7        ; 3
        db 5, 5, 7, 1, 1        ; 4
        db 7, 4, 7, 1, 7        ; 5
        db 7, 4, 7, 5, 7        ; 6
        db 7, 1, 2, 2, 2        ; 7
        db 7, 5, 7, 5, 7        ; 8
        db 7, 5, 7, 1, 7        ; 9
        db 2, 5, 7, 5, 5        ; A
        db 6, 5, 6, 5, 6        ; B
        db 3, 4, 4, 4, 3        ; C
        db 6, 5, 5, 5, 6        ; D
        db 7, 4, 6, 4, 7        ; E
        db 7, 4, 6, 4, 4        ; F

        vga_test_end
