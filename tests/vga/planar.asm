; planar.asm - 16-colour planar picture test, modes 0Dh (320x200), 0Eh
; (640x200), 10h (640x350) and 12h (640x480), set with INT 10h.  The
; default palette of the mode is kept.  Drawn with each of the graphics
; controller's write paths (IBM VGA Technical Reference, "Graphics
; Controller Registers"):
;   1. the whole screen, pattern.inc's picture: 8 pixels at a time, one
;      byte per plane through the map mask (SR02), write mode 0;
;   2. 16 boxes, one per colour, not byte aligned: write mode 2 with the
;      bit mask (GR08) choosing the pixel, the other pixels of the byte
;      kept from the latches;
;   3. a block XORed with colour 0Fh: write mode 0, set/reset (GR00/GR01)
;      on all planes, function select XOR (GR03 = 18h);
;   4. stripes of colour 0Eh over the picture: write mode 3 (set/reset
;      colour ANDed with the rotated CPU byte: 0AAh rotated right once);
;   5. a copy of block 3 elsewhere: write mode 1 (latches to memory);
;   6. where a band's pixels have colour 7, white (read mode 1 colour
;      compare, GR02/GR07, the result used as the bit mask of a
;      set/reset write).
; Built per mode: -DPLANAR_MODE=0Dh, 0Eh, 10h or 12h.
%ifndef PLANAR_MODE
%define PLANAR_MODE 12h
%endif
%include "vga_test.inc"

%if PLANAR_MODE = 0Dh
SCR_W equ 320
SCR_H equ 200
%elif PLANAR_MODE = 0Eh
SCR_W equ 640
SCR_H equ 200
%elif PLANAR_MODE = 10h
SCR_W equ 640
SCR_H equ 350
%elif PLANAR_MODE = 12h
SCR_W equ 640
SCR_H equ 480
%else
%error "PLANAR_MODE must be 0Dh, 0Eh, 10h or 12h"
%endif
COLOR_MASK equ 15
LINE_BYTES equ SCR_W / 8

; Blocks, in bytes (x) and lines (y).
XOR_X0   equ LINE_BYTES / 8
XOR_X1   equ LINE_BYTES * 3 / 8
XOR_Y0   equ SCR_H / 8
XOR_Y1   equ SCR_H * 3 / 8
WM3_X0   equ LINE_BYTES * 5 / 8
WM3_X1   equ LINE_BYTES * 7 / 8
COPY_Y0  equ SCR_H * 5 / 8
CMP_Y0   equ SCR_H * 6 / 8
CMP_Y1   equ SCR_H * 7 / 8
BOX_Y0   equ SCR_H / 2
BOX_Y1   equ SCR_H / 2 + SCR_H / 10

test_main:
        say 'vga planar test: mode ', %str(PLANAR_MODE), 10
        mov ax, PLANAR_MODE
        int 10h
        mov ax, 0A000h
        mov es, ax
        gc_write 00h, 00h
        gc_write 01h, 00h               ; no set/reset
        gc_write 03h, 00h               ; no rotate, function "replace"
        gc_write 05h, 00h               ; read mode 0, write mode 0
        gc_write 08h, 0FFh

        ; 1. the picture, a byte per plane
        xor dx, dx
.row:
        mov di, dx
        imul di, di, LINE_BYTES
        xor cx, cx
        xor si, si                      ; not shifted
.byte:
        call planar_byte
        inc di
        cmp cx, SCR_W
        jb .byte
        inc dx
        cmp dx, SCR_H
        jb .row
        seq_write 02h, 0Fh

        ; 2. write mode 2 boxes, colour i from x = i * SCR_W / 16 + 3 to
        ; (i + 1) * SCR_W / 16 - 3
        gc_write 05h, 02h
        xor si, si                      ; colour
.box:
        mov ax, si
        imul ax, ax, SCR_W / 16
        add ax, 3
        mov [box_x0], ax
        add ax, SCR_W / 16 - 6
        mov [box_x1], ax
        mov dx, BOX_Y0
.box_row:
        mov cx, [box_x0]
.box_pixel:
        mov bx, cx
        and cl, 7
        mov ah, 80h
        shr ah, cl
        mov cx, bx
        gc_write 08h, ah
        mov di, dx
        imul di, di, LINE_BYTES
        shr bx, 3
        add di, bx
        mov al, [es:di]                 ; load the latches
        mov ax, si
        mov [es:di], al
        inc cx
        cmp cx, [box_x1]
        jb .box_pixel
        inc dx
        cmp dx, BOX_Y1
        jb .box_row
        inc si
        cmp si, 16
        jb .box
        gc_write 08h, 0FFh
        gc_write 05h, 00h

        ; 3. XOR with colour 0Fh through set/reset
        gc_write 00h, 0Fh
        gc_write 01h, 0Fh
        gc_write 03h, 18h
        mov dx, XOR_Y0
.xor_row:
        mov di, dx
        imul di, di, LINE_BYTES
        add di, XOR_X0
        mov cx, XOR_X1 - XOR_X0
.xor_byte:
        mov al, [es:di]
        stosb
        loop .xor_byte
        inc dx
        cmp dx, XOR_Y1
        jb .xor_row
        gc_write 01h, 00h
        gc_write 03h, 00h

        ; 4. write mode 3 stripes: set/reset colour 0Eh, CPU byte 0AAh
        ; rotated right once (GR03 bits 2-0)
        gc_write 00h, 0Eh
        gc_write 03h, 01h
        gc_write 05h, 03h
        mov dx, XOR_Y0
.wm3_row:
        mov di, dx
        imul di, di, LINE_BYTES
        add di, WM3_X0
        mov cx, WM3_X1 - WM3_X0
.wm3_byte:
        mov al, [es:di]
        mov al, 0AAh
        stosb
        loop .wm3_byte
        inc dx
        cmp dx, XOR_Y1
        jb .wm3_row
        gc_write 03h, 00h

        ; 5. write mode 1: copy the XORed block's top half below itself
        gc_write 05h, 01h
        xor dx, dx
.copy_row:
        mov si, dx
        add si, XOR_Y0
        imul si, si, LINE_BYTES
        add si, XOR_X0
        mov di, dx
        add di, COPY_Y0
        imul di, di, LINE_BYTES
        add di, XOR_X0
        mov cx, XOR_X1 - XOR_X0
.copy_byte:
        mov al, [es:si]
        inc si
        stosb
        loop .copy_byte
        inc dx
        cmp dx, (XOR_Y1 - XOR_Y0) / 2
        jb .copy_row

        ; 6. read mode 1: white where the band's pixels are colour 5
        gc_write 02h, 07h               ; colour compare: light grey
        gc_write 07h, 0Fh               ; all planes compared
        gc_write 00h, 0Fh
        gc_write 01h, 0Fh
        mov dx, CMP_Y0
.cmp_row:
        mov di, dx
        imul di, di, LINE_BYTES
        add di, WM3_X0
        mov cx, WM3_X1 - WM3_X0
.cmp_byte:
        gc_write 05h, 08h               ; read mode 1, write mode 0
        mov al, [es:di]                 ; bits set where colour == 7
        mov ah, al
        gc_write 08h, ah
        mov al, [es:di]                 ; latches = the byte as it is
        stosb                           ; set/reset colour where masked
        loop .cmp_byte
        inc dx
        cmp dx, CMP_Y1
        jb .cmp_row
        gc_write 08h, 0FFh
        gc_write 01h, 00h
        gc_write 05h, 00h
        jmp test_done

box_x0: dw 0
box_x1: dw 0

%include "pattern.inc"
%include "planar_byte.inc"
        vga_test_end
