; int10.asm - INT 10h video services for the text modes a boot loader
; uses: 80x25 colour (modes 2 and 3, B8000) and monochrome (mode 7,
; B0000), 8 pages in colour.  Characters go straight into the text buffer;
; the BDA video fields are kept right and the CRTC cursor and start address
; registers are programmed (harmless when no video card decodes them).
; While no video ROM has taken INT 10h over (EBDA_FLAG_MIRROR), teletype
; output (AH=0Eh and 13h) is also copied to COM1; with a video ROM and no
; window, int10_mirror_front does the copy in front of the ROM.
;
; Functions: 00 set mode (2, 3, 7; others ignored), 01 cursor shape, 02/03
; cursor position, 05 active page, 06/07 scroll, 08 read, 09/0A write,
; 0E teletype, 0F get mode, 12h BL=10h EGA information, 13h write string,
; 1Ah display combination.  11h (fonts) and 1Bh (state) answer
; "unsupported" (AL unchanged / AL != 1Bh); graphics modes, palette (10h),
; pixels (0C/0D) are not done: that is the VGA BIOS's job.

; the frame int10_entry builds (pusha, then DS and ES)
V_ES    equ 0
V_DS    equ 2
V_DI    equ 4
V_SI    equ 6
V_BP    equ 8
V_BX    equ 12
V_DX    equ 14
V_CX    equ 16
V_AX    equ 18

; Interrupts stay as the caller had them: POST prints with them off.
int10_entry:
        cld
        pusha
        push ds
        push es
        mov bp, sp
        push ax
        mov ax, BDA_SEG
        mov ds, ax
        pop ax
        cmp ah, 0Fh
        ja .high
        movzx si, ah
        shl si, 1
        call [cs:int10_table + si]
        jmp .out
.high:
        cmp ah, 12h
        jne .not12
        call video_ega_info
        jmp .out
.not12:
        cmp ah, 13h
        jne .not13
        call video_write_string
        jmp .out
.not13:
        cmp ah, 1Ah
        jne .not1a
        call video_display_combination
        jmp .out
.not1a:
        cmp ah, 1Bh
        jne .out
        mov byte [bp + V_AX], 0         ; AL != 1Bh: not supported
.out:
        pop es
        pop ds
        popa
        iret

int10_table:
        dw video_set_mode               ; 00
        dw video_cursor_shape           ; 01
        dw video_set_cursor             ; 02
        dw video_get_cursor             ; 03
        dw video_nothing                ; 04 light pen
        dw video_set_page               ; 05
        dw video_scroll_up              ; 06
        dw video_scroll_down            ; 07
        dw video_read_char              ; 08
        dw video_write_char_attr        ; 09
        dw video_write_char             ; 0A
        dw video_nothing                ; 0B palette (CGA)
        dw video_nothing                ; 0C pixel
        dw video_nothing                ; 0D pixel
        dw video_teletype               ; 0E
        dw video_get_mode               ; 0F

video_nothing:
        ret

; video_set_bda_for_mode: AL = 2, 3 or 7.  BDA fields of that mode, page
; 0, all cursors home.  Works from any DS.
video_set_bda_for_mode:
        push ax
        push cx
        push di
        push ds
        push es
        mov cx, BDA_SEG
        mov ds, cx
        mov es, cx
        mov [BDA_VIDEO_MODE], al
        mov word [BDA_VIDEO_COLS], 80
        mov word [BDA_VIDEO_PAGESIZE], 1000h
        mov word [BDA_VIDEO_PAGESTART], 0
        mov di, BDA_CURSOR_POS
        mov cx, 8
        push ax
        xor ax, ax
        rep stosw
        pop ax
        mov word [BDA_CURSOR_SHAPE], 0607h
        mov byte [BDA_VIDEO_PAGE], 0
        mov byte [BDA_VIDEO_ROWS], 24
        mov word [BDA_VIDEO_CHARH], 16
        mov byte [BDA_VIDEO_EGAMISC], 60h
        mov byte [BDA_VIDEO_SWITCHES], 09h
        mov byte [BDA_VIDEO_VGAFLAGS], 51h
        mov byte [BDA_VIDEO_DCC], 0Bh
        mov byte [BDA_VIDEO_PALETTE], 30h
        and word [BDA_EQUIPMENT], ~30h & 0FFFFh
        cmp al, 7
        je .mono
        mov word [BDA_CRTC_PORT], 3D4h
        mov byte [BDA_VIDEO_MODESEL], 29h
        or word [BDA_EQUIPMENT], EQUIP_VIDEO_80COLOR
        jmp .done
