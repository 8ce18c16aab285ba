; font.asm - INT 10h AH=11h, the character generator: loading fonts into
; the text-mode character blocks of plane 2 (00h-04h, 10h-14h), the
; graphics-mode font pointers INT 1Fh/43h (20h-24h) and the font
; information call (30h).  IBM VGA Technical Reference, "Character
; Generator"; RBIL INT 10h AX=11xxh.
;
; Plane 2 holds eight 8 KiB character blocks of 256 glyphs x 32 bytes;
; block n starts at (n & 3) * 16 KiB + (n >> 2) * 8 KiB (the order of the
; sequencer's character map select, SR3).  The 10h-14h forms also fit the
; display to the new height: CRTC maximum scan line, cursor, vertical
; display end (a whole number of rows), 40:84/40:85/40:4C; so mode 3 +
; 1112h gives 50 rows at 400 lines and 43 rows at 350 lines.
; The 9-dot fixup tables of 1130h BH=05h/07h are empty on purpose (below;
; the evidence in fonts/README.md), so a 9-dot mode set has none to load.
; Not done: in graphics modes 00h-14h still load plane 2 but leave the
; CRTC and the BDA alone.

int10_font:
        cmp al, 30h
        je font_info
        cmp al, 20h
        jae font_graphics
        mov ah, al
        and ah, 0Fh
        cmp ah, 3
        je .block_select
        cmp ah, 4
        ja .out
        ; 00h/10h user font ES:BP, 01h/11h 8x14, 02h/12h 8x8, 04h/14h 8x16
        push fs
        push es
        pop fs
        mov si, [bp + F_BP]
        test ah, ah
        jz .load
        mov bh, 14
        cmp ah, 1
        je .rom
        mov bh, 8
        cmp ah, 2
        je .rom
        mov bh, 16
.rom:
        call font_rom_by_height         ; CS:SI
        push cs
        pop fs
        mov cx, 256
        xor dx, dx
.load:
        call font_upload
        pop fs
        test al, 10h
        jz .out
        call font_fit_display           ; BH = height
.out:
        ret
.block_select:
        mov al, 3
        mov ah, bl
        jmp seq_write

; 1120h-1124h: graphics-mode fonts.
font_graphics:
        push 0
        pop fs
        cmp al, 20h
        jne .not20
        mov ax, [bp + F_BP]
        mov [fs:VEC_INT1F], ax
        mov [fs:VEC_INT1F + 2], es
        ret
.not20:
        cmp al, 24h
        ja .out
        cmp al, 21h
        jne .rom
        mov ax, [bp + F_BP]
        mov [fs:VEC_INT43], ax
        mov [fs:VEC_INT43 + 2], es
        mov [BDA_VIDEO_CHARH], cx
        jmp .rows
.rom:
        mov bh, 14                      ; 22h
        cmp al, 22h
        je .rom_height
        mov bh, 8                       ; 23h
        cmp al, 23h
        je .rom_height
        mov bh, 16                      ; 24h
.rom_height:
        call font_rom_by_height
        mov [fs:VEC_INT43], si
        mov [fs:VEC_INT43 + 2], cs
        movzx ax, bh
        mov [BDA_VIDEO_CHARH], ax
.rows:
        ; BL: 0 = DL rows, 1 = 14, 2 = 25, 3 = 43
        mov al, dl
        cmp bl, 0
        je .set_rows
        mov al, 14
        cmp bl, 1
        je .set_rows
        mov al, 25
        cmp bl, 2
        je .set_rows
        mov al, 43
        cmp bl, 3
        jne .out
.set_rows:
        test al, al
        jz .out
        dec al
        mov [BDA_VIDEO_ROWS], al
.out:
        ret

; 1130h: ES:BP = the font BH names, CX = character height, DL = rows - 1.
font_info:
        push 0
        pop fs
        mov ax, [BDA_VIDEO_CHARH]
        mov [bp + F_CX], ax
        mov al, [BDA_VIDEO_ROWS]
        mov [bp + F_DL], al
        cmp bh, 7
        ja .out
        movzx si, bh
        shl si, 1
        jmp [cs:.table + si]
.table:
        dw .int1f, .int43, .f14, .f8, .f8_upper, .fixups14, .f16, .fixups16
.int1f:
        mov ax, [fs:VEC_INT1F]
        mov dx, [fs:VEC_INT1F + 2]
        jmp .set
.int43:
        mov ax, [fs:VEC_INT43]
        mov dx, [fs:VEC_INT43 + 2]
        jmp .set
.f14:
        mov ax, font8x14
        jmp .rom
.f8:
        mov ax, font8x8
        jmp .rom
.f8_upper:
        mov ax, font8x8 + 128 * 8
        jmp .rom
.f16:
        mov ax, font8x16
        jmp .rom
.fixups14:
        mov ax, font9x14_fixups
        jmp .rom
.fixups16:
        mov ax, font9x16_fixups
.rom:
        mov dx, cs
.set:
        mov [bp + F_BP], ax
        mov [bp + F_ES], dx
.out:
        ret

; The 9-dot fixup tables: (character, 14 or 16 glyph bytes)... ended by a
; 00h byte; IBM's BIOS loads them over the 8-dot font in 9-dot text modes.
; Ours are empty: our fonts are IBM's 8-dot designs (console-setup's VGA
; fonts), whose letters keep column 8 blank (M, W, m, w are 7 dots wide)
; and so read right in a 9-dot cell, and C0h-DFh get column 9 from the
; card's line-graphics bit; the 9-dot glyphs IBM substitutes exist in no
; font we take data from (fonts/README.md, "9-dot fixups").
font9x14_fixups:
        db 0
