; vbe_control.asm - the VBE functions that change a running mode:
; 04h save/restore state, 05h bank window, 06h logical scan line, 07h
; display start, 08h DAC width, 09h palette data (VBE Core Functions
; Standard 3.0, "VBE Function 04h" to "09h").  Dispatcher, frame and
; result codes: vbe.asm; DISPI helpers: vbe_modes.asm.

; --- 04h: save/restore state ---------------------------------------------------
; DL = 00h size (BX = 64-byte blocks), 01h save, 02h restore at ES:BX;
; CX = states.  Bits 0-2 (hardware, BIOS data, DAC) are INT 10h AH=1Ch's
; block, first in the buffer; bit 3 (SVGA state) is our block after it:
VS_XRES     equ 0                   ; the DISPI registers as words
VS_YRES     equ 2
VS_BPP      equ 4
VS_ENABLE   equ 6
VS_BANK     equ 8
VS_VWIDTH   equ 10
VS_XOFF     equ 12
VS_YOFF     equ 14
VS_MAGIC    equ 16                  ; 'VB': a block we wrote
VS_BLOCK    equ 64

vbe_state_regs: db DISPI_XRES, DISPI_YRES, DISPI_BPP, DISPI_ENABLE, DISPI_BANK
                db DISPI_VIRT_WIDTH, DISPI_X_OFFSET, DISPI_Y_OFFSET
VBE_STATE_REGS  equ 8

vbe_state:
        cmp dl, 2
        ja .ret
        ; SI = bytes of the standard part (0 if CX has none of bits 0-2)
        xor si, si
        test cl, 07h
        jz .sized
        mov ax, 1C00h
        and cx, 07h
        int 10h
        cmp al, 1Ch
        jne .ret                        ; INT 10h has no AH=1Ch: cannot do it
        mov si, bx
        shl si, 6
.sized:
        mov cx, [bp + VF_CX]
        mov dl, [bp + VF_DX]
        cmp dl, 0
        jne .save_restore
        mov bx, si
        shr bx, 6
        test cl, 08h
        jz .size_out
        inc bx
.size_out:
        mov [bp + VF_BX], bx
        jmp .ok
.save_restore:
        cmp dl, 2
        jne .std
        test cl, 08h
        jz .std
        call vbe_dispi_off              ; VGA registers go back on a VGA card
.std:
        test cl, 07h
        jz .svga
        mov ax, 1C00h
        mov al, dl                      ; 1C01h save / 1C02h restore
        and cx, 07h
        mov bx, [bp + VF_BX]
        int 10h
        mov cx, [bp + VF_CX]
        mov dl, [bp + VF_DX]
.svga:
        test cl, 08h
        jz .ok
        mov di, [bp + VF_BX]
        add di, si
        cmp dl, 1
        jne .restore
        ; save
        push di
        mov cx, VS_BLOCK / 2
        xor ax, ax
        rep stosw
        pop di
        xor si, si
.save_reg:
        mov al, [cs:vbe_state_regs + si]
        call dispi_get
        mov [es:di], ax
        add di, 2
        inc si
        cmp si, VBE_STATE_REGS
        jb .save_reg
        mov word [es:di + VS_MAGIC - 2 * VBE_STATE_REGS], 'VB'
        jmp .ok
.restore:
        cmp word [es:di + VS_MAGIC], 'VB'
        jne .ret
        call vbe_dispi_off
        mov dx, [es:di + VS_ENABLE]
        test dl, DISPI_ENABLED
        jz .restore_off
        mov al, DISPI_BPP
        mov dx, [es:di + VS_BPP]
        call dispi_put
        mov al, DISPI_XRES
        mov dx, [es:di + VS_XRES]
        call dispi_put
        mov al, DISPI_YRES
        mov dx, [es:di + VS_YRES]
        call dispi_put
        mov al, DISPI_ENABLE
        mov dx, [es:di + VS_ENABLE]
        or dl, DISPI_NOCLEARMEM         ; the picture stays
        call dispi_put
        mov al, DISPI_BANK
        mov dx, [es:di + VS_BANK]
        call dispi_put
        mov al, DISPI_VIRT_WIDTH
        mov dx, [es:di + VS_VWIDTH]
        call dispi_put
        mov al, DISPI_X_OFFSET
        mov dx, [es:di + VS_XOFF]
        call dispi_put
        mov al, DISPI_Y_OFFSET
        mov dx, [es:di + VS_YOFF]
        call dispi_put
        call vbe_vga_regs_for_dispi
        jmp .ok
.restore_off:
        mov al, DISPI_ENABLE            ; off, with its DAC width bit
        call dispi_put
