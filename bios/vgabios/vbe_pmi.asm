; vbe_pmi.asm - VBE function 0Ah, "Return VBE Protected Mode Interface"
; (VBE Core Functions 2.0/3.0): 4F0Ah BL=00h returns ES:DI -> the table
; below and CX = its length, code included, so a caller can copy it.  The
; table holds the offsets (from its start) of 32-bit code for Set Window
; (4F05h), Set Display Start (4F07h) and Set Primary Palette Data (4F09h),
; and of the list of I/O ports that code uses (each list FFFFh-ended; the
; memory list is empty: the card needs no memory-mapped registers).
;
; The 32-bit code runs in the caller's protected mode: a 32-bit code
; segment (the copy or the ROM in place, at any address: the code is
; position independent, only relative jumps and calls), the caller's SS
; stack, ES the caller's data for 4F09h's table.  It never reads DS or CS
; memory (the real-mode data segment means nothing there) and keeps no
; state: everything goes through the DISPI and DAC ports.  Each entry is
; near-called and ends with a 32-bit near RET.  The spec lets the code
; destroy every register but ESI, EBP, DS and SS; ours changes only EAX
; (AX = the VBE status) and, for 4F05h's get, DX: Linux's vesafb calls it
; from inline assembly that declares no clobbers.
;
; Register conventions (the protected-mode forms differ from INT 10h's):
;   Set Window        BH = 00h set / 01h get, BL = 00h window A, DX = the
;                     position in granularity (64 KiB) units
;   Set Display Start BL = 00h now / 80h at the next vertical retrace,
;                     DX:CX = the start address in 4-byte units (bits 16-31
;                     in DX), not 4F07h's pixel CX and line DX: the VGA
;                     counts display addresses in double words, and Linux's
;                     vesafb passes (line * bytes per line + x) / 4
;   Set Palette       BL = 00h now / 80h at the next vertical retrace,
;                     CX entries from DX, ES:EDI -> blue, green, red,
;                     alignment bytes in the DAC's current width
; Not done: 4F0Ah's other subfunctions (BL <> 00h fail), the VBE 3.0
; protected-mode entry point (the "PMID" block).

; --- 0Ah: the table -> ES:DI, its length -> CX -----------------------------
vbe_pmi_info:
        test bl, bl
        jnz .ret
        mov [bp + VF_ES], cs
        mov word [bp + VF_DI], vbe_pmi_table
        mov word [bp + VF_CX], vbe_pmi_end - vbe_pmi_table
        vbe_result VBE_OK
.ret:
        ret

        align 4
vbe_pmi_table:
        dw vbe_pmi_window - vbe_pmi_table
        dw vbe_pmi_display_start - vbe_pmi_table
        dw vbe_pmi_palette - vbe_pmi_table
        dw vbe_pmi_ports - vbe_pmi_table
vbe_pmi_ports:
        dw DISPI_INDEX_PORT, DISPI_DATA_PORT
        dw VGA_DAC_WRITE_INDEX, VGA_DAC_DATA, VGA_STATUS1
        dw 0FFFFh                       ; end of the ports
        dw 0FFFFh                       ; no memory regions

        bits 32

; Set Window: BH = 00h set (DX = bank), 01h get (-> DX); window A only.
; AX = 034Fh outside a banked VBE mode, 014Fh for a bank past the end of
; video memory or another window or subfunction.
vbe_pmi_window:
        push ecx
        mov al, DISPI_ENABLE
        call pmi_dispi_get
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
        mov al, DISPI_VIDEO_MEMORY_64K
        call pmi_dispi_get
        test ax, ax
        jnz .have_size
        mov ax, 40h                     ; a card without the register: 4 MiB
.have_size:
        cmp dx, ax
        jae .failed
        mov cx, dx
        mov al, DISPI_BANK
        call pmi_dispi_put
        jmp .ok
.get:
        mov al, DISPI_BANK
        call pmi_dispi_get
        mov dx, ax
.ok:
        mov ax, VBE_OK
        pop ecx
        ret
.failed:
        mov ax, VBE_FAILED
        pop ecx
        ret
.bad_mode:
        mov ax, VBE_NOT_MODE
        pop ecx
        ret

; Set Display Start: DX:CX = start / 4 bytes -> DISPI X/Y offsets (pixel
; and line of that byte in the current virtual width and depth).
vbe_pmi_display_start:
        push ebx
        push ecx
        push edx
        push esi
        push edi
        cmp bl, 80h
        je .subfunction_ok
        test bl, bl
        jnz .failed
.subfunction_ok:
        mov al, DISPI_ENABLE
        call pmi_dispi_get
        test al, DISPI_ENABLED
        jz .bad_mode
        shl edx, 16
        mov dx, cx
        cmp edx, 40000000h              ; x4 must stay within 32 bits
        jae .failed
        lea edi, [edx * 4]              ; EDI = start in bytes
        mov al, DISPI_BPP
        call pmi_dispi_get
        add ax, 7
        shr ax, 3
        movzx ecx, ax                   ; ECX = bytes per pixel
        jecxz .failed
        mov al, DISPI_VIRT_WIDTH
        call pmi_dispi_get
        movzx esi, ax
        imul esi, ecx                   ; ESI = bytes per line
        test esi, esi
        jz .failed
        mov eax, edi
        xor edx, edx
        div esi                         ; EAX = line, EDX = byte in it
        cmp eax, 0FFFFh
        ja .failed
        mov edi, eax
        mov eax, edx
        xor edx, edx
        div ecx                         ; EAX = pixel in the line
        mov esi, eax
        cmp bl, 80h
        jne .set
        call pmi_wait_retrace
.set:
        mov ecx, esi
        mov al, DISPI_X_OFFSET
        call pmi_dispi_put
        mov ecx, edi
        mov al, DISPI_Y_OFFSET
        call pmi_dispi_put
        mov ax, VBE_OK
        jmp .out
.failed:
        mov ax, VBE_FAILED
        jmp .out
.bad_mode:
        mov ax, VBE_NOT_MODE
.out:
        pop edi
        pop esi
        pop edx
        pop ecx
        pop ebx
        ret

; Set Palette: CX entries from DX out of ES:EDI (4 bytes each).  A range
; past entry 255 fails and changes nothing.
vbe_pmi_palette:
        push ecx
        push edx
        push edi
        movzx ecx, cx
        movzx edx, dx
        cmp edx, 256
        jae .failed
        lea eax, [ecx + edx]
        cmp eax, 256
        ja .failed
        cmp bl, 80h
        jne .now
        call pmi_wait_retrace
        jmp .set
.now:
        test bl, bl
        jnz .failed
.set:
        mov al, dl
        mov dx, VGA_DAC_WRITE_INDEX
        out dx, al
        inc dx                          ; 3C9h
        jecxz .ok
.entry:
        mov al, [es:edi + 2]            ; red
        out dx, al
        mov al, [es:edi + 1]            ; green
        out dx, al
        mov al, [es:edi]                ; blue
        out dx, al
        add edi, 4
        loop .entry
.ok:
        mov ax, VBE_OK
        jmp .out
.failed:
        mov ax, VBE_FAILED
.out:
        pop edi
        pop edx
        pop ecx
        ret

; pmi_dispi_get: AX = DISPI register AL.  Preserves the rest.
pmi_dispi_get:
        push edx
        movzx eax, al
        mov dx, DISPI_INDEX_PORT
        out dx, ax
        inc dx
        in ax, dx
        pop edx
        ret

; pmi_dispi_put: DISPI register AL = CX.  Preserves all but AX.
pmi_dispi_put:
        push edx
        movzx eax, al
        mov dx, DISPI_INDEX_PORT
        out dx, ax
        inc dx
        mov ax, cx
        out dx, ax
        pop edx
        ret

; pmi_wait_retrace: wait for a vertical retrace to start (input status 1
; bit 3), each wait bounded so a card without retrace timing cannot hang
; the caller.  Preserves all.
pmi_wait_retrace:
        push eax
        push ecx
        push edx
        mov dx, VGA_STATUS1
        mov ecx, 100000h
.in_retrace:
        in al, dx
        test al, 08h
        jz .wait_start
        loop .in_retrace
.wait_start:
        mov ecx, 100000h
.not_yet:
        in al, dx
        test al, 08h
        jnz .out
        loop .not_yet
.out:
        pop edx
        pop ecx
        pop eax
        ret

        bits 16
vbe_pmi_end:
