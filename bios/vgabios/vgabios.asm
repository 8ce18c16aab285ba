; vgabios.asm - softpc's VGA BIOS: a PCI option ROM for the QEMU "std" VGA
; card (PCI 1234:1111, IBM VGA registers plus Bochs VBE DISPI ports),
; assembled into roms/vgabios.bin.  This file is the frame: the option ROM
; header (PCI Firmware Specification 3.0, 5.1 "PCI Expansion ROM Header"),
; the PCI data structure ("PCIR", 5.1.2), the include of every other part,
; and the padding to whole 512-byte blocks.  The checksum byte (last byte
; of the image, making all bytes sum to 0 mod 256) is filled in after nasm
; by fix-checksum.sh: nasm cannot sum the bytes it has emitted.
;
; What is where: README.md in this directory.

        cpu 686
        bits 16
        org 0

%include "layout.inc"

rom_start:
        db 55h, 0AAh                    ; option ROM signature
        db (rom_end - rom_start) / 512  ; size in 512-byte blocks
        jmp vga_init                    ; entry at offset 3, far-called at POST
        times 18h - ($ - rom_start) db 0
        dw pci_data                     ; 18h: pointer to the PCI data structure
        dw 0                            ; 1Ah: (PnP header pointer: none)

pci_data:
        db 'PCIR'
        dw VGA_PCI_VENDOR
        dw VGA_PCI_DEVICE
        dw 0                            ; vital product data: none
        dw 18h                          ; length of this structure
        db 0                            ; structure revision
        db 00h, 00h, 03h                ; class code: VGA-compatible display
        dw (rom_end - rom_start) / 512  ; image length in 512-byte blocks
        dw 1                            ; revision of the code
        db 0                            ; code type: x86 PC-AT compatible
        db 80h                          ; last image
        dw 0                            ; reserved

vga_bios_name:
        db 'softpc VGA BIOS', 0

%include "init.asm"
%include "int10.asm"
%include "modes.asm"
%include "text.asm"
%include "pixels.asm"
%include "palette.asm"
%include "font.asm"
%include "state.asm"
%include "misc.asm"
%include "vbe.asm"
%include "vbe_control.asm"
%include "vbe_pmi.asm"
%include "vbe_modes.asm"

%include "fonts/font8x8.inc"
%include "fonts/font8x14.inc"
%include "fonts/font8x16.inc"

        ; pad to whole 512-byte blocks, keeping one byte for the checksum
        times (($ - rom_start + 1 + 511) & ~511) - ($ - rom_start) - 1 db 0
rom_checksum:
        db 0                            ; fix-checksum.sh writes it
rom_end:

%if rom_end - rom_start > VGA_ROM_MAX_SIZE
%error "the VGA BIOS no longer fits the card's 64 KiB ROM BAR"
%endif