.mono:
        mov word [BDA_CRTC_PORT], 3B4h
        mov byte [BDA_VIDEO_MODESEL], 29h
        mov word [BDA_CURSOR_SHAPE], 0B0Ch
        or word [BDA_EQUIPMENT], EQUIP_VIDEO_MONO
.done:
        pop es
        pop ds
        pop di
        pop cx
        pop ax
        ret

; video_segment: ES = the text buffer of the current mode.
video_segment:
        push ax
        mov ax, VIDEO_COLOR_SEG
        cmp byte [BDA_VIDEO_MODE], 7
        jne .set
        mov ax, VIDEO_MONO_SEG
.set:
        mov es, ax
        pop ax
        ret

; crtc_write: CRTC register AL = AH.
crtc_write:
        push dx
        mov dx, [BDA_CRTC_PORT]
        out dx, al
        inc dx
        xchg al, ah
        out dx, al
        xchg al, ah
        pop dx
        ret

; video_cell_offset: DH = row, DL = column, BH = page -> DI = byte offset
; in the text buffer.
video_cell_offset:
        push ax
        push dx
        movzx ax, bh
        and al, 7
        mul word [BDA_VIDEO_PAGESIZE]   ; DX:AX, DX = 0
        mov di, ax
        pop dx
        push dx
        movzx ax, dh
        mul byte [BDA_VIDEO_COLS]
        add al, dl
        adc ah, 0
        shl ax, 1
        add di, ax
        pop dx
        pop ax
        ret

; video_update_hw_cursor: the CRTC cursor address from the active page's
; BDA position.
video_update_hw_cursor:
        push ax
        push bx
        push dx
        push di
        movzx bx, byte [BDA_VIDEO_PAGE]
        and bl, 7
        shl bx, 1
        mov dx, [BDA_CURSOR_POS + bx]
        shr bx, 1
        mov bh, bl
        call video_cell_offset
        shr di, 1
        mov ax, di                      ; AH = cell address high byte
        push ax
        mov al, 0Eh
        call crtc_write
        pop ax
        mov ah, al
        mov al, 0Fh
        call crtc_write
        pop di
        pop dx
        pop bx
        pop ax
        ret

; AH=00h: set mode AL (bit 7: keep the buffer).
video_set_mode:
        mov bl, al
        and bl, 7Fh
        cmp bl, 2
        je .ok
        cmp bl, 3
        je .ok
        cmp bl, 7
        jne .out
.ok:
        push ax
        mov al, bl
        call video_set_bda_for_mode
        pop ax
        and byte [BDA_VIDEO_EGAMISC], 7Fh
        test al, 80h
        jz .clear
        or byte [BDA_VIDEO_EGAMISC], 80h
        jmp .regs
.clear:
        call video_segment
        xor di, di
        mov cx, 4000h                   ; 32 KiB: every page
        cmp byte [BDA_VIDEO_MODE], 7
        jne .fill
        mov cx, 2000                    ; 4000 bytes of MDA memory
.fill:
        mov ax, 0720h
        rep stosw
.regs:
        mov ax, [BDA_CURSOR_SHAPE]
        xchg al, ah
        mov ah, al
        mov al, 0Ah
        call crtc_write
        mov ah, [BDA_CURSOR_SHAPE]
        mov al, 0Bh
        call crtc_write
        mov ax, 000Ch
        call crtc_write
        mov ax, 000Dh
        call crtc_write
        call video_update_hw_cursor
        mov byte [bp + V_AX], 30h
.out:
        ret

; AH=01h: cursor shape CH = start line, CL = end line.
video_cursor_shape:
        mov [BDA_CURSOR_SHAPE], cx
        mov ah, ch
        mov al, 0Ah
        call crtc_write
        mov ah, cl
        mov al, 0Bh
        call crtc_write
        ret

