; pixels.asm - the graphics modes' side of INT 10h: write/read pixel (0Ch/
; 0Dh) and what the character services need in graphics modes: drawing a
; glyph in a cell, recognising the glyph in a cell, moving and blanking
; character rows.  Four memory models (modes.asm MODEL_*): the CGA modes
; 4/5 (2 bits per pixel) and 6 (1 bit), even pixel rows at B800:0000 and
; odd ones at B800:2000; the planar modes 0Dh-12h, written through the
; graphics controller (set/reset, bit mask, write modes 1 and 2, read map
; select; IBM VGA TR "Graphics Controller Registers"); mode 13h, a byte
; per pixel.  Glyphs come from the INT 43h font, 40:85 lines high.
;
; Colour bit 7 XORs the pixel/glyph into the screen in the CGA and planar
; modes (not in mode 13h, whose colours use all 8 bits).  Glyph cells are
; drawn with background 0 unless XORed.  Scrolled-in rows are filled with
; BH as a byte in the CGA modes (the CGA BIOS's behaviour), colour BH
; elsewhere.  Only the planar modes have more than one page.

; gfx_page_base: DI = the offset of page BH in the mode CS:SI (0 but in
; the planar modes).
gfx_page_base:
        push ax
        push dx
        xor di, di
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        jne .out
        movzx ax, bh
        and al, 7
        mul word [BDA_VIDEO_PAGESIZE]
        mov di, ax
.out:
        pop dx
        pop ax
        ret

; gfx_line_addr: DI += the offset of pixel row AX in mode CS:SI.
gfx_line_addr:
        push ax
        push dx
        cmp byte [cs:si + MI_MODEL], MODEL_CGA1
        jbe .cga
        mul word [cs:si + MI_BPR]
        add di, ax
        jmp .out
.cga:
        test al, 1
        jz .even
        add di, 2000h
.even:
        shr ax, 1
        mov dx, 80
        mul dx
        add di, ax
.out:
        pop dx
        pop ax
        ret

; gfx_cell_bytes: AX = bytes a character cell spans in a pixel row.
gfx_cell_bytes:
        mov ax, 2
        cmp byte [cs:si + MI_MODEL], MODEL_CGA2
        je .out
        mov ax, 8
        cmp byte [cs:si + MI_MODEL], MODEL_LINEAR
        je .out
        mov ax, 1
.out:
        ret

; gfx_planar_restore: the GC registers the routines here borrow, back to
; the planar modes' defaults (set/reset 0 and off, no rotate/XOR, read
; map 0, write mode 0, all bits).
gfx_planar_restore:
        push ax
        mov ax, 0000h
        call gc_write
        mov ax, 0001h
        call gc_write
        mov ax, 0003h
        call gc_write
        mov ax, 0004h
        call gc_write
        mov ax, 0005h
        call gc_write
        mov ax, 0FF08h
        call gc_write
        pop ax
        ret

; --- pixels ---------------------------------------------------------------------

; gfx_pixel_addr: CX = x, DX = y, BH = page -> ES:DI = the byte, CL = the
; pixel's bit position within it counted from the left (0 = bit 7; for
; CGA2 the 2-bit pair, 0-3).  CF set when (x, y) is off the screen.
gfx_pixel_addr:
        cmp cx, [cs:si + MI_WIDTH]
        jae .off
        cmp dx, [cs:si + MI_HEIGHT]
        jae .off
        push ax
        call gfx_page_base
        mov ax, dx
        call gfx_line_addr
        mov ax, cx
        cmp byte [cs:si + MI_MODEL], MODEL_LINEAR
        je .linear
        cmp byte [cs:si + MI_MODEL], MODEL_CGA2
        je .cga2
        shr ax, 3                       ; 8 pixels a byte
        add di, ax
        and cl, 7
        jmp .done
.cga2:
        shr ax, 2                       ; 4 pixels a byte
        add di, ax
        and cl, 3
        jmp .done
.linear:
        add di, ax
.done:
        mov es, [cs:si + MI_SEG]
        pop ax
        clc
        ret
.off:
        stc
        ret

; AH=0Ch: pixel (CX, DX) of page BH = colour AL (bit 7: XOR).
int10_write_pixel:
        call mode_current
        jc .out
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        je .out
        call gfx_pixel_addr
        jc .out
        mov bl, [cs:si + MI_MODEL]
        cmp bl, MODEL_LINEAR
        je .linear
        cmp bl, MODEL_PLANAR
        je .planar
        ; CGA: AH = mask, BL = the value, both moved to the pixel's place
        mov ah, 80h
        mov bl, al
        and bl, 1
        cmp byte [cs:si + MI_MODEL], MODEL_CGA2
        jne .shift
        mov ah, 0C0h
        mov bl, al
        and bl, 3
        shl cl, 1                       ; two bits a pixel
        shl bl, 6
        jmp .place
