; misc.asm - INT 10h AH=12h (alternate select: EGA information, scan
; lines, default palette loading, video enable, grey summing, cursor
; emulation, refresh) and AH=1Ah (display combination code).  IBM VGA
; Technical Reference "BIOS Interface"; RBIL INT 10h AH=12h, AH=1Ah.
;
; BL=20h points INT 05h at `print_screen`, which knows the row count
; (40:84) and columns (40:4A) of the current text mode, as the IBM EGA/VGA
; BIOS's alternate print screen does; the system BIOS's INT 05h knows only
; 25 rows (ours prints nothing at all).
; BL=35h (display switching) is answered as unsupported (AL not 12h): it
; switches between the system board's video and a second adapter that
; conflicts with it; softpc's VGA is the only display, and "if there is no
; conflict ... this subfunction is not required" (Duncan, Advanced MS-DOS
; Programming, INT 10h 12h/35h).  BL=32h switches the CPU's
; access to video memory (misc output bit 1); the VGA's port-decode enable
; (3C3h) is not touched.

int10_alt_select:
        cmp bl, 10h
        je alt_ega_info
        cmp bl, 20h
        je alt_print_screen
        cmp bl, 30h
        jb .out
        cmp bl, 36h
        ja .out
        movzx si, bl
        sub si, 30h
        shl si, 1
        call [cs:.table + si]
.out:
        ret
.table:
        dw alt_scan_lines, alt_palette_loading, alt_video_enable
        dw alt_grey_summing, alt_cursor_emulation, alt_unsupported
        dw alt_refresh

alt_unsupported:
        ret

; BL=10h: BH = 0 colour / 1 mono CRTC, BL = 3 (256 KiB), CH = feature
; bits, CL = switch settings (both from 40:88).
alt_ega_info:
        xor ah, ah
        cmp word [BDA_CRTC_PORT], VGA_CRTC_INDEX_MONO
        jne .colour
        inc ah
.colour:
        mov al, 3
        mov [bp + F_BX], ax             ; BL = 3 (256 KiB), BH = mono
        mov al, [BDA_VIDEO_SWITCHES]
        mov ah, al
        shr ah, 4
        and al, 0Fh
        mov [bp + F_CX], ax
        ret

; BL=20h: INT 05h to our print_screen.
alt_print_screen:
        push es
        push 0
        pop es
        mov word [es:05h * 4], print_screen
        mov [es:05h * 4 + 2], cs
        pop es
        jmp alt_supported

; print_screen (INT 05h after 1220h): the active page of a text mode, row
; by row, to printer 0 through INT 17h, each row followed by CR LF (and
; one CR LF first).  Status at 0050:0000 (IBM PC BIOS): 01h while
; printing (a nested call returns at once), 00h done, FFh a printer error
; (INT 17h status bit 0 time-out, bit 3 I/O error or bit 5 out of paper)
; ended it.  Characters are read with INT 10h AH=08h, so any text mode
; and page work; the cursor is put back.  In graphics modes the cells are
; whatever AH=08h recognises (blank when nothing matches).
PRTSC_STATUS    equ 500h                ; 0050:0000 as 0000:0500
PRTSC_BUSY      equ 01h
PRTSC_ERROR     equ 0FFh
PRINTER_ERRORS  equ 29h                 ; INT 17h status: time-out, I/O error, no paper

print_screen:
        sti
        pusha
        push ds
        push 0
        pop ds
        cmp byte [PRTSC_STATUS], PRTSC_BUSY
        je .out
        mov byte [PRTSC_STATUS], PRTSC_BUSY
        mov ah, 0Fh
        int 10h                         ; AH = columns, BH = active page
        push ax
        mov ah, 03h
        int 10h                         ; (CX = the cursor shape)
        pop ax
        push dx                         ; the cursor, put back at the end
        mov cl, ah                      ; CL = columns
        mov ch, [BDA_SEG * 16 + BDA_VIDEO_ROWS]
        inc ch                          ; CH = rows
        call .newline
        jc .error
        xor dh, dh                      ; row
.row:
        xor dl, dl                      ; column
.cell:
        mov ah, 02h
        int 10h
        mov ah, 08h
        int 10h
        test al, al
        jnz .print
        mov al, ' '
.print:
        call .char
        jc .error
        inc dl
        cmp dl, cl
        jb .cell
        call .newline
        jc .error
        inc dh
        cmp dh, ch
        jb .row
        mov byte [PRTSC_STATUS], 0
        jmp .cursor
.error:
        mov byte [PRTSC_STATUS], PRTSC_ERROR
.cursor:
        pop dx
        mov ah, 02h
        int 10h