.ok:
        vbe_result VBE_OK
.ret:
        ret

; --- 05h: bank window ------------------------------------------------------------
; BH = 00h set window BL to DX (64 KiB units), 01h get it into DX.  Only
; window A exists; not in linear-framebuffer or VGA modes (AH = 03h).
vbe_window:
        call vbe_bank_core
        mov [bp + VF_AX], ax
        cmp bh, 1
        jne .ret
        mov [bp + VF_DX], dx
.ret:
        ret

; WinFuncPtr (mode info offset 0Ch): the same as 4F05h by far call, for
; programs that switch banks without INT 10h.  AX and DX come back as
; from 4F05h; everything else is preserved.
vbe_window_far:
        call vbe_bank_core
        retf

; vbe_bank_core: BH, BL, DX as 4F05h -> AX = status, DX = window position
; (get).  Preserves every other register.
vbe_bank_core:
        push eax
        mov al, DISPI_ENABLE
        call dispi_get
        test al, DISPI_ENABLED
        jz .bad_mode
        test al, DISPI_LFB_ENABLED
        jnz .bad_mode
        test bl, bl
        jnz .failed
        cmp bh, 1
        je .get
        test bh, bh
        jnz .failed
        call vbe_vram_bytes             ; the bank must be inside video memory
        shr eax, 16
        cmp dx, ax
        jae .failed
        mov al, DISPI_BANK
        call dispi_put
        jmp .ok
.get:
        mov al, DISPI_BANK
        call dispi_get
        mov dx, ax
.ok:
        pop eax
        mov ax, VBE_OK
        ret
.failed:
        pop eax
        mov ax, VBE_FAILED
        ret
.bad_mode:
        pop eax
        mov ax, VBE_NOT_MODE
        ret

; --- 06h: logical scan line length ---------------------------------------------
; BL = 00h set CX pixels, 01h get, 02h set CX bytes, 03h get maximum.
; Returns BX = bytes per line, CX = pixels per line, DX = lines that fit
; (for 03h: BX/CX the maximum).  A length the card does not take: AH=02h.
vbe_scan_line:
        call vbe_find_current
        jc .bad_mode
        mov al, [cs:si + VM_BPP]
        call vbe_bytes_per_pixel
        movzx edi, ax                   ; EDI = bytes per pixel
        cmp bl, 1
        je .report
        cmp bl, 3
        je .maximum
        cmp bl, 2
        je .bytes
        test bl, bl
        jnz .ret
        mov ax, cx
        jmp .set
.bytes:
        mov ax, cx
        xor dx, dx
        div di
.set:
        ; AX = pixels: at least the mode's width, at most what fits
        cmp ax, [cs:si + VM_WIDTH]
        jb .not_hw
        push ax
        call vbe_max_line_bytes         ; EAX = max bytes
        mov ebx, eax
        pop ax
        movzx eax, ax
        movzx edx, di
        imul eax, edx
        cmp eax, ebx
        ja .not_hw
        xor edx, edx
        div edi
        mov dx, ax
        mov al, DISPI_VIRT_WIDTH
        call dispi_put
        call dispi_get
        cmp ax, dx
        jne .not_hw
.report:
        mov al, DISPI_VIRT_WIDTH
        call dispi_get
        mov [bp + VF_CX], ax
        mul di
        mov [bp + VF_BX], ax
        movzx ebx, ax
        test ebx, ebx
        jz .ok
        call vbe_vram_bytes
        xor edx, edx
        div ebx
        cmp eax, 0FFFFh
        jbe .lines
        mov ax, 0FFFFh
.lines:
        mov [bp + VF_DX], ax
.ok:
        vbe_result VBE_OK
.ret:
        ret
.maximum:
        call vbe_max_line_bytes
        xor edx, edx
        div edi                         ; whole pixels
        mov [bp + VF_CX], ax
        mul di
        mov [bp + VF_BX], ax
        jmp .ok
.not_hw:
        vbe_result VBE_NOT_HW
        ret
.bad_mode:
        vbe_result VBE_NOT_MODE
        ret

; vbe_max_line_bytes: CS:SI = the current mode -> EAX = the longest scan
; line in bytes with all the mode's lines still in video memory, at most
; FFFFh (BX is 16 bits).  Preserves the rest.
vbe_max_line_bytes:
        push ebx
        push edx
        movzx ebx, word [cs:si + VM_HEIGHT]
        call vbe_vram_bytes
        xor edx, edx
        div ebx
        cmp eax, 0FFFFh
        jbe .out
        mov eax, 0FFFFh
.out:
        pop edx
        pop ebx
        ret