.shift:
        shl bl, 7
.place:
        shr ah, cl
        shr bl, cl
        test al, 80h
        jnz .xor
        not ah
        and [es:di], ah
        or [es:di], bl
        ret
.xor:
        xor [es:di], bl
        ret
.planar:
        mov bl, al
        mov ah, 80h
        shr ah, cl
        mov al, 08h                     ; bit mask: this pixel
        call gc_write
        mov ax, 0205h                   ; write mode 2: the byte is the colour
        call gc_write
        mov ah, 0
        test bl, 80h
        jz .function
        mov ah, 18h                     ; XOR with the latches
.function:
        mov al, 03h
        call gc_write
        mov al, [es:di]                 ; load the latches
        mov [es:di], bl
        call gfx_planar_restore
        ret
.linear:
        mov [es:di], al
.out:
        ret

; AH=0Dh: AL = colour of pixel (CX, DX) of page BH (0 off the screen).
int10_read_pixel:
        call mode_current
        jc .out
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        je .out
        xor bl, bl
        call gfx_pixel_addr
        jc .store
        mov bl, [es:di]
        cmp byte [cs:si + MI_MODEL], MODEL_LINEAR
        je .store
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        je .planar
        cmp byte [cs:si + MI_MODEL], MODEL_CGA2
        je .cga2
        shl bl, cl                      ; CGA1: the bit to bit 7
        shr bl, 7
        jmp .store
.cga2:
        shl cl, 1
        shl bl, cl
        shr bl, 6
        jmp .store
.planar:
        ; one bit from each plane, plane 3 first (read map select)
        mov ch, 80h
        shr ch, cl
        xor bl, bl
        mov ah, 3
.plane:
        mov al, 04h
        call gc_write
        shl bl, 1
        test [es:di], ch
        jz .zero
        or bl, 1
.zero:
        dec ah
        jns .plane
        mov ax, 0004h
        call gc_write
.store:
        mov [bp + F_AL], bl
.out:
        ret

; --- character cells -----------------------------------------------------------

; gfx_glyph_rows: FS:BX = the INT 43h glyph of character AL; CX = its
; height (40:85, at most 32).
gfx_glyph_rows:
        push ax
        push dx
        push 0
        pop fs
        mov cx, [BDA_VIDEO_CHARH]
        cmp cx, 32
        jbe .height
        mov cx, 32
.height:
        movzx ax, al
        mul cx
        add ax, [fs:VEC_INT43]
        mov bx, ax
        mov fs, [fs:VEC_INT43 + 2]
        pop dx
        pop ax
        ret

; gfx_cell_addr: DI = the offset of the first pixel row of cell (row DH,
; column DL) on page BH; AX = the cell's first pixel row; CX = its height.
gfx_cell_addr:
        push bx
        push dx
        mov cx, [BDA_VIDEO_CHARH]
        cmp cx, 32
        jbe .height
        mov cx, 32
.height:
        call gfx_page_base
        call gfx_cell_bytes
        movzx bx, dl
        push dx
        mul bx
        pop dx
        add di, ax                      ; column * bytes per cell
        movzx ax, dh
        push dx
        mul cx                          ; row * height
        pop dx
        pop dx
        pop bx
        ret

; gfx_write_chars: CX copies of character AL, colour BL (bit 7: XOR), on
; page BH from cell (row DH, column DL) rightwards, wrapping to the next
; row; mode CS:SI.  Preserves every register.
gfx_write_chars:
        pusha
        push es
        jcxz .out
.next:
        call gfx_draw_glyph
        inc dl
        cmp dl, [BDA_VIDEO_COLS]
        jb .column
        xor dl, dl
        inc dh
.column:
        loop .next
.out:
        pop es
        popa
        ret

; gfx_draw_glyph: character AL, colour BL, page BH, cell DH/DL.
; Preserves every register.
gfx_draw_glyph:
        pusha
        push es
        push fs
        mov es, [cs:si + MI_SEG]
        push bx                         ; [sp]: colour, page
        call gfx_glyph_rows             ; FS:BX, CX
        pop ax
        push ax
        push bx
        mov bh, ah
        call gfx_cell_addr              ; DI, AX = first row, CX
        pop bx
        pop dx                          ; DL = colour
        mov bp, di                      ; BP = the cell's column offset
        jcxz .out
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        jne .row
        ; planar: set/reset on all planes; XOR through the data rotate register
        push ax
        mov ax, 0F01h
        call gc_write
        mov ah, 0
        test dl, 80h
        jz .function
        mov ah, 18h
