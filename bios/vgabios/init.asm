; init.asm - vga_init, the option ROM entry the system BIOS far-calls at
; POST (PCI Firmware Specification 3.0, 5.2.1: ROM already copied to
; C0000h, still writable, any stack of the caller's).  It takes INT 10h,
; points INT 1Fh and INT 43h at the 8x8 font, records a colour VGA in the
; BDA (equipment bits 5-4 = 10b, the EGA/VGA bytes 40:87-40:8A as an IBM
; VGA leaves them: 256 KiB, switches 9 = colour 80x25, VGA active with
; 400-line text, display switching on, DCC index 8 = VGA colour), then
; sets mode 3 through set_mode.  It prints nothing (SeaBIOS and our BIOS
; print their own banners) and does not write to the ROM image (so its
; checksum stays valid).  The video save pointer table (40:A8) is set by
; set_mode's side if it provides one, not here.

vga_init:
        pushad
        push ds
        push es
        cld
        xor ax, ax
        mov ds, ax
        cli
        mov word [VEC_INT10], int10_handler
        mov [VEC_INT10 + 2], cs
        mov word [VEC_INT1F], font8x8 + 128 * 8
        mov [VEC_INT1F + 2], cs
        mov word [VEC_INT43], font8x8
        mov [VEC_INT43 + 2], cs
        sti

        mov ax, BDA_SEG
        mov ds, ax
        mov ax, [BDA_EQUIPMENT]
        and ax, ~EQUIP_VIDEO_MASK
        or ax, EQUIP_VIDEO_80COL
        mov [BDA_EQUIPMENT], ax
        mov byte [BDA_VIDEO_EGAMISC], EGAMISC_MEM_256K
        mov byte [BDA_VIDEO_SWITCHES], 0F9h
        mov byte [BDA_VIDEO_VGAFLAGS], VGAFLAGS_VGA | VGAFLAGS_400 | VGAFLAGS_SWITCHING
        mov byte [BDA_VIDEO_DCC], 08h

        mov al, 03h
        call set_mode

        pop es
        pop ds
        popad
        retf
