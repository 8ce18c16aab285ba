; bios.asm - softpc's PC BIOS, the top file.  `nasm -f bin -o bios.bin
; bios/bios.asm` (run from the repository root, or with -I bios/) makes the
; 128 KiB image that the board maps at E0000-FFFFF and at FFFE0000.
;
; Image layout:
;   offset 00000-0FFFF  segment E000 (section .e000): room for big tables;
;                       nothing lives there yet, it is zero-filled
;   offset 10000-1FFFF  segment F000 (section .f000): all code and the
;                       fixed entry points of the IBM PC/AT BIOS listing
;
; The fixed offsets kept (the "at" table at the end) are the ones software
; is known to rely on: the reset vector FFF0, the POST entry E05B that warm
; boots jump to, the INT 15h C0h configuration table at E6F5, the dummy
; IRET at FF53, the release date string at FFF5 and the model byte FFFE
; (FCh = AT).  The other historical entry points (INT 13h at EC59, INT 10h
; at F065, ...) are short jumps to the real handlers, for programs that
; call them directly.  Nothing else (fonts at FA6E, video parameter table at
; F0A4, baud table at E729) is provided.
;
; The image is reproducible: no build date, no host paths.

        cpu 686
        bits 16

%include "layout.inc"

; The fixed-offset helper: pad the F000 section up to offset %1.  nasm
; stops with "TIMES value is negative" when code has grown past it.
%macro fixed_at 1
        times (%1) - ($ - $$) db 0
%endmacro

        section .e000 start=0 vstart=0
e000_start:

        section .f000 start=10000h vstart=0
f000_start:

%include "util.asm"
%include "post.asm"
%include "post_hw.asm"
%include "ivt.asm"
%include "apic_mp.asm"
%include "timer.asm"
%include "int10.asm"
%include "int15.asm"
%include "keyboard.asm"
%include "int16.asm"
%include "boot.asm"
%include "int1a.asm"
%include "misc_int.asm"

; bios-disk's files
%include "int13.asm"
%include "disk_ata.asm"
%include "disk_floppy.asm"
%include "pci.asm"
%include "shadow.asm"
%include "acpi.asm"

        section .f000

; --- the fixed entry points ---------------------------------------------
        fixed_at 0E05Bh
post_entry:
        jmp post_start

        fixed_at 0E2C3h
        jmp int02_nmi

        fixed_at 0E6F2h
        jmp int19_entry

        fixed_at 0E6F5h
config_table:                           ; INT 15h AH=C0h
        dw 8                            ; bytes that follow
        db 0FCh                         ; model: AT
        db 01h                          ; submodel
        db 00h                          ; BIOS revision
        db 74h                          ; 2nd PIC, RTC, INT 15h 4Fh called, EBDA
        db 40h                          ; INT 16h AH=09h supported
        db 0, 0, 0

        fixed_at 0E739h
        jmp int14_entry

        fixed_at 0E82Eh
        jmp int16_entry

        fixed_at 0E987h
        jmp irq1_entry

        fixed_at 0EC59h
        jmp int13_entry

        fixed_at 0EF57h
        jmp irq6_entry

        fixed_at 0EFD2h
        jmp int17_entry

        fixed_at 0F065h
        jmp int10_entry

        fixed_at 0F841h
        jmp int12_entry

        fixed_at 0F84Dh
        jmp int11_entry

        fixed_at 0F859h
        jmp int15_entry

        fixed_at 0FE6Eh
        jmp int1a_entry

        fixed_at 0FEA5h
        jmp irq0_entry

        fixed_at 0FF53h
dummy_iret:
        iret

        fixed_at 0FF54h
        jmp int05_print_screen

        fixed_at 0FFF0h
reset_vector:
        jmp BIOS_SEG:post_entry         ; far: CS base is FFFF0000 at reset

        fixed_at 0FFF5h
        db '11/21/26'                   ; release date, fixed (not the build date)

        fixed_at 0FFFEh
        db 0FCh                         ; model byte: AT
        db 0
