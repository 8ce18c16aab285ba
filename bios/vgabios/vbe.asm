; vbe.asm - the VESA BIOS Extension, INT 10h AH=4Fh (VBE Core Functions
; Standard 3.0, with the 2.0 "VBE2" info block), over the Bochs DISPI
; registers of the std VGA card.  04h-09h: vbe_control.asm; modes and
; DISPI helpers: vbe_modes.asm.
;
; Done: 00h controller info, 01h mode info, 02h set mode (bit 14 linear
; framebuffer, bit 15 keep memory; modes below 100h go to set_mode),
; 03h current mode, 04h save/restore state (bits 0-2 through INT 10h
; AH=1Ch, bit 3 = the DISPI registers), 05h bank window (also the far
; WinFuncPtr), 06h logical scan line, 07h display start (00h/80h/01h),
; 08h DAC width 6/8 bits, 09h palette (00h/80h/01h), 0Ah the protected-
; mode interface (vbe_pmi.asm: 32-bit Set Window, Set Display Start, Set
; Palette for a caller in protected mode, e.g. Linux's vesafb ypan).
; 15h (VBE/DDC): the card has no DDC lines, so BL=00h reports no DDC
; level (AX=004Fh, BX=0) and BL=01h (read EDID) fails with 014Fh, "e.g.
; non-DDC monitor" (RBIL INT 10h AX=4F15h, after VESA VBE/DDC 1.1): a
; caller (Linux's boot code) then knows there is no EDID without trying.
; Not done, answering 014Fh: 07h's scheduled/stereo display start
; (02h-06h), 09h's secondary palette, 10h power management, 4F02h's CRTC
; block (bit 11 is ignored: DISPI has no timing registers).  A VBE mode set leaves the DAC 6 bits
; wide and, for 8-bit modes, loads the default 256-colour palette (as
; mode 13h; not when 40:89 bit 3 disables default palette loading).
;
; Calling convention (layout.inc): int10_handler jumps here with the
; caller's registers and the interrupt frame on the stack; we IRET.
; Every function below runs with BP = the saved-register frame (results
; are written into it) and the caller's other registers still live.

; the frame vbe_int10 builds: pushad, then DS and ES
VF_ES    equ 0
VF_DS    equ 2
VF_DI    equ 4
VF_SI    equ 8
VF_BX    equ 20
VF_DX    equ 24
VF_CX    equ 28
VF_AX    equ 32

VBE_OK          equ 004Fh
VBE_FAILED      equ 014Fh
VBE_NOT_HW      equ 024Fh           ; not supported in this configuration
VBE_NOT_MODE    equ 034Fh           ; invalid in the current video mode

vbe_int10:
        pushad
        push ds
        push es
        mov bp, sp
        cld
        mov word [bp + VF_AX], VBE_FAILED
        cmp al, 15h
        jne .table
        call vbe_ddc
        jmp .out
.table:
        cmp al, vbe_functions_count
        jae .out
        movzx si, al
        shl si, 1
        call [cs:vbe_functions + si]
.out:
        pop es
        pop ds
        popad
        iret

vbe_functions:
        dw vbe_info                     ; 00h
        dw vbe_mode_info                ; 01h
        dw vbe_set_mode                 ; 02h
        dw vbe_get_mode                 ; 03h
        dw vbe_state                    ; 04h
        dw vbe_window                   ; 05h
        dw vbe_scan_line                ; 06h
        dw vbe_display_start            ; 07h
        dw vbe_dac_width                ; 08h
        dw vbe_palette                  ; 09h
        dw vbe_pmi_info                 ; 0Ah (vbe_pmi.asm)
vbe_functions_count equ ($ - vbe_functions) / 2

%macro vbe_result 1
        mov word [bp + VF_AX], %1
%endmacro

; 4F15h: BL=00h capabilities: no DDC1, no DDC2, no transfer time; every
; other subfunction (01h read EDID) fails, as with a non-DDC monitor.
vbe_ddc:
        test bl, bl
        jnz .out                        ; VBE_FAILED stays
        mov word [bp + VF_BX], 0
        vbe_result VBE_OK
.out:
        ret

vbe_oem_string:     db 'softpc VGA BIOS', 0
vbe_vendor_name:    db 'softpc', 0
vbe_product_name:   db 'std VGA (Bochs VBE)', 0
vbe_product_rev:    db '0.1', 0

; --- 00h: controller information into ES:DI --------------------------------
; 256 bytes, or 512 when the caller put 'VBE2' in the signature (then the
; VBE 2.0 OEM fields are filled).  Pointers point into this ROM.
vbe_info:
        xor dl, dl
        cmp dword [es:di], 'VBE2'
        jne .clear
        inc dl
.clear:
        push di
        mov cx, 128
        test dl, dl
        jz .words
        mov cx, 256
.words:
        xor ax, ax
        rep stosw
        pop di
        mov dword [es:di + 0], 'VESA'
        mov word [es:di + 4], 0300h     ; VBE 3.0
        mov word [es:di + 6], vbe_oem_string
        mov [es:di + 8], cs
        mov dword [es:di + 10], 1       ; capabilities: DAC switchable to 8 bits
        mov word [es:di + 14], vbe_mode_list
        mov [es:di + 16], cs
        call vbe_vram_bytes
        shr eax, 16
        mov [es:di + 18], ax            ; total memory, 64 KiB units
        test dl, dl
        jz .done
        mov word [es:di + 20], 0001h    ; OEM software revision
        mov word [es:di + 22], vbe_vendor_name
        mov [es:di + 24], cs
        mov word [es:di + 26], vbe_product_name
        mov [es:di + 28], cs
        mov word [es:di + 30], vbe_product_rev
        mov [es:di + 32], cs
.done:
        vbe_result VBE_OK
        ret

; --- 01h: mode CX's information into ES:DI (256 bytes) --------------------
; Attributes: supported (only if it fits in video memory), optional info,
; colour, graphics, not VGA-register compatible, banked window A at A000h
; (64 KiB, granularity 64 KiB), linear framebuffer at BAR 0.
MODE_ATTR_SUPPORTED equ 01h
MODE_ATTR_BASE      equ 02h | 08h | 10h | 20h  ; info, colour, graphics, not VGA
MODE_ATTR_LFB       equ 80h

vbe_mode_info:
        call vbe_find_mode
        jc .ret
        push di
        mov cx, 128
        xor ax, ax
        rep stosw
        pop di
        mov bx, MODE_ATTR_BASE
        call vbe_mode_pages
        test eax, eax
        jz .pages_done
        or bx, MODE_ATTR_SUPPORTED
        dec eax                         ; image pages beyond the first
        cmp eax, 255
        jbe .pages
        mov al, 255
.pages:
        mov [es:di + 29], al            ; NumberOfImagePages
        mov [es:di + 52], al            ; BnkNumberOfImagePages
        mov [es:di + 53], al            ; LinNumberOfImagePages
.pages_done:
        call vbe_lfb_address
        mov [es:di + 40], eax           ; PhysBasePtr
        test eax, eax
        jz .attrs
        or bx, MODE_ATTR_LFB
.attrs:
        mov [es:di + 0], bx             ; ModeAttributes
        mov byte [es:di + 2], 07h       ; window A: exists, readable, writable
        mov word [es:di + 4], 64        ; granularity, KiB
        mov word [es:di + 6], 64        ; size, KiB
        mov word [es:di + 8], 0A000h
        mov word [es:di + 12], vbe_window_far
        mov [es:di + 14], cs
        call vbe_mode_line_bytes
        mov [es:di + 16], ax            ; BytesPerScanLine
        mov [es:di + 50], ax            ; LinBytesPerScanLine
        mov ax, [cs:si + VM_WIDTH]
        mov [es:di + 18], ax
        mov ax, [cs:si + VM_HEIGHT]
        mov [es:di + 20], ax
        mov word [es:di + 22], 1008h    ; character cell 8x16
        mov byte [es:di + 24], 1        ; planes
        mov al, [cs:si + VM_BPP]
        mov [es:di + 25], al
        mov byte [es:di + 26], 1        ; banks
        mov byte [es:di + 27], 4        ; memory model: packed pixel
        mov byte [es:di + 30], 1        ; reserved, 1 by the spec
        cmp al, 8
        je .ok
        mov byte [es:di + 27], 6        ; direct colour
        ; the colour fields of this depth: 8 bytes (R, G, B, reserved:
        ; size, position), in the banked and the Lin* copies
        mov bx, vbe_masks15
        cmp al, 15
        je .masks
        mov bx, vbe_masks16
        cmp al, 16
        je .masks
        mov bx, vbe_masks24
        cmp al, 24
        je .masks
        mov bx, vbe_masks32
.masks:
        mov si, bx
        push di
        mov cx, 8
.mask_byte:
        mov al, [cs:si]
        mov [es:di + 31], al
        mov [es:di + 54], al
        inc si
        inc di
        loop .mask_byte
        pop di
.ok:
        vbe_result VBE_OK
.ret:
        ret

;                    R size/pos  G size/pos  B size/pos  reserved
vbe_masks15:    db   5, 10,      5, 5,       5, 0,       1, 15
vbe_masks16:    db   5, 11,      6, 5,       5, 0,       0, 0
vbe_masks24:    db   8, 16,      8, 8,       8, 0,       0, 0
vbe_masks32:    db   8, 16,      8, 8,       8, 0,       8, 24

; --- 02h: set mode BX ---------------------------------------------------------
MODE_FLAG_LFB       equ 4000h
MODE_FLAG_NOCLEAR   equ 8000h

vbe_set_mode:
        mov cx, bx
        and cx, 01FFh
        cmp cx, 100h
        jae .vbe
        mov al, cl                      ; a VGA mode: the standard set-mode
        test bx, MODE_FLAG_NOCLEAR
        jz .vga
        or al, 80h
.vga:
        call set_mode                   ; CF: not a standard VGA mode
        jc .ret
        vbe_result VBE_OK
        ret
.vbe:
        call vbe_find_mode
        jc .ret
        call vbe_mode_pages
        test eax, eax
        jz .ret                         ; does not fit in video memory
        call vbe_dispi_off
        mov al, DISPI_BPP
        movzx dx, byte [cs:si + VM_BPP]
        call dispi_put
        mov al, DISPI_XRES
        mov dx, [cs:si + VM_WIDTH]
        call dispi_put
        mov al, DISPI_YRES
        mov dx, [cs:si + VM_HEIGHT]
        call dispi_put
        mov al, DISPI_BANK
        xor dx, dx
        call dispi_put
        mov dx, DISPI_ENABLED
        test bx, MODE_FLAG_LFB
        jz .no_lfb
        or dl, DISPI_LFB_ENABLED
.no_lfb:
        test bx, MODE_FLAG_NOCLEAR
        jz .enable
        or dl, DISPI_NOCLEARMEM
.enable:
        mov al, DISPI_ENABLE
        call dispi_put
        mov al, DISPI_VIRT_WIDTH
        mov dx, [cs:si + VM_WIDTH]
        call dispi_put
        mov al, DISPI_X_OFFSET
        xor dx, dx
        call dispi_put
        mov al, DISPI_Y_OFFSET
        call dispi_put
        ; a card that cannot show the mode keeps other values: refuse it
        call vbe_find_current
        jc .refused
        cmp [cs:si + VM_NUMBER], cx
        jne .refused
        call vbe_vga_regs_for_dispi
        cmp byte [cs:si + VM_BPP], 8
        jne .palette_done
        mov ax, BDA_SEG                 ; 8 bits: the default 256-colour
        mov ds, ax                      ; DAC, as mode 13h has, unless 40:89
        test byte [BDA_VIDEO_VGAFLAGS], VGAFLAGS_NO_PALETTE  ; says not to
        jnz .palette_done
        mov al, DAC_256
        call dac_load_default           ; (palette.asm; 6-bit values)
.palette_done:
        vbe_result VBE_OK
.ret:
        ret
.refused:
        call vbe_dispi_off
        ret

; The VGA side of a DISPI mode, so the window at A0000h is a 64 KiB
; chain-4 graphics window (GC 06h = 05h, sequencer 04h = 0Eh, map mask
; all planes, GC 05h = 40h 256-colour shift).  The card sets these itself
; when DISPI is enabled; writing them again does not depend on that.  The
; attribute controller's palette address source bit (3C0h index bit 5)
; must be 1 or the card blanks the screen, whatever mode it shows (VGA
; reference, attribute address register): a mode set turns it on.
vbe_vga_regs_for_dispi:
        push ax
        push dx
        mov dx, VGA_STATUS1             ; reset the 3C0h flip-flop to index
        in al, dx
        mov dx, VGA_ATTR_INDEX
        mov al, 20h
        out dx, al
        mov dx, VGA_GC_INDEX
        mov ax, 0506h
        out dx, ax
        mov ax, 4005h
        out dx, ax
        mov dx, VGA_SEQ_INDEX
        mov ax, 0E04h
        out dx, ax
        mov ax, 0F02h
        out dx, ax
        pop dx
        pop ax
        ret

; --- 03h: current mode -> BX ----------------------------------------------
; From the DISPI registers (bit 14: LFB on, bit 15: memory was not
; cleared), else the VGA mode in the BDA.
vbe_get_mode:
        call vbe_find_current
        jc .not_vbe
        mov bx, [cs:si + VM_NUMBER]
        mov al, DISPI_ENABLE
        call dispi_get
        test al, DISPI_LFB_ENABLED
        jz .no_lfb
        or bx, MODE_FLAG_LFB
.no_lfb:
        test al, DISPI_NOCLEARMEM
        jz .store
        or bx, MODE_FLAG_NOCLEAR
        jmp .store
.not_vbe:
        mov al, DISPI_ENABLE
        call dispi_get
        test al, DISPI_ENABLED
        jnz .ret                        ; DISPI geometry none of our modes
        mov ax, BDA_SEG
        mov ds, ax
        movzx bx, byte [BDA_VIDEO_MODE]
.store:
        mov [bp + VF_BX], bx
        vbe_result VBE_OK
.ret:
        ret
