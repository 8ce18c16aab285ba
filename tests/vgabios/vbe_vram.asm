; vbe_vram.asm - on a card with 4 MiB of video memory (the runner passes
; vgamem_mb=4): 4F00h reports 64 x 64 KiB, a mode that needs more (our
; 1280x1024x32, 148h: 5 MiB; 1920x1200x32, 154h) is listed but marked
; unsupported by 4F01h and refused by 4F02h, while 1024x768x32 (147h,
; 3 MiB) is supported and set.  Mode numbers are this BIOS's own.
; With VRAM_MB defined as 16 (vbe_vram_16m.asm: softpc's fixed card, or
; QEMU's vgamem_mb=16): 4F00h reports 256 x 64 KiB and both big modes are
; supported; 1920x1200x32 (9 MiB) is set.

%include "vgabios_test.inc"
%include "vbe_lib.inc"

%ifndef VRAM_MB
%define VRAM_MB 4
%endif

test_main:
        say 'vbe_vram: '
        push ds
        pop es
        mov dword [INFO_BUF], 'VBE2'
        mov di, INFO_BUF
        mov ax, 4F00h
        int 10h
        check_eq ax, 004Fh, '4F00h'
        check_eq word [INFO_BUF + 18], VRAM_MB * 16, 'total memory (64 KiB units)'

%if VRAM_MB >= 16
        mov cx, 148h
        call supported
        mov cx, 154h
        call supported
        mov bx, 4154h
        mov ax, 4F02h
        int 10h
        check_eq ax, 004Fh, '4F02h 154h'
        mov ax, 4F03h
        int 10h
        and bx, 3FFFh
        check_eq bx, 154h, '4F03h after 154h'
%else
        mov cx, 154h
        call unsupported
        mov cx, 148h
        call unsupported
%endif

        mov cx, 147h
        mov di, MODE_BUF
        mov ax, 4F01h
        int 10h
        check_eq ax, 004Fh, '4F01h 147h'
        check_eq word [MODE_BUF + 18], 1024, '147h width'
        check_eq byte [MODE_BUF + 25], 32, '147h bpp'
        mov al, [MODE_BUF]
        and al, 1
        check_eq al, 1, '147h supported'
        check_eq byte [MODE_BUF + 29], VRAM_MB * 1024 / 3072 - 1, '147h image pages beyond the first'
        mov bx, 4147h
        mov ax, 4F02h
        int 10h
        check_eq ax, 004Fh, '4F02h 147h'
        mov ax, 4F03h
        int 10h
        and bx, 3FFFh
        check_eq bx, 147h, '4F03h'
        pass

; supported: mode CX is described and marked supported.
supported:
        mov di, MODE_BUF
        mov ax, 4F01h
        int 10h
        check_eq ax, 004Fh, '4F01h of a big mode'
        mov al, [MODE_BUF]
        and al, 1
        check_eq al, 1, 'a big mode that fits marked supported'
        ret

; unsupported: mode CX is described but not supported, and 4F02h refuses it.
unsupported:
        mov di, MODE_BUF
        mov ax, 4F01h
        int 10h
        check_eq ax, 004Fh, '4F01h of a mode too big'
        mov al, [MODE_BUF]
        and al, 1
        check_eq al, 0, 'a mode too big marked supported'
        mov bx, cx
        or bx, 4000h
        mov ax, 4F02h
        int 10h
        cmp ax, 004Fh
        jne .refused
        fail '4F02h set a mode that does not fit'
.refused:
        ret

        test_end
