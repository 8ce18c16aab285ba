; vbe_smoke.asm - the VGA BIOS is there at all: the system BIOS ran our
; option ROM (55AAh at C000:0000, INT 10h pointing into segment C000h),
; it left mode 3 in the BDA and colour 80x25 in the equipment word, and
; INT 10h AH=4Fh answers (AL=4Fh) instead of falling through.
; softpc's BIOS run headless puts its copy-to-COM1 hook in front of the
; ROM (INT 10h in F000h, the ROM's vector in EBDA offset 1Ch, docs/bios.md
; POST step 12h): then that saved vector must point into C000h.

%include "vgabios_test.inc"

test_main:
        say 'vbe_smoke: '
        push ds
        mov ax, 0C000h
        mov ds, ax
        mov ax, [0]
        pop ds
        check_eq ax, 0AA55h, 'ROM signature at C000:0'
        mov ax, [10h * 4 + 2]
        cmp ax, 0F000h
        jne .direct
        push ds
        mov ax, [40Eh]                  ; the EBDA segment
        mov ds, ax
        mov ax, [1Ch + 2]               ; EBDA_VIDEO_CHAIN's segment
        pop ds
.direct:
        check_eq ax, 0C000h, 'INT 10h segment (or the one behind the COM1 hook)'
        mov al, [449h]
        check_eq al, 03h, 'BDA mode (40:49)'
        mov ax, [410h]
        and ax, 30h
        check_eq ax, 20h, 'equipment video bits'
        mov ax, 4F03h
        int 10h
        check_eq al, 4Fh, '4F03h AL'
        pass

        test_end