.out:
        pop ds
        popa
        iret
; .newline / .char: CR LF / AL to printer 0; CF on a printer error.
.newline:
        mov al, 13
        call .char
        jc .ret
        mov al, 10
.char:
        push dx
        xor dx, dx
        mov ah, 00h
        int 17h
        pop dx
        test ah, PRINTER_ERRORS
        jz .ret                         ; (test clears CF)
        stc
.ret:
        ret

; alt_supported: AL = 12h, "function supported".
alt_supported:
        mov byte [bp + F_AL], 12h
        ret

; BL=30h: AL = 0 200, 1 350, 2 400 scan lines for the next text mode set.
alt_scan_lines:
        cmp al, 2
        ja .out
        and byte [BDA_VIDEO_VGAFLAGS], ~(VGAFLAGS_200 | VGAFLAGS_400)
        cmp al, 1
        je .done
        mov ah, VGAFLAGS_200
        jb .set
        mov ah, VGAFLAGS_400
.set:
        or [BDA_VIDEO_VGAFLAGS], ah
.done:
        call alt_supported
.out:
        ret

; alt_flag: AL = 0 clears, 1 sets the bits AH of the BDA byte at DI;
; AL = 12h when AL was valid.
alt_flag:
        cmp al, 1
        ja .out
        not ah
        and [di], ah
        not ah
        test al, al
        jz .done
        or [di], ah
.done:
        call alt_supported
.out:
        ret

; BL=31h: AL = 0 load the default palette at mode sets, 1 don't.
alt_palette_loading:
        mov di, BDA_VIDEO_VGAFLAGS
        mov ah, VGAFLAGS_NO_PALETTE
        jmp alt_flag

; BL=33h: AL = 0 grey summing on, 1 off.
alt_grey_summing:
        xor al, 1
        mov di, BDA_VIDEO_VGAFLAGS
        mov ah, VGAFLAGS_GREY
        jmp alt_flag

; BL=34h: AL = 0 cursor emulation on, 1 off.
alt_cursor_emulation:
        mov di, BDA_VIDEO_EGAMISC
        mov ah, EGAMISC_CURSOR_EMU_OFF
        jmp alt_flag

; BL=32h: AL = 0 CPU access to video memory on, 1 off (misc output bit 1).
alt_video_enable:
        cmp al, 1
        ja .out
        mov ah, al
        mov dx, VGA_MISC_READ
        in al, dx
        or al, 02h
        test ah, ah
        jz .write
        and al, ~02h
.write:
        mov dx, VGA_MISC_WRITE
        out dx, al
        call alt_supported
.out:
        ret

; BL=36h: AL = 0 screen refresh on, 1 off (sequencer clocking bit 5).
alt_refresh:
        cmp al, 1
        ja .out
        mov ah, al
        mov al, 01h
        call seq_read
        and al, ~20h
        test ah, ah
        jz .write
        or al, 20h
.write:
        mov ah, al
        mov al, 01h
        call seq_write
        call alt_supported
.out:
        ret

; --- AH=1Ah ---------------------------------------------------------------------

; The display combination codes 40:8A indexes: entry n is (n, none), so
; 40:8A = 08h is "VGA with colour display, no second display".
dcc_table:
        db 00h, 00h, 01h, 00h, 02h, 00h, 03h, 00h, 04h, 00h, 05h, 00h
        db 06h, 00h, 07h, 00h, 08h, 00h, 09h, 00h, 0Ah, 00h, 0Bh, 00h
        db 0Ch, 00h
DCC_COUNT equ ($ - dcc_table) / 2

; dcc_get: BX = the active (BL) and inactive (BH) display codes of 40:8A
; (FFh, 00h: unknown).
dcc_get:
        movzx bx, byte [BDA_VIDEO_DCC]
        cmp bx, DCC_COUNT
        jae .unknown
        shl bx, 1
        mov bx, [cs:dcc_table + bx]
        ret
.unknown:
        mov bx, 00FFh
        ret

; AH=1Ah: AL = 0: BL = active display, BH = inactive; AL = 1: record BL/BH
; (if the table has that pair).  AL = 1Ah when done.
int10_display_combination:
        cmp al, 1
        ja .out
        je .set
        call dcc_get
        mov [bp + F_BX], bx
        mov byte [bp + F_AL], 1Ah
.out:
        ret
.set:
        xor si, si
.find:
        cmp bx, [cs:dcc_table + si]
        je .found
        add si, 2
        cmp si, DCC_COUNT * 2
        jb .find
        ret
.found:
        shr si, 1
        mov ax, si
        mov [BDA_VIDEO_DCC], al
        mov byte [bp + F_AL], 1Ah
        ret
