; cga.asm - CGA-compatible graphics picture test: mode 4 (320x200, 4
; colours, 2 bits per pixel) or mode 6 (640x200, 2 colours), set with
; INT 10h and drawn through B8000h with the CGA's interleave (even scan
; lines at B800:0000, odd ones at B800:2000, 80 bytes per line, leftmost
; pixel in the high bits).  The picture is pattern.inc's; the palette is
; the mode's default (mode 4: black, cyan, magenta, white).
; Built per mode: -DCGA_MODE=4 or 6.
%ifndef CGA_MODE
%define CGA_MODE 4
%endif
%include "vga_test.inc"

%if CGA_MODE = 4
SCR_W      equ 320
COLOR_MASK equ 3
BITS_PER_PIXEL equ 2
%elif CGA_MODE = 6
SCR_W      equ 640
COLOR_MASK equ 1
BITS_PER_PIXEL equ 1
%else
%error "CGA_MODE must be 4 or 6"
%endif
SCR_H      equ 200

test_main:
        say 'vga CGA graphics test: mode ', %str(CGA_MODE), 10
        mov ax, CGA_MODE
        int 10h
        mov ax, 0B800h
        mov es, ax
        xor dx, dx                      ; y
.row:
        mov di, dx
        shr di, 1
        imul di, di, 80
        test dl, 1
        jz .even
        add di, 2000h
.even:
        xor cx, cx                      ; x
.byte:
        xor bl, bl
.pixel:
        call pattern
        shl bl, BITS_PER_PIXEL
        or bl, al
        inc cx
        test cx, (8 / BITS_PER_PIXEL) - 1
        jnz .pixel
        mov [es:di], bl
        inc di
        cmp cx, SCR_W
        jb .byte
        inc dx
        cmp dx, SCR_H
        jb .row
        jmp test_done

%include "pattern.inc"
        vga_test_end