font9x16_fixups:
        db 0

; font_rom_by_height: BH = character height -> CS:SI = the ROM font that
; has it (8x8 for up to 8 lines, 8x14 for up to 14, else 8x16).
font_rom_by_height:
        mov si, font8x8
        cmp bh, 8
        jbe .done
        mov si, font8x14
        cmp bh, 14
        jbe .done
        mov si, font8x16
.done:
        ret

; font_upload: copy CX glyphs of BH bytes from FS:SI into character block
; BL (0-7) of plane 2, starting at character DX.  Saves and restores the
; sequencer/GC registers it borrows (IBM VGA TR, "Loading a Character
; Font": map mask plane 2, sequential addressing, read map 2, A0000h 64K).
; Preserves every register.
font_upload:
        pusha
        push es
        mov al, 2
        call seq_read
        push ax
        mov al, 4
        call seq_read
        push ax
        mov al, 4
        call gc_read
        push ax
        mov al, 5
        call gc_read
        push ax
        mov al, 6
        call gc_read
        push ax
        mov ax, 0402h                   ; map mask: plane 2
        call seq_write
        mov ax, 0704h                   ; memory mode: 256K, no odd/even
        call seq_write
        mov ax, 0204h                   ; read map 2
        call gc_write
        mov ax, 0005h                   ; write mode 0, no odd/even
        call gc_write
        mov ax, 0406h                   ; A0000h-AFFFFh, text
        call gc_write

        push 0A000h
        pop es
        movzx di, bl
        and di, 3
        shl di, 14                      ; (n & 3) * 16 KiB
        test bl, 4
        jz .block
        add di, 2000h                   ; + 8 KiB for blocks 4-7
.block:
        mov ax, dx
        and ax, 0FFh
        shl ax, 5
        add di, ax
        movzx dx, bh
        cmp dx, 32
        jbe .height
        mov dx, 32
.height:
        jcxz .restore
.glyph:
        push cx
        push di
        mov cx, dx
.byte:
        mov al, [fs:si]
        mov [es:di], al
        inc si
        inc di
        loop .byte
        pop di
        pop cx
        add di, 32
        loop .glyph

.restore:
        pop ax
        mov ah, al
        mov al, 6
        call gc_write
        pop ax
        mov ah, al
        mov al, 5
        call gc_write
        pop ax
        mov ah, al
        mov al, 4
        call gc_write
        pop ax
        mov ah, al
        mov al, 4
        call seq_write
        pop ax
        mov ah, al
        mov al, 2
        call seq_write
        pop es
        popa
        ret

; font_fit_display: after loading a font of BH lines in a text mode, make
; the CRTC show whole rows of that height and record it in the BDA (IBM
; VGA TR, AX=1110h "recalculation").  Nothing in graphics modes.
font_fit_display:
        pusha
        call mode_current
        jc .out
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .out
        movzx bx, bh
        test bx, bx
        jz .out
        cmp bx, 32
        ja .out
        ; maximum scan line = height - 1, keeping double scan and line compare bit 9
        mov al, 09h
        call crtc_read
        mov ch, al                      ; CH = old max scan line (bit 7: double scan)
        and al, 0E0h
        mov ah, bl
        dec ah
        or ah, al
        mov al, 09h
        call crtc_write
        ; displayed scan lines: the mode's own vertical display end + 1
        ; (bits 8/9 in the overflow register), not the CRTC's now, which an
        ; earlier font may have cut to whole rows
        push di
        call mode_params                ; CS:DI
        mov cl, [cs:di + PT_CRTC + 07h] ; CL = overflow
        movzx ax, byte [cs:di + PT_CRTC + 12h]
        pop di
        test cl, 02h
        jz .vde8
        or ah, 1
.vde8:
        test cl, 40h
        jz .vde9
        or ah, 2
.vde9:
        inc ax
        test ch, 80h                    ; double scan: half as many lines
        jz .rows
        shr ax, 1
.rows:
        xor dx, dx
        div bx                          ; AX = rows
        test ax, ax
        jz .out
        cmp ax, 255
        ja .out
        mov [BDA_VIDEO_ROWS], al
        dec byte [BDA_VIDEO_ROWS]
        mov [BDA_VIDEO_CHARH], bx
        push ax
        mul word [BDA_VIDEO_COLS]
        shl ax, 1
        mov [BDA_VIDEO_PAGESIZE], ax
        pop ax
        ; vertical display end = rows * height (x2 when double-scanned) - 1
        mul bx
        test ch, 80h
        jz .vde
        shl ax, 1
.vde:
        dec ax
        mov dx, ax                      ; DX = VDE (10 bits)
        mov al, 11h                     ; unprotect CRTC 0-7
        call crtc_read
        push ax
        and al, 7Fh
        mov ah, al
        mov al, 11h
        call crtc_write
        mov ah, dl
        mov al, 12h
        call crtc_write
        mov al, cl
        and al, ~42h
        test dh, 1
        jz .o8
        or al, 02h
.o8:
        test dh, 2
        jz .o9
        or al, 40h
.o9:
        mov ah, al
        mov al, 07h
        call crtc_write
        pop ax
        mov ah, al
        mov al, 11h
        call crtc_write
        call cursor_apply
.out:
        popa
        ret
