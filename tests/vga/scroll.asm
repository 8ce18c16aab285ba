; scroll.asm - split screen and smooth scrolling in a planar mode (12h,
; 640x480x16).  The program makes the virtual screen 800 pixels wide
; (CR13 = 50: 100 bytes per line), draws pattern.inc's picture for an
; 800x600 screen, then shows it from line 200, byte 3, panned by a further
; 5 pixels (start address CR0C/CR0D = 20003, AR13 = 5), with a split at
; scan line 300: from line 300 on the display restarts at address 0 (line
; compare 299 in CR18, CR07 bit 4, CR09 bit 6; IBM VGA Technical
; Reference, CRTC "Line Compare Register") and is not panned (AR10 bit 5,
; pixel panning mode).  The two parts show different lines (200-499 and
; 0-179).
;
; The oracle, QEMU 7.2, ignores AR13 in graphics modes, so its picture is
; made from a second build, -DORACLE: panning 0, and the lines the panned
; part shows drawn 5 pixels further left (line y >= 200 holds the picture's
; pixels x + 5).  Panning by p pixels shows pixel start * 8 + x + p at
; screen x (IBM VGA Technical Reference, attribute controller "Horizontal
; PEL Panning Register"), so both builds must look the same on a correct
; card: the softpc test runs the panned build against the oracle build's
; picture.
%ifdef ORACLE
PAN   equ 0
SHIFT equ 5
%else
PAN   equ 5
SHIFT equ 0
%endif
%include "vga_test.inc"

SCR_W      equ 800
SCR_H      equ 600
COLOR_MASK equ 15
LINE_BYTES equ SCR_W / 8
TOP_LINE   equ 200
START      equ TOP_LINE * LINE_BYTES + 3
SPLIT_LINE equ 299

test_main:
        say 'vga split screen and panning test, panning ', %str(PAN), 10
        mov ax, 0012h
        int 10h
        mov ax, 0A000h
        mov es, ax
        gc_write 01h, 00h
        gc_write 03h, 00h
        gc_write 05h, 00h
        gc_write 08h, 0FFh
        crtc_write 13h, LINE_BYTES / 2

        xor dx, dx
.row:
        mov di, dx
        imul di, di, LINE_BYTES
        xor cx, cx
        xor si, si                      ; how far the row is drawn shifted
        cmp dx, TOP_LINE
        jb .byte
        mov si, SHIFT
.byte:
        call planar_byte
        inc di
        cmp cx, SCR_W
        jb .byte
        inc dx
        cmp dx, SCR_H
        jb .row
        seq_write 02h, 0Fh

        crtc_write 0Ch, START >> 8
        crtc_write 0Dh, START & 0FFh
        mov al, 11h
        call crtc_read
        and al, 7Fh
        mov ah, al
        mov al, 11h
        mov dx, 3D4h
        out dx, ax
        crtc_write 18h, SPLIT_LINE & 0FFh
        mov al, 07h
        call crtc_read
        and al, ~10h
        or al, ((SPLIT_LINE >> 8) & 1) << 4
        mov ah, al
        mov al, 07h
        out dx, ax
        mov al, 09h
        call crtc_read
        and al, ~40h
        or al, ((SPLIT_LINE >> 9) & 1) << 6
        mov ah, al
        mov al, 09h
        out dx, ax
        attr_write 13h, PAN
        mov al, 10h
        call attr_read
        or al, 20h                      ; the split part is not panned
        mov ah, al
        mov dx, 3C0h
        mov al, 10h | 20h
        out dx, al
        mov al, ah
        out dx, al
        jmp test_done

%include "pattern.inc"
%include "planar_byte.inc"
        vga_test_end
