; modex.asm - unchained 256-colour picture test ("mode X", 320x240):
; mode 13h from INT 10h, then the program itself turns chain-4 off and
; reprograms the CRTC for 240 lines of 80 bytes (the register values
; Michael Abrash published for mode X: misc output E3h, CR06 0Dh, CR07
; 3Eh, CR09 41h, CR10 EAh, CR11 ACh, CR12 DFh, CR14 00h, CR15 E7h, CR16
; 06h, CR17 E3h; SR04 06h).  Pixel (x, y) is byte y * 80 + x / 4 of plane
; x & 3.  The picture (pattern.inc's, with a DAC colour cube) goes into
; the second page at 4B00h; the first page is filled with colour 0E3h and
; the start address (CR0C/CR0D) points at the second, so a card that
; ignores the start address shows the wrong page.
%include "vga_test.inc"

SCR_W      equ 320
SCR_H      equ 240
COLOR_MASK equ 255
PAGE1      equ SCR_W / 4 * SCR_H       ; 4B00h

test_main:
        say 'vga mode X test', 10
        mov ax, 0013h
        int 10h
        call set_dac_cube
        seq_write 04h, 06h              ; chain-4 off, odd/even off
        seq_write 00h, 01h              ; synchronous reset while the clock changes
        mov dx, 3C2h
        mov al, 0E3h
        out dx, al
        seq_write 00h, 03h
        mov al, 11h
        call crtc_read
        and al, 7Fh                     ; CR00-CR07 writable
        mov ah, al
        mov al, 11h
        mov dx, 3D4h
        out dx, ax
        crtc_write 06h, 0Dh
        crtc_write 07h, 3Eh
        crtc_write 09h, 41h
        crtc_write 10h, 0EAh
        crtc_write 11h, 0ACh
        crtc_write 12h, 0DFh
        crtc_write 14h, 00h
        crtc_write 15h, 0E7h
        crtc_write 16h, 06h
        crtc_write 17h, 0E3h
        crtc_write 0Ch, PAGE1 >> 8
        crtc_write 0Dh, PAGE1 & 0FFh

        mov ax, 0A000h
        mov es, ax
        seq_write 02h, 0Fh              ; page 0: all planes, colour E3h
        xor di, di
        mov cx, PAGE1
        mov al, 0E3h
        rep stosb

        mov bx, 0                       ; plane
.plane:
        mov cl, bl
        mov ah, 1
        shl ah, cl
        seq_write 02h, ah
        xor dx, dx
.row:
        mov di, dx
        imul di, di, SCR_W / 4
        add di, PAGE1
        mov cx, bx
.pixel:
        call pattern
        stosb
        add cx, 4
        cmp cx, SCR_W
        jb .pixel
        inc dx
        cmp dx, SCR_H
        jb .row
        inc bx
        cmp bx, 4
        jb .plane
        jmp test_done

%include "pattern.inc"
        vga_test_end
