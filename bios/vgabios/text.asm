; text.asm - INT 10h character services: cursor shape and position (01h-
; 03h), display page (05h), scrolling (06h/07h), reading and writing
; characters (08h-0Ah), teletype (0Eh) and write string (13h).  In text
; modes they work on the character/attribute words of the page; in
; graphics modes they call pixels.asm's glyph and row routines.  IBM VGA
; Technical Reference "BIOS Interface"; RBIL INT 10h.
;
; Cursor emulation (40:87 bit 0 clear, 12h BL=34h): AH=01h takes a shape
; in 8-line CGA terms; with a taller font a one-line-high underline
; (end = start + 1) becomes lines height-3..height-2 (the VGA's own
; underline: 0607h -> 0D0Eh with 8x16), any other shape within 0-7 is
; scaled by height/8.  Shapes with a line above 7 are taken as they are.
; Scrolling (06h/07h, and teletype's) works on the active page.  BEL (07h)
; is not sounded: there is no speaker routine in a video BIOS's reach that
; the system BIOS does not already own; teletype just skips it.

; --- cursor ---------------------------------------------------------------------

; AH=01h: CH = start line (bits 6-5 = 01b: invisible), CL = end line.
int10_cursor_shape:
        mov [BDA_CURSOR_SHAPE], cx
        jmp cursor_apply

; cursor_apply: CRTC cursor start/end (0Ah/0Bh) from 40:60.
cursor_apply:
        pusha
        mov cx, [BDA_CURSOR_SHAPE]
        mov al, ch
        and al, 60h
        cmp al, 20h
        jne .visible
        mov ax, 200Ah                   ; cursor off
        call crtc_write
        jmp .out
.visible:
        and cx, 1F1Fh
        test byte [BDA_VIDEO_EGAMISC], EGAMISC_CURSOR_EMU_OFF
        jnz .write
        call mode_current
        jc .write
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .write
        mov bl, [BDA_VIDEO_CHARH]
        cmp bl, 8
        jbe .write
        cmp ch, 7
        ja .write
        cmp cl, 7
        ja .write
        mov al, ch
        inc al
        cmp al, cl
        jne .scale
        mov cl, bl                      ; underline: height-3 .. height-2
        sub cl, 2
        mov ch, bl
        sub ch, 3
        jmp .write
.scale:
        mov al, ch                      ; start * height / 8
        mul bl
        shr ax, 3
        mov ch, al
        mov al, cl                      ; (end + 1) * height / 8 - 1
        inc al
        mul bl
        shr ax, 3
        dec al
        mov cl, al
.write:
        mov al, 0Ah
        mov ah, ch
        call crtc_write
        mov al, 0Bh
        mov ah, cl
        call crtc_write
.out:
        popa
        ret

; AH=02h: cursor of page BH to row DH, column DL.
int10_set_cursor:
        jmp cursor_set

; cursor_set: page BH's cursor = DX; the CRTC follows if BH is active.
cursor_set:
        push bx
        movzx bx, bh
        and bl, 7
        shl bx, 1
        mov [BDA_CURSOR_POS + bx], dx
        shr bx, 1
        cmp bl, [BDA_VIDEO_PAGE]
        jne .out
        call cursor_hw_update
.out:
        pop bx
        ret

; cursor_get: DX = the cursor of page BH.
cursor_get:
        push bx
        movzx bx, bh
        and bl, 7
        shl bx, 1
        mov dx, [BDA_CURSOR_POS + bx]
        pop bx
        ret

; cursor_hw_update: CRTC cursor location (0Eh/0Fh) = the active page's
; cursor, in character units from the start of video memory.
cursor_hw_update:
        pusha
        mov bh, [BDA_VIDEO_PAGE]
        call cursor_get
        movzx ax, dh
        mul word [BDA_VIDEO_COLS]
        movzx dx, dl
        add ax, dx
        mov bx, [BDA_VIDEO_PAGESTART]
        shr bx, 1
        add bx, ax
        mov al, 0Eh
        mov ah, bh
        call crtc_write
        mov al, 0Fh
        mov ah, bl
        call crtc_write
        popa
        ret

; AH=03h: CX = cursor shape (40:60), DX = page BH's cursor.
int10_get_cursor:
        mov ax, [BDA_CURSOR_SHAPE]
        mov [bp + F_CX], ax
        call cursor_get
        mov [bp + F_DX], dx
        ret

; --- pages ----------------------------------------------------------------------

; AH=05h: AL = the page to show.  Pages the mode does not have are ignored.
int10_set_page:
        call mode_current
        jc .out
        cmp al, [cs:si + MI_PAGES]
        jae .out
        mov [BDA_VIDEO_PAGE], al
        movzx ax, al
        mul word [BDA_VIDEO_PAGESIZE]
        mov [BDA_VIDEO_PAGESTART], ax
        ; text modes count the start address in words (CRTC word mode),
        ; the planar modes in bytes
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .start
        shr ax, 1
.start:
        mov bx, ax
        mov al, 0Ch
        mov ah, bh
        call crtc_write
        mov al, 0Dh
        mov ah, bl
        call crtc_write
        call cursor_hw_update
.out:
        ret

; --- scrolling -------------------------------------------------------------------

; AH=06h/07h: AL = lines (0: blank the window), BH = attribute (colour in
; graphics modes) of the new lines, CH/CL = top row/left column, DH/DL =
; bottom row/right column.
int10_scroll_up:
        call mode_current
        jc scroll_nothing
        jmp scroll_up

int10_scroll_down:
        call mode_current
        jc scroll_nothing
        jmp scroll_down

scroll_nothing:
        ret

; scroll_setup: clamp the window to the screen.  -> AL = lines to scroll
; in (1..height), AH = lines that move (height - AL); CF set when the
; window is empty.
scroll_setup:
        mov ah, [BDA_VIDEO_COLS]
        dec ah
        cmp dl, ah
        jbe .right
        mov dl, ah
.right:
        mov ah, [BDA_VIDEO_ROWS]
        cmp dh, ah
        jbe .bottom
        mov dh, ah
.bottom:
        cmp ch, dh
        ja .empty
        cmp cl, dl
        ja .empty
        mov ah, dh
        sub ah, ch
        inc ah                          ; window height
        test al, al
        jz .all
        cmp al, ah
        jbe .lines
.all:
        mov al, ah
.lines:
        sub ah, al
        clc
        ret
.empty:
        stc
        ret

; scroll_up / scroll_down: the window of AH=06h/07h's registers, mode
; entry CS:SI.  Preserves every register.
scroll_up:
        pusha
        call scroll_setup
        jc .out
        movzx bp, al                    ; rows to blank
        movzx di, ah                    ; rows to move
        mov bl, ch
.move:
        test di, di
        jz .fill
        mov ax, bp
        mov ah, bl
        add ah, al                      ; from the row `lines` below
        mov al, bl
        call row_copy
        inc bl
        dec di
        jmp .move
.fill:
        test bp, bp
        jz .out
        mov al, bl
        call row_fill
        inc bl
        dec bp
        jmp .fill
.out:
        popa
        ret

scroll_down:
        pusha
        call scroll_setup
        jc .out
        movzx bp, al
        movzx di, ah
        mov bl, dh
.move:
        test di, di
        jz .fill
        mov ax, bp
        mov ah, bl
        sub ah, al                      ; from the row `lines` above
        mov al, bl
        call row_copy
        dec bl
        dec di
        jmp .move
.fill:
        test bp, bp
        jz .out
        mov al, bl
        call row_fill
        dec bl
        dec bp
        jmp .fill
.out:
        popa
        ret

; row_copy: character row AL = row AH, columns CL..DL, on the active page
; (mode entry CS:SI).  Preserves every register.
row_copy:
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne gfx_row_copy
        pusha
        push ds
        push es
        mov es, [cs:si + MI_SEG]
        mov bx, ax                      ; BL = destination row, BH = source
        mov al, bl
        mov ah, cl
        mov di, [BDA_VIDEO_PAGESTART]
        call text_cell_addr
        push di
        mov al, bh
        mov ah, cl
        mov di, [BDA_VIDEO_PAGESTART]
        call text_cell_addr
        mov si, di
        pop di
        mov al, dl
        sub al, cl
        inc al
        movzx cx, al
        push es
        pop ds
        rep movsw
        pop es
        pop ds
        popa
        ret

; row_fill: character row AL, columns CL..DL, blanked with attribute BH
; (active page, mode entry CS:SI).  Preserves every register.
row_fill:
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne gfx_row_fill
        pusha
        push es
        mov es, [cs:si + MI_SEG]
        mov ah, cl
        mov di, [BDA_VIDEO_PAGESTART]
        call text_cell_addr
        mov al, dl
        sub al, cl
        inc al
        movzx cx, al
        mov ah, bh
        mov al, ' '
        rep stosw
        pop es
        popa
        ret

; text_cell_addr: DI (a page's start) += the offset of row AL, column AH.
text_cell_addr:
        push ax
        push bx
        push dx
        movzx bx, ah
        movzx ax, al
        mul word [BDA_VIDEO_COLS]
        add ax, bx
        shl ax, 1
        add di, ax
        pop dx
        pop bx
        pop ax
        ret

; text_cursor_addr: ES:DI = the cell under page BH's cursor (mode CS:SI).
text_cursor_addr:
        push ax
        push dx
        movzx ax, bh
        and al, 7
        mul word [BDA_VIDEO_PAGESIZE]
        mov di, ax
        call cursor_get
        mov al, dh
        mov ah, dl
        call text_cell_addr
        mov es, [cs:si + MI_SEG]
        pop dx
        pop ax
        ret

; --- characters ---------------------------------------------------------------

; AH=08h: AH = attribute, AL = character at page BH's cursor (graphics:
; the character whose glyph matches the cell, else 0; AH = 0).
int10_read_char:
        call mode_current
        jc .out
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .graphics
        call text_cursor_addr
        mov ax, [es:di]
        mov [bp + F_AX], ax
.out:
        ret
.graphics:
        call cursor_get
        call gfx_read_char
        mov ah, 0
        mov [bp + F_AX], ax
        ret

; AH=09h: AL = character, BL = attribute (graphics: colour, bit 7 = XOR),
; BH = page, CX = count; at the cursor, which does not move.
int10_write_char_attr:
        call mode_current
        jc .out
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .graphics
        call text_cursor_addr
        mov ah, bl
        rep stosw
.out:
        ret
.graphics:
        call cursor_get
        jmp gfx_write_chars

; AH=0Ah: the same, keeping the attributes (graphics: as 09h).
int10_write_char:
        call mode_current
        jc .out
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .graphics
        call text_cursor_addr
        jcxz .out
.next:
        stosb
        inc di
        loop .next
.out:
        ret
.graphics:
        call cursor_get
        jmp gfx_write_chars

; AH=0Eh: teletype AL on page BH (graphics: colour BL).
int10_teletype:
        call mode_current
        jc .out
        xor ah, ah
        call tty_out
.out:
        ret

; tty_out: AL = character on page BH at its cursor, BEL/BS/CR/LF obeyed,
; scrolling the screen at the bottom.  AH = 1: text modes also write
; attribute BL; AH = 0: they keep the cell's.  Graphics: colour BL.
; Mode entry CS:SI.  Preserves every register.
tty_out:
        pusha
        push es
        call cursor_get
        cmp al, 07h
        je .out
        cmp al, 08h
        jne .not_bs
        test dl, dl
        jz .set
        dec dl
        jmp .set
.not_bs:
        cmp al, 0Dh
        jne .not_cr
        xor dl, dl
        jmp .set
.not_cr:
        cmp al, 0Ah
        je .lf
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .graphics
        call text_cursor_addr
        mov [es:di], al
        test ah, ah
        jz .advance
        mov [es:di + 1], bl
        jmp .advance
.graphics:
        mov cx, 1
        call gfx_write_chars
.advance:
        inc dl
        cmp dl, [BDA_VIDEO_COLS]
        jb .set
        xor dl, dl
.lf:
        inc dh
        cmp dh, [BDA_VIDEO_ROWS]
        jbe .set
        mov dh, [BDA_VIDEO_ROWS]
        call cursor_set
        push bx
        push dx
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .graphics_fill
        call text_cursor_addr           ; text: the attribute under the cursor
        mov bh, [es:di + 1]
        jmp .scroll
.graphics_fill:
        xor bh, bh                      ; graphics: new lines in colour 0
.scroll:
        mov al, 1
        xor cx, cx
        mov dh, [BDA_VIDEO_ROWS]
        mov dl, [BDA_VIDEO_COLS]
        dec dl
        call scroll_up
        pop dx
        pop bx
.set:
        call cursor_set
.out:
        pop es
        popa
        ret

; AH=13h: write string ES:BP, CX characters, on page BH from row DH,
; column DL.  AL bit 1: the string alternates character, attribute (else
; attribute BL for all); bit 0: leave the cursor after the string (else
; where it was).  BEL/BS/CR/LF act as in teletype.
int10_write_string:
        call mode_current
        jc .out
        mov di, dx
        call cursor_get
        push dx                         ; the cursor before
        mov dx, di
        call cursor_set
        mov di, [bp + F_BP]
        jcxz .done
.next:
        mov al, [es:di]
        inc di
        test byte [bp + F_AL], 02h
        jz .attribute
        mov bl, [es:di]
        inc di
.attribute:
        mov ah, 1
        call tty_out
        loop .next
.done:
        pop dx
        test byte [bp + F_AL], 01h
        jnz .out
        call cursor_set
.out:
        ret