.function:
        mov al, 03h
        call gc_write
        pop ax
.row:
        mov di, bp
        call gfx_line_addr
        push ax
        mov al, [fs:bx]
        call gfx_put_pattern
        pop ax
        inc ax
        inc bx
        loop .row
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        jne .out
        call gfx_planar_restore
.out:
        pop fs
        pop es
        popa
        ret

; gfx_put_pattern: 8 pixels at ES:DI, AL = which are foreground (bit 7 =
; leftmost), DL = colour (bit 7 XOR but in mode 13h).  Preserves every
; register.
gfx_put_pattern:
        pusha
        mov ah, [cs:si + MI_MODEL]
        cmp ah, MODEL_PLANAR
        je .planar
        cmp ah, MODEL_LINEAR
        je .linear
        cmp ah, MODEL_CGA1
        je .cga1
        ; CGA2: each bit becomes the 2-bit colour: build BX, left pixel high
        mov dh, dl
        and dh, 3
        xor bx, bx
        mov cx, 8
.expand:
        shl bx, 2
        shl al, 1
        jnc .bit
        or bl, dh
.bit:
        loop .expand
        test dl, 80h
        jnz .cga2_xor
        mov [es:di], bh
        mov [es:di + 1], bl
        jmp .out
.cga2_xor:
        xor [es:di], bh
        xor [es:di + 1], bl
        jmp .out
.cga1:
        test dl, 1
        jnz .cga1_on
        xor al, al
.cga1_on:
        test dl, 80h
        jnz .cga1_xor
        mov [es:di], al
        jmp .out
.cga1_xor:
        xor [es:di], al
        jmp .out
.linear:
        mov cx, 8
.pixel:
        xor ah, ah
        shl al, 1
        jnc .store
        mov ah, dl
.store:
        mov [es:di], ah
        inc di
        loop .pixel
        jmp .out
.planar:
        ; foreground: set/reset = colour through bit mask = pattern
        mov bl, al
        mov ah, dl
        and ah, 0Fh
        mov al, 00h
        call gc_write
        mov ah, bl
        mov al, 08h
        call gc_write
        mov al, [es:di]                 ; latches
        mov [es:di], al
        test dl, 80h
        jnz .out
        ; background: colour 0 where the pattern is clear
        mov ax, 0000h
        call gc_write
        mov ah, bl
        not ah
        mov al, 08h
        call gc_write
        mov al, [es:di]
        mov [es:di], al
.out:
        popa
        ret

; gfx_get_pattern: AL = which of the 8 pixels at ES:DI are not colour 0.
; Preserves every other register.
gfx_get_pattern:
        push bx
        push cx
        mov ah, [cs:si + MI_MODEL]
        cmp ah, MODEL_PLANAR
        je .planar
        cmp ah, MODEL_LINEAR
        je .linear
        cmp ah, MODEL_CGA1
        je .cga1
        mov bh, [es:di]
        mov bl, [es:di + 1]
        xor al, al
        mov cx, 8
.pair:
        shl al, 1
        test bh, 0C0h
        jz .pair_zero
        or al, 1
.pair_zero:
        shl bx, 2
        loop .pair
        jmp .out
.cga1:
        mov al, [es:di]
        jmp .out
.linear:
        xor al, al
        xor bx, bx
        mov cx, 8
.byte:
        shl al, 1
        cmp byte [es:di + bx], 0
        je .byte_zero
        or al, 1
.byte_zero:
        inc bx
        loop .byte
        jmp .out
.planar:
        xor bl, bl
        mov cx, 4
.plane:
        mov ah, cl
        dec ah
        mov al, 04h
        call gc_write
        or bl, [es:di]
        loop .plane
        mov al, bl
.out:
        pop cx
        pop bx
        ret

; gfx_read_char: AL = the character whose INT 43h glyph matches cell
; (DH, DL) of page BH exactly (pixels not 0 = foreground), else 0.
gfx_read_char:
        push bx
        push cx
        push dx
        push si
        push di
        push bp
        push es
        push fs
        mov es, [cs:si + MI_SEG]
        mov bp, sp
        sub sp, 32                      ; the cell's pattern, [bp - 32]
        call gfx_cell_addr              ; DI, AX, CX
        mov dx, di
        jcxz .none
        lea bx, [bp - 32]
