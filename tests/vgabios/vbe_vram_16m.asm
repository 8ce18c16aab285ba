; vbe_vram_16m.asm - vbe_vram.asm on a card with 16 MiB of video memory:
; softpc's std VGA (fixed at 16 MiB) or QEMU's with vgamem_mb=16.

%define VRAM_MB 16
%include "vbe_vram.asm"