; AH=02h: page BH, DH = row, DL = column.
video_set_cursor:
        movzx bx, bh
        and bl, 7
        shl bx, 1
        mov [BDA_CURSOR_POS + bx], dx
        call video_update_hw_cursor
        ret

; AH=03h: page BH -> DX position, CX shape, AX = 0.
video_get_cursor:
        movzx bx, bh
        and bl, 7
        shl bx, 1
        mov dx, [BDA_CURSOR_POS + bx]
        mov [bp + V_DX], dx
        mov cx, [BDA_CURSOR_SHAPE]
        mov [bp + V_CX], cx
        mov word [bp + V_AX], 0
        ret

; AH=05h: active page AL.
video_set_page:
        and al, 7
        cmp byte [BDA_VIDEO_MODE], 7
        jne .colour
        xor al, al                      ; MDA has one page
.colour:
        mov [BDA_VIDEO_PAGE], al
        movzx ax, al
        mul word [BDA_VIDEO_PAGESIZE]
        mov [BDA_VIDEO_PAGESTART], ax
        shr ax, 1
        push ax
        mov al, 0Ch
        call crtc_write
        pop ax
        mov ah, al
        mov al, 0Dh
        call crtc_write
        call video_update_hw_cursor
        ret

; video_clip_window: clip CH,CL..DH,DL to the screen.  CF=1 if empty.
video_clip_window:
        mov al, [BDA_VIDEO_ROWS]
        cmp dh, al
        jbe .rows_ok
        mov dh, al
.rows_ok:
        mov al, [BDA_VIDEO_COLS]
        dec al
        cmp dl, al
        jbe .cols_ok
        mov dl, al
.cols_ok:
        cmp ch, dh
        ja .empty
        cmp cl, dl
        ja .empty
        clc
        ret
.empty:
        stc
        ret

; video_copy_row: row AH to row AL, columns CL..DL, active page.
video_copy_row:
        push ax
        push bx
        push cx
        push dx
        push si
        push di
        push ds
        mov bh, [BDA_VIDEO_PAGE]
        push dx
        mov dh, ah
        mov dl, cl
        call video_cell_offset
        mov si, di
        mov dh, al
        call video_cell_offset
        pop dx
        movzx cx, cl
        movzx dx, dl
        sub dx, cx
        inc dx
        mov cx, dx
        push es
        pop ds
        rep movsw
        pop ds
        pop di
        pop si
        pop dx
        pop cx
        pop bx
        pop ax
        ret

; video_fill_row: row AL, columns CL..DL, blank with attribute BL.
video_fill_row:
        push ax
        push bx
        push cx
        push dx
        push di
        mov bh, [BDA_VIDEO_PAGE]
        push dx
        mov dh, al
        mov dl, cl
        call video_cell_offset
        pop dx
        movzx cx, cl
        movzx dx, dl
        sub dx, cx
        inc dx
        mov cx, dx
        mov al, ' '
        mov ah, bl
        rep stosw
        pop di
        pop dx
        pop cx
        pop bx
        pop ax
        ret

; AH=06h: scroll the window CH,CL..DH,DL up by AL lines (0 = clear),
; blank lines get attribute BH.  Active page.
video_scroll_up:
        call video_segment
        mov bl, bh
        mov bh, al                      ; BH = lines
        call video_clip_window
        jc .out
        mov al, dh
        sub al, ch
        inc al                          ; AL = window height
        cmp bh, 0
        je .all
        cmp bh, al
        jbe .go
.all:
        mov bh, al
.go:
        mov al, ch                      ; AL = destination row
.row:
        cmp al, dh
        ja .out
        mov ah, al
        add ah, bh                      ; source row
        jc .blank
        cmp ah, dh
        ja .blank
        call video_copy_row
        jmp .next
.blank:
        call video_fill_row
.next:
        inc al
        jmp .row
.out:
        ret

; AH=07h: scroll down, same parameters.
video_scroll_down:
        call video_segment
        mov bl, bh
        mov bh, al
        call video_clip_window
        jc .out
        mov al, dh
        sub al, ch
        inc al
        cmp bh, 0
        je .all
        cmp bh, al
        jbe .go
.all:
        mov bh, al
.go:
        mov al, dh                      ; destination row, bottom up
.row:
        mov ah, al
        sub ah, bh
        jc .blank
        cmp ah, ch
        jb .blank
        call video_copy_row
        jmp .next
.blank:
        call video_fill_row
.next:
        cmp al, ch
        je .out
        dec al
        jmp .row
.out:
        ret

; AH=08h: page BH -> AL character, AH attribute at the cursor.
video_read_char:
        call video_segment
        movzx si, bh
        and si, 7
        shl si, 1
        mov dx, [BDA_CURSOR_POS + si]
        call video_cell_offset
        mov ax, [es:di]
        mov [bp + V_AX], ax
        ret

; AH=09h: AL character, BL attribute, CX times from the cursor of page BH;
; the cursor does not move.  Stops at the end of the page.
video_write_char_attr:
        mov ah, bl
        clc
        jmp video_write_common
; AH=0Ah: the same, keeping the attributes already on screen.
video_write_char:
        mov ah, 0FFh
        stc
video_write_common:
        pushf
        call video_segment
        push ax
        movzx si, bh
        and si, 7
        shl si, 1
        mov dx, [BDA_CURSOR_POS + si]
        call video_cell_offset
        ; cells left on the page
        push dx
        movzx ax, dh
        mul byte [BDA_VIDEO_COLS]
        pop dx
        movzx si, dl
        add ax, si                      ; AX = cell index in the page
        push ax
        movzx ax, byte [BDA_VIDEO_ROWS]
        inc ax
        mul byte [BDA_VIDEO_COLS]
        pop si
        sub ax, si                      ; AX = cells left
        cmp cx, ax
        jbe .count_ok
        mov cx, ax
.count_ok:
        pop ax
        popf
        jc .char_only
        jcxz .out
        rep stosw
        ret
.char_only:
        jcxz .out
.one:
        mov [es:di], al
        add di, 2
        loop .one
.out:
        ret

; video_teletype_core: AL = character, BL = attribute for new cells (FFh
; keeps what is there), BH = page.  BEL, BS, LF, CR act; the rest is
; written and the cursor advances, wrapping and scrolling the page.
video_teletype_core:
        push ax
        push bx
        push cx
        push dx
        push si
        push di
        call video_segment
        and bh, 7
        movzx si, bh
        shl si, 1
        mov dx, [BDA_CURSOR_POS + si]
        cmp al, 07h
        je .done
        cmp al, 08h
        jne .not_bs
        test dl, dl
        jz .set
        dec dl
        jmp .set
.not_bs:
        cmp al, 0Ah
        jne .not_lf
        inc dh
        jmp .scroll
.not_lf:
        cmp al, 0Dh
        jne .print
        xor dl, dl
        jmp .set
.print:
        call video_cell_offset
        mov [es:di], al
        cmp bl, 0FFh
        je .keep_attr
        mov [es:di + 1], bl
.keep_attr:
        inc dl
        cmp dl, [BDA_VIDEO_COLS]
        jb .set
        xor dl, dl
        inc dh
.scroll:
        cmp dh, [BDA_VIDEO_ROWS]
        jbe .set
        mov dh, [BDA_VIDEO_ROWS]
        ; scroll the page up one line, the new line in attribute 07h
        push dx
        push si
        mov cx, 0
        mov dl, [BDA_VIDEO_COLS]
        dec dl
        mov al, 0
.up:
        cmp al, dh
        je .last
        mov ah, al
        inc ah
        push bx
        mov bl, [BDA_VIDEO_PAGE]
        mov [BDA_VIDEO_PAGE], bh        ; the copy helpers work on "the page"
        call video_copy_row
        mov [BDA_VIDEO_PAGE], bl
        pop bx
        inc al
        jmp .up
.last:
        push bx
        mov bl, [BDA_VIDEO_PAGE]
        push bx
        mov [BDA_VIDEO_PAGE], bh
        mov bl, 07h
        call video_fill_row
        pop bx
        mov [BDA_VIDEO_PAGE], bl
        pop bx
        pop si
        pop dx
.set:
        mov [BDA_CURSOR_POS + si], dx
        cmp bh, [BDA_VIDEO_PAGE]
        jne .done
        call video_update_hw_cursor
.done:
        pop di
        pop si
        pop dx
        pop cx
        pop bx
        pop ax
        ret

; int10_mirror_front: INT 10h while a video ROM owns the screen and the
; run has no window (post_console_mode): teletype (AH=0Eh) and write
; string (AH=13h) output goes to COM1 first, then every call continues
; in the video ROM's handler with the caller's registers and interrupt
; frame untouched (the far return below lands on it).
int10_mirror_front:
        cmp ah, 0Eh
        jne .string
        call video_mirror
        jmp .chain
.string:
        cmp ah, 13h
        jne .chain
        push si
        push cx
        push ax
        mov si, bp                      ; ES:BP = the string
        mov ah, al                      ; bit 1: character/attribute pairs
        jcxz .string_done
.string_char:
        mov al, [es:si]
        inc si
        test ah, 02h
        jz .string_next
        inc si
.string_next:
        call video_mirror
        loop .string_char
.string_done:
        pop ax
        pop cx
        pop si
.chain:
        sub sp, 4                       ; room for the far address
        push bp
        mov bp, sp
        push ds
        push ax
        mov ax, EBDA_SEG
        mov ds, ax
        mov ax, [EBDA_VIDEO_CHAIN]
        mov [bp + 2], ax
        mov ax, [EBDA_VIDEO_CHAIN + 2]
        mov [bp + 4], ax
        pop ax
        pop ds
        pop bp
        retf

; video_mirror: AL to COM1 if INT 10h output is mirrored.
video_mirror:
        push ds
        push bx
        mov bx, EBDA_SEG
        mov ds, bx
        test byte [EBDA_FLAGS], EBDA_FLAG_MIRROR
        jz .out
        call serial_putc
.out:
        pop bx
        pop ds
        ret

; AH=0Eh: teletype AL on the active page (BH is ignored: callers often
; leave it undefined), keeping the attribute on screen.
video_teletype:
        call video_mirror
        mov bh, [BDA_VIDEO_PAGE]
        mov bl, 0FFh
        call video_teletype_core
        ret

; AH=0Fh: AL = mode, AH = columns, BH = active page.
video_get_mode:
        mov al, [BDA_VIDEO_MODE]
        mov ah, [BDA_VIDEO_COLS]
        mov [bp + V_AX], ax
        mov al, [BDA_VIDEO_PAGE]
        mov [bp + V_BX + 1], al
        ret

; AH=12h BL=10h: EGA information: colour, 256 KiB, feature bits 0,
; switches 9.  Other subfunctions are not done (registers unchanged).
video_ega_info:
        cmp bl, 10h
        jne .out
        mov word [bp + V_BX], 0003h
        mov word [bp + V_CX], 0009h
.out:
        ret

; AH=1Ah: display combination.  AL=00h get: BL = 08h (VGA, colour), BH =
; 0; AL=01h set: accepted and ignored.  AL = 1Ah says "supported".
video_display_combination:
        cmp al, 1
        ja .out
        mov byte [bp + V_AX], 1Ah
        test al, al
        jnz .out
        mov word [bp + V_BX], 0008h
.out:
        ret

; AH=13h: write string ES:BP (the caller's), CX characters, at DH,DL of
; page BH.  AL bit 0: leave the cursor after the string; bit 1: the string
; alternates character and attribute (else BL is the attribute).
video_write_string:
        movzx si, bh
        and si, 7
        shl si, 1
        push word [BDA_CURSOR_POS + si]
        mov [BDA_CURSOR_POS + si], dx
        mov es, [bp + V_ES]
        mov di, [bp + V_BP]
        mov ah, al                      ; AH = mode
        jcxz .end
.char:
        mov al, [es:di]
        inc di
        test ah, 02h
        jz .attr_done
        mov bl, [es:di]
        inc di
.attr_done:
        call video_mirror
        push es
        call video_teletype_core
        pop es
        loop .char
.end:
        pop dx
        test byte [bp + V_AX], 01h
        jnz .out
        mov [BDA_CURSOR_POS + si], dx
        cmp bh, [BDA_VIDEO_PAGE]
        jne .out
        call video_update_hw_cursor
.out:
        ret