.row:
        mov di, dx
        call gfx_line_addr
        push ax
        call gfx_get_pattern
        mov [ss:bx], al
        pop ax
        inc ax
        inc bx
        loop .row
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        jne .compare
        call gfx_planar_restore
.compare:
        mov al, 0
        call gfx_glyph_rows             ; FS:BX = glyph 0, CX = height
        xor dx, dx                      ; DL = candidate
.glyph:
        xor si, si
.byte:
        mov al, [fs:bx + si]
        cmp al, [bp - 32 + si]
        jne .mismatch
        inc si
        cmp si, cx
        jb .byte
        mov al, dl
        jmp .done
.mismatch:
        add bx, cx
        inc dl
        jnz .glyph
.none:
        xor al, al
.done:
        mov sp, bp
        pop fs
        pop es
        pop bp
        pop di
        pop si
        pop dx
        pop cx
        pop bx
        ret

; --- rows ---------------------------------------------------------------------

; gfx_row_cols: BX = offset of column CL in a pixel row, CX = bytes from
; column CL to DL inclusive.
gfx_row_cols:
        push ax
        push dx
        call gfx_cell_bytes
        mov bx, ax
        mov al, dl
        sub al, cl
        inc al
        movzx cx, cl
        push ax
        mov ax, cx
        mul bx
        mov cx, ax                      ; CX = column offset
        pop ax
        movzx ax, al
        mul bx                          ; AX = bytes
        mov bx, cx
        mov cx, ax
        pop dx
        pop ax
        ret

; gfx_row_copy: character row AL = row AH, columns CL..DL, active page,
; mode CS:SI.  Preserves every register.
gfx_row_copy:
        pusha
        push ds
        push es
        mov bp, [BDA_VIDEO_PAGESTART]
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        je .page
        xor bp, bp
.page:
        push ax
        call gfx_row_cols               ; BX, CX
        add bp, bx
        pop bx                          ; BL = destination row, BH = source
        mov dx, [BDA_VIDEO_CHARH]
        cmp dx, 32
        jbe .height
        mov dx, 32
.height:
        ; pixel rows: destination BL * height, source BH * height
        movzx ax, bl
        push dx
        mul dx
        pop dx
        push ax                         ; [sp+2] = destination pixel row
        movzx ax, bh
        push dx
        mul dx
        pop dx
        push ax                         ; [sp] = source pixel row
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        jne .go
        mov ax, 0105h                   ; write mode 1: copy the latches
        call gc_write
.go:
        mov es, [cs:si + MI_SEG]
        push es
        pop ds
.line:
        push cx
        mov bx, sp
        mov ax, [ss:bx + 2]             ; source pixel row
        mov di, bp
        call gfx_line_addr
        push di
        mov ax, [ss:bx + 4]             ; destination pixel row
        mov di, bp
        call gfx_line_addr
        pop bx
        push si
        mov si, bx
        rep movsb
        pop si
        pop cx
        mov bx, sp
        inc word [ss:bx]
        inc word [ss:bx + 2]
        dec dx
        jnz .line
        add sp, 4
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        jne .out
        push BDA_SEG
        pop ds
        call gfx_planar_restore
.out:
        pop es
        pop ds
        popa
        ret

; gfx_row_fill: character row AL, columns CL..DL, filled with BH (see the
; header), active page, mode CS:SI.  Preserves every register.
gfx_row_fill:
        pusha
        push es
        mov bp, [BDA_VIDEO_PAGESTART]
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        je .page
        xor bp, bp
.page:
        push ax
        push bx
        call gfx_row_cols               ; BX, CX
        add bp, bx
        pop bx
        pop ax
        mov dx, [BDA_VIDEO_CHARH]
        cmp dx, 32
        jbe .height
        mov dx, 32
.height:
        movzx ax, al
        push dx
        mul dx
        pop dx                          ; AX = first pixel row
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        jne .go
        push ax
        mov ah, bh
        and ah, 0Fh
        mov al, 00h                     ; set/reset = colour, on all planes
        call gc_write
        mov ax, 0F01h
        call gc_write
        pop ax
.go:
        mov es, [cs:si + MI_SEG]
.line:
        mov di, bp
        call gfx_line_addr
        push ax
        push cx
        mov al, bh
        rep stosb
        pop cx
        pop ax
        inc ax
        dec dx
        jnz .line
        cmp byte [cs:si + MI_MODEL], MODEL_PLANAR
        jne .out
        call gfx_planar_restore
.out:
        pop es
        popa
        ret
