; fontdump.asm - a boot floppy that writes the VGA BIOS's 8x16 font to the
; debug console, so tests/screen gets the fonts of the text console from
; the BIOS that draws them (a font file copied from somewhere else would
; only prove that two copies agree).
;
; The boot sector asks INT 10h AX=1130h BH=06h for the ROM 8x16 font
; (ES:BP, CX = bytes per character) and copies its 256 * 16 = 4096 bytes
; to port E9h after the marker "FONT8X16:", so the font is the last 4096
; bytes of the debug console file (the system BIOS writes there too).  It
; ends the run through the debug-exit port 501h: value 0 (softpc status 1)
; after a dump, value 1 (status 3) when the BIOS reports another height,
; in which case nothing is written.
;
; Not here: the 8x8 and 8x14 fonts (Linux's consoles use the 8x16 one).

        cpu 386
        bits 16
        org 7C00h

FONT_HEIGHT     equ 16
DEBUGCON_PORT   equ 0E9h
DEBUG_EXIT_PORT equ 501h

start:
        cli
        xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 7C00h
        sti
        cld
        mov ax, 1130h
        mov bh, 06h                     ; the ROM 8x16 font
        int 10h                         ; ES:BP = font, CX = bytes per char
        mov al, 1
        cmp cx, FONT_HEIGHT
        jne .exit
        mov si, marker
        mov cx, marker_len
        mov dx, DEBUGCON_PORT
        rep outsb                       ; DS = 0 still
        push es
        pop ds
        mov si, bp
        mov cx, 256 * FONT_HEIGHT
        mov dx, DEBUGCON_PORT
        rep outsb
        xor al, al
.exit:
        mov dx, DEBUG_EXIT_PORT
        out dx, al
        cli
.halt:
        hlt
        jmp .halt

marker:         db "FONT8X16:"
marker_len      equ $ - marker

        times 510 - ($ - $$) db 0
        dw 0AA55h
        times 1474560 - ($ - $$) db 0   ; a 1.44 MB floppy