; --- 07h: display start ------------------------------------------------------------
; BL = 00h set (CX = first pixel of the line, DX = first line), 80h the
; same at the next vertical retrace, 01h get (BH = 0, CX, DX).
vbe_display_start:
        mov al, DISPI_ENABLE
        call dispi_get
        test al, DISPI_ENABLED
        jz .bad_mode
        cmp bl, 01h
        je .get
        cmp bl, 80h
        jne .now
        call vbe_wait_retrace
        jmp .set
.now:
        test bl, bl
        jnz .ret
.set:
        mov al, DISPI_X_OFFSET
        xchg dx, cx
        call dispi_put
        xchg dx, cx
        mov al, DISPI_Y_OFFSET
        call dispi_put
        jmp .ok
.get:
        mov byte [bp + VF_BX + 1], 0
        mov al, DISPI_X_OFFSET
        call dispi_get
        mov [bp + VF_CX], ax
        mov al, DISPI_Y_OFFSET
        call dispi_get
        mov [bp + VF_DX], ax
.ok:
        vbe_result VBE_OK
.ret:
        ret
.bad_mode:
        vbe_result VBE_NOT_MODE
        ret

; vbe_wait_retrace: wait for the start of a vertical retrace (input
; status 1 bit 3), giving up after a bounded number of reads so a card
; without retrace timing cannot hang the caller.  Preserves all.
vbe_wait_retrace:
        push ax
        push dx
        push ecx
        mov dx, VGA_STATUS1
        mov ecx, 100000h
.in_retrace:
        in al, dx
        test al, 08h
        jz .wait_start
        dec ecx
        jnz .in_retrace
.wait_start:
        mov ecx, 100000h
.not_yet:
        in al, dx
        test al, 08h
        jnz .out
        dec ecx
        jnz .not_yet
.out:
        pop ecx
        pop dx
        pop ax
        ret

; --- 08h: DAC palette width ----------------------------------------------------------
; BL = 00h set to BH bits (8 or more: 8 bits, else 6), 01h get; BH = the
; width in effect.  DISPI's 8BIT_DAC enable bit; rewriting ENABLE with the
; same ENABLED bit does not set the mode again, and BANK is written back
; because Bochs cards reset their bank offset on any ENABLE write.
vbe_dac_width:
        cmp bl, 1
        je .report
        test bl, bl
        jnz .ret
        mov al, DISPI_BANK
        call dispi_get
        mov cx, ax
        mov al, DISPI_ENABLE
        call dispi_get
        mov dx, ax
        and dl, ~DISPI_8BIT_DAC
        cmp bh, 8
        jb .put
        or dl, DISPI_8BIT_DAC
.put:
        mov al, DISPI_ENABLE
        call dispi_put
        mov dx, cx
        mov al, DISPI_BANK
        call dispi_put
.report:
        mov al, DISPI_ENABLE
        call dispi_get
        mov ah, 6
        test al, DISPI_8BIT_DAC
        jz .width
        mov ah, 8
.width:
        mov [bp + VF_BX + 1], ah
        vbe_result VBE_OK
.ret:
        ret

; --- 09h: palette data -------------------------------------------------------------------
; BL = 00h set, 80h set at the next vertical retrace, 01h get; CX entries
; from DX, at ES:DI as blue, green, red, alignment bytes, in the DAC's
; current width.  Secondary palettes (02h/03h) do not exist here.
vbe_palette:
        cmp dx, 256
        jae .ret
        mov ax, 256
        sub ax, dx
        cmp cx, ax
        ja .ret
        cmp bl, 01h
        je .get
        cmp bl, 80h
        jne .now
        call vbe_wait_retrace
        jmp .set
.now:
        test bl, bl
        jnz .ret
.set:
        mov al, dl
        mov dx, VGA_DAC_WRITE_INDEX
        out dx, al
        inc dx                          ; 3C9h
        jcxz .ok
.set_entry:
        mov al, [es:di + 2]
        out dx, al
        mov al, [es:di + 1]
        out dx, al
        mov al, [es:di]
        out dx, al
        add di, 4
        loop .set_entry
        jmp .ok
.get:
        mov al, dl
        mov dx, VGA_DAC_READ_INDEX
        out dx, al
        add dx, 2                       ; 3C9h
        jcxz .ok
.get_entry:
        in al, dx
        mov [es:di + 2], al
        in al, dx
        mov [es:di + 1], al
        in al, dx
        mov [es:di], al
        mov byte [es:di + 3], 0
        add di, 4
        loop .get_entry
.ok:
        vbe_result VBE_OK
.ret:
        ret
