; modes.asm - the standard VGA modes: which modes exist (mode_table), the
; register values of each (param_table, in the 64-byte layout of the IBM
; video parameter table: columns, rows-1, character height, page size,
; sequencer 1-4, misc output, CRTC 0-18h, attribute 0-13h, graphics
; controller 0-8), set_mode and INT 10h AH=00h/0Fh.  Register values are
; the IBM VGA's documented ones (IBM VGA Technical Reference, "Video
; Modes"; FreeVGA's mode tables).
;
; Text modes 0-3 and 7 come in the scan-line variant 40:89 asks for (INT
; 10h AX=12xxh BL=30h): 400 lines, 8x16 font, 9-dot cells (the default);
; 350 lines, 8x14 font; 200 lines, 8x8 font double-scanned (mode 7 has no
; 200-line form and uses 350).  The table is in the IBM layout so the video
; save pointer table (40:A8) can point at it, but its entries are in this
; BIOS's own order (see P_*), not IBM's numbering by mode.  The 9-dot
; font fixups are not loaded (the fonts have none).
;
; set_mode, for init.asm and vbe.asm: AL = mode, bit 7 set = keep video
; memory; every register preserved; CF set (and nothing changed) when AL
; is not a standard VGA mode.  It turns DISPI off first (vbe_dispi_off),
; so VBE's 4F02h with a mode below 100h is just `mov al, mode / call
; set_mode`, and a VBE mode is left by any set_mode.

; mode_table entry
MI_MODE     equ 0       ; byte
MI_MODEL    equ 1       ; byte: MODEL_*
MI_SEG      equ 2       ; word: video memory segment
MI_PARAMS   equ 4       ; byte: param_table index (text: the 400-line one)
MI_DAC      equ 5       ; byte: DAC_* default palette
MI_PAGES    equ 6       ; byte: display pages
MI_CHARH    equ 7       ; byte: graphics character height (0: text)
MI_WIDTH    equ 8       ; word: pixels across (0: text)
MI_HEIGHT   equ 10      ; word: pixel rows (0: text)
MI_BPR      equ 12      ; word: bytes per pixel row (graphics)
MI_MODECTL  equ 14      ; byte: 40:65 (CGA mode control) value
MI_CGAPAL   equ 15      ; byte: 40:66 (CGA colour select) value
MI_COLOURS  equ 16      ; word: colours for AH=1Bh (0 = monochrome)
MI_SCANS    equ 18      ; byte: AH=1Bh scan-line code (graphics modes)
MI_SIZE     equ 20

MODEL_TEXT   equ 0
MODEL_CGA2   equ 1      ; 2 bits per pixel, even/odd lines in two banks
MODEL_CGA1   equ 2      ; 1 bit per pixel, the same banks
MODEL_PLANAR equ 3      ; 4 planes, 1 bit per pixel per plane
MODEL_LINEAR equ 4      ; chain-4, 1 byte per pixel

DAC_MONO    equ 0
DAC_CGA     equ 1
DAC_EGA     equ 2
DAC_256     equ 3

SCANS_200   equ 0
SCANS_350   equ 1
SCANS_400   equ 2
SCANS_480   equ 3

; param_table indices
P_T40       equ 0       ; +0 400 lines, +1 350, +2 200
P_T80       equ 3
P_MONO      equ 6       ; +0 400, +1 350
P_M4        equ 8
P_M6        equ 9
P_M0D       equ 10
P_M0E       equ 11
P_M0F       equ 12
P_M10       equ 13
P_M11       equ 14
P_M12       equ 15
P_M13       equ 16

; param_table entry (IBM video parameter table layout)
PT_COLS     equ 0
PT_ROWS     equ 1       ; rows - 1
PT_CHARH    equ 2
PT_PAGESIZE equ 3       ; word
PT_SEQ      equ 5       ; sequencer 1-4
PT_MISC     equ 9
PT_CRTC     equ 10      ; 25 registers
PT_ATTR     equ 35      ; 20 registers
PT_GC       equ 55      ; 9 registers
PT_SIZE     equ 64

%macro mode_entry 14
        db %1, %2
        dw %3
        db %4, %5, %6, %7
        dw %8, %9, %10
        db %11, %12
        dw %13
        db %14, 0
%endmacro

; mode model seg params dac pages charh width height bpr modectl cgapal
;   colours scans
mode_table:
        mode_entry 00h, MODEL_TEXT, 0B800h, P_T40, DAC_EGA, 8, 0, 0, 0, 0, 2Ch, 30h, 16, 0
        mode_entry 01h, MODEL_TEXT, 0B800h, P_T40, DAC_EGA, 8, 0, 0, 0, 0, 28h, 30h, 16, 0
        mode_entry 02h, MODEL_TEXT, 0B800h, P_T80, DAC_EGA, 8, 0, 0, 0, 0, 2Dh, 30h, 16, 0
        mode_entry 03h, MODEL_TEXT, 0B800h, P_T80, DAC_EGA, 8, 0, 0, 0, 0, 29h, 30h, 16, 0
        mode_entry 04h, MODEL_CGA2, 0B800h, P_M4, DAC_CGA, 1, 8, 320, 200, 80, 2Ah, 30h, 4, SCANS_200
        mode_entry 05h, MODEL_CGA2, 0B800h, P_M4, DAC_CGA, 1, 8, 320, 200, 80, 2Eh, 30h, 4, SCANS_200
        mode_entry 06h, MODEL_CGA1, 0B800h, P_M6, DAC_CGA, 1, 8, 640, 200, 80, 1Eh, 3Fh, 2, SCANS_200
        mode_entry 07h, MODEL_TEXT, 0B000h, P_MONO, DAC_MONO, 8, 0, 0, 0, 0, 29h, 30h, 0, 0
        mode_entry 0Dh, MODEL_PLANAR, 0A000h, P_M0D, DAC_CGA, 8, 8, 320, 200, 40, 29h, 30h, 16, SCANS_200
        mode_entry 0Eh, MODEL_PLANAR, 0A000h, P_M0E, DAC_CGA, 4, 8, 640, 200, 80, 29h, 30h, 16, SCANS_200
        mode_entry 0Fh, MODEL_PLANAR, 0A000h, P_M0F, DAC_MONO, 2, 14, 640, 350, 80, 29h, 30h, 0, SCANS_350
        mode_entry 10h, MODEL_PLANAR, 0A000h, P_M10, DAC_EGA, 2, 14, 640, 350, 80, 29h, 30h, 16, SCANS_350
        mode_entry 11h, MODEL_PLANAR, 0A000h, P_M11, DAC_EGA, 1, 16, 640, 480, 80, 29h, 30h, 2, SCANS_480
        mode_entry 12h, MODEL_PLANAR, 0A000h, P_M12, DAC_EGA, 1, 16, 640, 480, 80, 29h, 30h, 16, SCANS_480
        mode_entry 13h, MODEL_LINEAR, 0A000h, P_M13, DAC_256, 1, 8, 320, 200, 320, 29h, 30h, 256, SCANS_200
mode_table_end:

%if (mode_table_end - mode_table) % MI_SIZE != 0
%error "mode_table entries are not MI_SIZE bytes"
%endif

; --- register tables ------------------------------------------------------------
; cols, rows-1, char height, page size; SR1-SR4; misc; CRTC 0-18h;
; attribute 0-13h; GC 0-8.
%define ATTR_TEXT(mc, pan) 00h,01h,02h,03h,04h,05h,14h,07h,38h,39h,3Ah,3Bh,3Ch,3Dh,3Eh,3Fh,mc,00h,0Fh,pan
%define ATTR_EGA 00h,01h,02h,03h,04h,05h,14h,07h,38h,39h,3Ah,3Bh,3Ch,3Dh,3Eh,3Fh
%define ATTR_CGA16 00h,01h,02h,03h,04h,05h,06h,07h,10h,11h,12h,13h,14h,15h,16h,17h
%define GC_TEXT 00h,00h,00h,00h,00h,10h,0Eh,00h,0FFh
%define GC_MONO 00h,00h,00h,00h,00h,10h,0Ah,00h,0FFh
%define GC_PLANAR 00h,00h,00h,00h,00h,00h,05h,0Fh,0FFh
; vertical timing: 400 lines (VRS 9Ch, VRE 8Eh, VDE 8Fh, VBS 96h, VBE B9h)
; and 350 lines (83h 85h 5Dh 63h BAh), both 449 lines total
%define V400 9Ch,8Eh,8Fh
%define V350 83h,85h,5Dh
%define B400 96h,0B9h
%define B350 63h,0BAh

param_table:
; P_T40 + 0: 40x25, 400 lines, 9x16 cells
        db 40, 24, 16
        dw 0800h
        db 08h, 03h, 00h, 02h
        db 67h
        db 2Dh,27h,28h,90h,2Bh,0A0h,0BFh,1Fh,00h,4Fh,0Dh,0Eh,00h,00h,00h,00h
        db V400, 14h, 1Fh, B400, 0A3h, 0FFh
        db ATTR_TEXT(0Ch, 08h)
        db GC_TEXT
; P_T40 + 1: 350 lines, 9x14 cells
        db 40, 24, 14
        dw 0800h
        db 08h, 03h, 00h, 02h
        db 0A7h
        db 2Dh,27h,28h,90h,2Bh,0A0h,0BFh,1Fh,00h,4Dh,0Bh,0Ch,00h,00h,00h,00h
        db V350, 14h, 1Fh, B350, 0A3h, 0FFh
        db ATTR_TEXT(0Ch, 08h)
        db GC_TEXT
; P_T40 + 2: 200 lines, 8x8 cells double-scanned
        db 40, 24, 8
        dw 0800h
        db 09h, 03h, 00h, 02h
        db 63h
        db 2Dh,27h,28h,90h,2Bh,0A0h,0BFh,1Fh,00h,0C7h,06h,07h,00h,00h,00h,00h
        db V400, 14h, 1Fh, B400, 0A3h, 0FFh
        db ATTR_TEXT(08h, 00h)
        db GC_TEXT
; P_T80 + 0: 80x25, 400 lines
        db 80, 24, 16
        dw 1000h
        db 00h, 03h, 00h, 02h
        db 67h
        db 5Fh,4Fh,50h,82h,55h,81h,0BFh,1Fh,00h,4Fh,0Dh,0Eh,00h,00h,00h,00h
        db V400, 28h, 1Fh, B400, 0A3h, 0FFh
        db ATTR_TEXT(0Ch, 08h)
        db GC_TEXT
; P_T80 + 1: 350 lines
        db 80, 24, 14
        dw 1000h
        db 00h, 03h, 00h, 02h
        db 0A7h
        db 5Fh,4Fh,50h,82h,55h,81h,0BFh,1Fh,00h,4Dh,0Bh,0Ch,00h,00h,00h,00h
        db V350, 28h, 1Fh, B350, 0A3h, 0FFh
        db ATTR_TEXT(0Ch, 08h)
        db GC_TEXT
; P_T80 + 2: 200 lines
        db 80, 24, 8
        dw 1000h
        db 01h, 03h, 00h, 02h
        db 63h
        db 5Fh,4Fh,50h,82h,55h,81h,0BFh,1Fh,00h,0C7h,06h,07h,00h,00h,00h,00h
        db V400, 28h, 1Fh, B400, 0A3h, 0FFh
        db ATTR_TEXT(08h, 00h)
        db GC_TEXT
; P_MONO + 0: mode 7, 400 lines
        db 80, 24, 16
        dw 1000h
        db 00h, 03h, 00h, 02h
        db 66h
        db 5Fh,4Fh,50h,82h,55h,81h,0BFh,1Fh,00h,4Fh,0Dh,0Eh,00h,00h,00h,00h
        db V400, 28h, 0Fh, B400, 0A3h, 0FFh
        db 00h,08h,08h,08h,08h,08h,08h,08h,10h,18h,18h,18h,18h,18h,18h,18h
        db 0Eh, 00h, 0Fh, 08h
        db GC_MONO
; P_MONO + 1: mode 7, 350 lines
        db 80, 24, 14
        dw 1000h
        db 00h, 03h, 00h, 02h
        db 0A6h
        db 5Fh,4Fh,50h,82h,55h,81h,0BFh,1Fh,00h,4Dh,0Bh,0Ch,00h,00h,00h,00h
        db V350, 28h, 0Fh, B350, 0A3h, 0FFh
        db 00h,08h,08h,08h,08h,08h,08h,08h,10h,18h,18h,18h,18h,18h,18h,18h
        db 0Eh, 00h, 0Fh, 08h
        db GC_MONO
; P_M4: modes 4/5, 320x200x4
        db 40, 24, 8
        dw 4000h
        db 09h, 03h, 00h, 02h
        db 63h
        db 2Dh,27h,28h,90h,2Bh,80h,0BFh,1Fh,00h,0C1h,00h,00h,00h,00h,00h,00h
        db V400, 14h, 00h, B400, 0A2h, 0FFh
        db 00h,13h,15h,17h,02h,04h,06h,07h,10h,11h,12h,13h,14h,15h,16h,17h
        db 01h, 00h, 03h, 00h
        db 00h,00h,00h,00h,00h,30h,0Fh,00h,0FFh
; P_M6: 640x200x2
        db 80, 24, 8
        dw 4000h
        db 01h, 01h, 00h, 06h
        db 63h
        db 5Fh,4Fh,50h,82h,54h,80h,0BFh,1Fh,00h,0C1h,00h,00h,00h,00h,00h,00h
        db V400, 28h, 00h, B400, 0C2h, 0FFh
        db 00h,17h,17h,17h,17h,17h,17h,17h,17h,17h,17h,17h,17h,17h,17h,17h
        db 01h, 00h, 01h, 00h
        db 00h,00h,00h,00h,00h,00h,0Dh,00h,0FFh
; P_M0D: 320x200x16
        db 40, 24, 8
        dw 2000h
        db 09h, 0Fh, 00h, 06h
        db 63h
        db 2Dh,27h,28h,90h,2Bh,80h,0BFh,1Fh,00h,0C0h,00h,00h,00h,00h,00h,00h
        db V400, 14h, 00h, B400, 0E3h, 0FFh
        db ATTR_CGA16, 01h, 00h, 0Fh, 00h
        db GC_PLANAR
; P_M0E: 640x200x16
        db 80, 24, 8
        dw 4000h
        db 01h, 0Fh, 00h, 06h
        db 63h
        db 5Fh,4Fh,50h,82h,54h,80h,0BFh,1Fh,00h,0C0h,00h,00h,00h,00h,00h,00h
        db V400, 28h, 00h, B400, 0E3h, 0FFh
        db ATTR_CGA16, 01h, 00h, 0Fh, 00h
        db GC_PLANAR
; P_M0F: 640x350 monochrome graphics (planes 0 and 2)
        db 80, 24, 14
        dw 8000h
        db 01h, 0Fh, 00h, 06h
        db 0A2h
        db 5Fh,4Fh,50h,82h,54h,80h,0BFh,1Fh,00h,40h,00h,00h,00h,00h,00h,00h
        db V350, 28h, 0Fh, B350, 0E3h, 0FFh
        db 00h,08h,00h,00h,18h,18h,00h,00h,00h,08h,00h,00h,00h,18h,00h,00h
        db 0Bh, 00h, 05h, 00h
        db 00h,00h,00h,00h,00h,00h,05h,05h,0FFh
; P_M10: 640x350x16
        db 80, 24, 14
        dw 8000h
        db 01h, 0Fh, 00h, 06h
        db 0A3h
        db 5Fh,4Fh,50h,82h,54h,80h,0BFh,1Fh,00h,40h,00h,00h,00h,00h,00h,00h
        db V350, 28h, 0Fh, B350, 0E3h, 0FFh
        db ATTR_EGA, 01h, 00h, 0Fh, 00h
        db GC_PLANAR
; P_M11: 640x480x2
        db 80, 29, 16
        dw 0A000h
        db 01h, 0Fh, 00h, 06h
        db 0E3h
        db 5Fh,4Fh,50h,82h,54h,80h,0Bh,3Eh,00h,40h,00h,00h,00h,00h,00h,00h
        db 0EAh, 8Ch, 0DFh, 28h, 00h, 0E7h, 04h, 0E3h, 0FFh
        db 00h,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh,3Fh
        db 01h, 00h, 0Fh, 00h
        db 00h,00h,00h,00h,00h,00h,05h,01h,0FFh
; P_M12: 640x480x16
        db 80, 29, 16
        dw 0A000h
        db 01h, 0Fh, 00h, 06h
        db 0E3h
        db 5Fh,4Fh,50h,82h,54h,80h,0Bh,3Eh,00h,40h,00h,00h,00h,00h,00h,00h
        db 0EAh, 8Ch, 0DFh, 28h, 00h, 0E7h, 04h, 0E3h, 0FFh
        db ATTR_EGA, 01h, 00h, 0Fh, 00h
        db GC_PLANAR
; P_M13: 320x200x256
        db 40, 24, 8
        dw 0FA00h
        db 01h, 0Fh, 00h, 0Eh
        db 63h
        db 5Fh,4Fh,50h,82h,54h,80h,0BFh,1Fh,00h,41h,00h,00h,00h,00h,00h,00h
        db V400, 28h, 40h, B400, 0A3h, 0FFh
        db 00h,01h,02h,03h,04h,05h,06h,07h,08h,09h,0Ah,0Bh,0Ch,0Dh,0Eh,0Fh
        db 41h, 00h, 0Fh, 00h
        db 00h,00h,00h,00h,00h,40h,05h,0Fh,0FFh
param_table_end:

%if param_table_end - param_table != (P_M13 + 1) * PT_SIZE
%error "param_table entries are not 64 bytes each"
%endif

; The video save pointer table (40:A8; IBM PS/2 TR "Video Save Pointer
; Table"): the parameter table, no dynamic save area, no alphanumeric or
; graphics font override, no secondary table, two reserved pointers.
video_save_table:
        dw param_table, VGA_ROM_SEG
        dd 0, 0, 0, 0, 0, 0

; --- lookups ------------------------------------------------------------------

; mode_find: AL = mode -> CS:SI = its mode_table entry, CF set if none.
mode_find:
        mov si, mode_table
.next:
        cmp al, [cs:si + MI_MODE]
        je .found
        add si, MI_SIZE
        cmp si, mode_table_end
        jb .next
        stc
        ret
.found:
        clc
        ret

; mode_current: CS:SI = the entry of the mode in 40:49, CF set if that is
; not a standard mode (a VBE mode, or garbage).
mode_current:
        push ax
        mov al, [BDA_VIDEO_MODE]
        call mode_find
        pop ax
        ret

; mode_params: CS:SI mode entry -> CS:DI its param_table entry, choosing
; the text variant 40:89 asks for.
mode_params:
        push ax
        movzx ax, byte [cs:si + MI_PARAMS]
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .index
        test byte [BDA_VIDEO_VGAFLAGS], VGAFLAGS_400
        jnz .index                      ; 400 lines: +0
        inc ax                          ; 350 lines: +1
        test byte [BDA_VIDEO_VGAFLAGS], VGAFLAGS_200
        jz .index
        cmp byte [cs:si + MI_MODE], 7
        je .index                       ; mode 7 has no 200-line form
        inc ax                          ; 200 lines: +2
.index:
        shl ax, 6                       ; PT_SIZE
        add ax, param_table
        mov di, ax
        pop ax
        ret

; --- AH=00h / 0Fh ------------------------------------------------------------

int10_set_mode:
        call set_mode
        ret

; AH=0Fh: AL = mode (bit 7: memory kept by the last mode set), AH =
; columns, BH = active page.
int10_get_mode:
        mov al, [BDA_VIDEO_EGAMISC]
        and al, EGAMISC_NOCLEAR
        or al, [BDA_VIDEO_MODE]
        mov ah, [BDA_VIDEO_COLS]
        mov [bp + F_AX], ax
        mov al, [BDA_VIDEO_PAGE]
        mov [bp + F_BH], al
        ret

; --- set_mode -------------------------------------------------------------------

set_mode:
        push ds
        push es
        pushad
        push BDA_SEG
        pop ds
        mov bl, al                      ; keep bit 7
        and al, 7Fh
        call mode_find
        jc .out
        call vbe_dispi_off
        call mode_params                ; CS:DI
        call mode_load_registers
        test byte [BDA_VIDEO_VGAFLAGS], VGAFLAGS_NO_PALETTE
        jnz .palette_done
        mov al, [cs:si + MI_DAC]
        call dac_load_default
.palette_done:
        call mode_set_bda
        and byte [BDA_VIDEO_EGAMISC], ~EGAMISC_NOCLEAR
        test bl, 80h
        jz .clear
        or byte [BDA_VIDEO_EGAMISC], EGAMISC_NOCLEAR
        jmp .cleared
.clear:
        call mode_clear_memory
.cleared:
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .graphics
        call mode_load_text_font
        jmp .done
.graphics:
        call mode_set_graphics_font
.done:
        clc
.out:
        popad
        pop es
        pop ds
        ret

; mode_load_registers: program the card from the param entry at CS:DI
; (sequencer under synchronous reset, then CRTC, attribute, GC).
mode_load_registers:
        push ax
        push cx
        push dx
        push di
        ; the CRTC moves with misc bit 0 (3B4h mono / 3D4h colour)
        mov ax, VGA_CRTC_INDEX
        test byte [cs:di + PT_MISC], 01h
        jnz .crtc_port
        mov ax, VGA_CRTC_INDEX_MONO
.crtc_port:
        mov [BDA_CRTC_PORT], ax

        push bx
        mov ax, 0100h                   ; SR0 = 01h: synchronous reset
        call seq_write
        xor bx, bx
.seq:
        lea ax, [bx + 1]
        mov ah, [cs:di + bx + PT_SEQ]
        call seq_write
        inc bx
        cmp bx, 4
        jb .seq
        mov al, [cs:di + PT_MISC]
        mov dx, VGA_MISC_WRITE
        out dx, al
        mov ax, 0300h                   ; SR0 = 03h: run
        call seq_write

        mov ax, 0011h                   ; CRTC 11h bit 7 off: 0-7 writable
        call crtc_write
        xor bx, bx
.crtc:
        mov al, bl
        mov ah, [cs:di + bx + PT_CRTC]
        call crtc_write
        inc bx
        cmp bx, 25
        jb .crtc

        xor bx, bx
.attr:
        mov al, bl
        mov ah, [cs:di + bx + PT_ATTR]
        call attr_write
        inc bx
        cmp bx, 20
        jb .attr
        mov ax, 0014h                   ; colour select 0
        call attr_write
        call attr_video_on

        xor bx, bx
.gc:
        mov al, bl
        mov ah, [cs:di + bx + PT_GC]
        call gc_write
        inc bx
        cmp bx, 9
        jb .gc
        pop bx
        pop di
        pop dx
        pop cx
        pop ax
        ret

; mode_set_bda: the BDA video fields for mode entry CS:SI, params CS:DI.
mode_set_bda:
        push ax
        push cx
        push di
        push es
        mov al, [cs:si + MI_MODE]
        mov [BDA_VIDEO_MODE], al
        movzx ax, byte [cs:di + PT_COLS]
        mov [BDA_VIDEO_COLS], ax
        mov ax, [cs:di + PT_PAGESIZE]
        mov [BDA_VIDEO_PAGESIZE], ax
        mov al, [cs:di + PT_ROWS]
        mov [BDA_VIDEO_ROWS], al
        movzx ax, byte [cs:di + PT_CHARH]
        mov [BDA_VIDEO_CHARH], ax
        mov al, [cs:si + MI_MODECTL]
        mov [BDA_VIDEO_MODESEL], al
        mov al, [cs:si + MI_CGAPAL]
        mov [BDA_VIDEO_PALETTE], al
        xor ax, ax
        mov [BDA_VIDEO_PAGESTART], ax
        mov [BDA_VIDEO_PAGE], al
        push ds
        pop es
        mov di, BDA_CURSOR_POS
        mov cx, 8
        rep stosw
        ; 40:60 holds the shape in CGA terms (AH=01h's input); the CRTC has
        ; the table's real one
        mov word [BDA_CURSOR_SHAPE], 0607h
        mov ax, [BDA_EQUIPMENT]
        and ax, ~EQUIP_VIDEO_MASK
        or ax, EQUIP_VIDEO_80COL
        cmp word [BDA_CRTC_PORT], VGA_CRTC_INDEX_MONO
        jne .equipment
        or ax, EQUIP_VIDEO_MASK         ; 11b: monochrome 80x25
        mov word [BDA_CURSOR_SHAPE], 0B0Ch
.equipment:
        mov [BDA_EQUIPMENT], ax
        ; a save pointer nobody set yet points at our table
        cmp dword [BDA_VIDEO_SAVEPTR], 0
        jne .done
        mov word [BDA_VIDEO_SAVEPTR], video_save_table
        mov word [BDA_VIDEO_SAVEPTR + 2], cs
.done:
        pop es
        pop di
        pop cx
        pop ax
        ret

; mode_clear_memory: blank the mode's video memory (text: spaces on
; attribute 07h; graphics: zero), all of it the mode can show.
mode_clear_memory:
        push ax
        push cx
        push di
        push es
        mov es, [cs:si + MI_SEG]
        xor di, di
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .graphics
        mov ax, 0720h
        mov cx, 4000h                   ; 32 KiB: 8 pages of 80x25
        rep stosw
        jmp .done
.graphics:
        xor ax, ax
        mov cx, 4000h                   ; B800: 32 KiB
        cmp word [cs:si + MI_SEG], 0A000h
        jne .fill
        mov cx, 8000h                   ; A000: 64 KiB (all planes: SR2 = 0Fh)
.fill:
        rep stosw
.done:
        pop es
        pop di
        pop cx
        pop ax
        ret

; mode_load_text_font: the ROM font of the character height into block 0.
mode_load_text_font:
        push ax
        push bx
        push cx
        push dx
        push si
        push fs
        mov bh, [BDA_VIDEO_CHARH]
        call font_rom_by_height         ; BH -> CS:SI
        push cs
        pop fs
        mov cx, 256
        xor dx, dx
        xor bl, bl
        call font_upload
        pop fs
        pop si
        pop dx
        pop cx
        pop bx
        pop ax
        ret

; mode_set_graphics_font: INT 43h -> the ROM font of the mode's height.
mode_set_graphics_font:
        push bx
        push si
        push es
        mov bh, [cs:si + MI_CHARH]
        call font_rom_by_height
        push 0
        pop es
        mov [es:VEC_INT43], si
        mov [es:VEC_INT43 + 2], cs
        pop es
        pop si
        pop bx
        ret
