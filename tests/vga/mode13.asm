; mode13.asm - mode 13h picture test (320x200, 256 colours, chain-4): sets
; the mode with INT 10h, loads its own DAC palette (a 3-3-2 colour cube,
; so the BIOS's default palette does not matter) and draws pattern.inc's
; picture through the A0000h window, byte per pixel.
%include "vga_test.inc"

SCR_W      equ 320
SCR_H      equ 200
COLOR_MASK equ 255

test_main:
        say 'vga mode 13h test', 10
        mov ax, 0013h
        int 10h
        call set_dac_cube
        mov ax, 0A000h
        mov es, ax
        xor di, di
        xor dx, dx
.row:
        xor cx, cx
.pixel:
        call pattern
        stosb
        inc cx
        cmp cx, SCR_W
        jb .pixel
        inc dx
        cmp dx, SCR_H
        jb .row
        jmp test_done

%include "pattern.inc"
        vga_test_end
