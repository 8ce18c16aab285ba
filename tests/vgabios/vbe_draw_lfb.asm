; vbe_draw_lfb.asm - a 640x480x32 mode set through 4F02h with the linear
; framebuffer bit, rectangles drawn into the LFB at PhysBasePtr (from
; 4F01h) from "unreal" mode, the display start moved down 10 lines with
; 4F07h; the runner compares a screendump with the PIXEL lines: the
; rectangles' colours where they should be after the 10-line shift.

%include "vgabios_test.inc"
%include "vbe_lib.inc"

WIDTH   equ 640
PITCH   equ WIDTH * 4

; rect x, y, w, h, colour
%macro rect 5
        mov dword [rx], %1
        mov dword [ry], %2
        mov dword [rw], %3
        mov dword [rh], %4
        mov dword [rc], %5
        call fill_rect
%endmacro

test_main:
        say 'vbe_draw_lfb: '
        mov cx, 640
        mov dx, 480
        mov bl, 32
        call vbe_find_mode
        jnc .found
        fail 'no 640x480x32 mode'
.found:
        mov eax, [MODE_BUF + 40]
        mov [lfb], eax
        or cx, 4000h
        mov bx, cx
        mov ax, 4F02h
        int 10h
        check_eq ax, 004Fh, '4F02h 640x480x32 linear'
        call enter_unreal

        ; background dark grey, then three rectangles and a white line
        rect 0, 0, 640, 480, 202020h
        rect 0, 0, 100, 100, 0FF0000h
        rect 100, 0, 100, 100, 00FF00h
        rect 200, 0, 100, 100, 0000FFh
        rect 320, 200, 200, 50, 123456h
        rect 0, 400, 640, 1, 0FFFFFFh

        mov bx, 0000h                   ; display from line 10
        xor cx, cx
        mov dx, 10
        mov ax, 4F07h
        int 10h
        check_eq ax, 004Fh, '4F07h'

        ; screen line y shows memory line y + 10
        pixel_expect 5, 0, 0FF0000h
        pixel_expect 99, 89, 0FF0000h
        pixel_expect 99, 90, 202020h
        pixel_expect 150, 50, 00FF00h
        pixel_expect 299, 0, 0000FFh
        pixel_expect 300, 0, 202020h
        pixel_expect 320, 190, 123456h
        pixel_expect 519, 239, 123456h
        pixel_expect 520, 239, 202020h
        pixel_expect 319, 200, 202020h
        pixel_expect 639, 390, 0FFFFFFh
        pixel_expect 0, 391, 202020h
        pixel_expect 639, 469, 202020h
        screendump_stop

; fill_rect: [rx],[ry],[rw],[rh] pixels of colour [rc] in the LFB.
fill_rect:
        pushad
        mov eax, [ry]
        imul eax, PITCH
        mov edi, [rx]
        shl edi, 2
        add edi, eax
        add edi, [lfb]
        mov edx, [rh]
        mov eax, [rc]
.row:
        mov ecx, [rw]
        mov esi, edi
.pixel:
        mov [fs:esi], eax
        add esi, 4
        dec ecx
        jnz .pixel
        add edi, PITCH
        dec edx
        jnz .row
        popad
        ret

lfb:    dd 0
rx:     dd 0
ry:     dd 0
rw:     dd 0
rh:     dd 0
rc:     dd 0

        test_end
