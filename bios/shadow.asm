; shadow.asm - the i440FX PAM registers for the option ROM area (Intel
; 82441FX PMC datasheet, 3.2.18: PAM0-PAM6 at 59h-5Fh of the host bridge,
; 00:00.0; one nibble per 16 KiB segment of C0000-EFFFF, bit 0 RE "reads
; go to DRAM", bit 1 WE "writes go to DRAM").
;
; Before the video ROM is copied in, C0000-DFFFF is made DRAM read/write
; (11b), so the copy and the ROM's own set-up land in RAM whatever the
; board shows there at reset.  After the option ROM scan the segments the
; video ROM at C0000h covers become read-only DRAM (01b: reads DRAM, writes
; go to the PCI bus, where nothing answers), as real BIOSes do, so a stray
; guest write cannot damage INT 10h.  The rest of C0000-DFFFF stays
; read/write (upper memory for DOS-era memory managers), F0000-FFFFF stays
; as reset left it (reads ROM) and E0000-EFFFF is not touched.
; Not done: other option ROMs than the video ROM are not write-protected
; (POST runs none), and nothing restores read/write for a later re-POST.

        section .f000

I440FX_PAM1         equ 5Ah             ; C0000-C3FFF low nibble, C4000-C7FFF high
PAM_SEGMENTS_CD     equ 8               ; 16 KiB segments in C0000-DFFFF
PAM_RW              equ 3               ; RE | WE
PAM_READ_ONLY       equ 1               ; RE

; shadow_rom_area_writable: C0000-DFFFF read/write DRAM (PAM1-PAM4 = 33h).
; Big real mode; keeps every register.
shadow_rom_area_writable:
        pushad
        xor bx, bx                      ; 00:00.0, the host bridge
        mov di, I440FX_PAM1
        mov al, (PAM_RW << 4) | PAM_RW
.reg:
        call pci_write8
        inc di
        cmp di, I440FX_PAM1 + PAM_SEGMENTS_CD / 2
        jb .reg
        popad
        ret

; shadow_video_rom_readonly: when a ROM (55AAh) sits at C0000h, its 16 KiB
; segments - from its size byte, rounded up - become read-only DRAM.
; Big real mode; keeps every register.
shadow_video_rom_readonly:
        pushad
        cmp word [dword 0C0000h], 0AA55h
        jne .done
        movzx ecx, byte [dword 0C0002h] ; 512-byte blocks
        add ecx, 31                     ; 32 blocks per 16 KiB segment
        shr ecx, 5
        jz .done
        xor bx, bx
        mov di, I440FX_PAM1
.segment:
        call pci_read8
        and al, 0F0h                    ; even segment: the low nibble
        or al, PAM_READ_ONLY
        call pci_write8
        dec ecx
        jz .done
        call pci_read8
        and al, 0Fh                     ; odd segment: the high nibble
        or al, PAM_READ_ONLY << 4
        call pci_write8
        inc di
        loop .segment
.done:
        popad
        ret
