; state.asm - INT 10h AH=1Bh (functionality/state information, with the
; static functionality table) and AH=1Ch (save/restore video state).
; IBM VGA Technical Reference "BIOS Interface"; RBIL INT 10h AH=1Bh/1Ch.
;
; The 1Ch buffer starts with three words: the offsets (from the buffer
; start) of the hardware, BIOS data and DAC sections, 0 for a section not
; saved; the sections follow in that order.  Their contents are this
; BIOS's own (a program only hands the buffer back):
;   hardware (SS_HW_SIZE): sequencer/CRTC/GC/attribute indices, feature
;     control, misc output, sequencer 0-4, CRTC 0-18h, attribute 0-14h,
;     GC 0-8, the CRTC port;
;   BIOS data (SS_BDA_SIZE): 40:49-40:66, 40:84-40:8A, 40:A8, INT 1Fh and
;     INT 43h;
;   DAC (SS_DAC_SIZE): read/write state, the index, pixel mask, 256 x RGB.
; Not saved: the latches, and in read state the DAC's read index (the VGA
; cannot report it; restore resumes reading at the saved write index).

SS_HEADER    equ 6
SS_HW_SIZE   equ 68
SS_BDA_SIZE  equ 30 + 7 + 4 + 8
SS_DAC_SIZE  equ 3 + 768

; hardware section offsets
SH_SEQ_INDEX  equ 0
SH_CRTC_INDEX equ 1
SH_GC_INDEX   equ 2
SH_ATTR_INDEX equ 3
SH_FEATURE    equ 4
SH_MISC       equ 5
SH_SEQ        equ 6         ; 5
SH_CRTC       equ 11        ; 25
SH_ATTR       equ 36        ; 21
SH_GC         equ 57        ; 9
SH_CRTC_PORT  equ 66        ; word

; --- AH=1Bh -------------------------------------------------------------------

; The static functionality table (IBM PS/2 TR, "Static Functionality
; Table"): modes 00h-07h, 0Dh-13h; 200/350/400 scan lines; 8 character
; blocks, 2 shown at once; grey summing, font loading, default palette
; loading, cursor emulation, 64-colour palette, DAC loading and paging;
; save/restore, blink/intensity, display combination code.  No light
; pen and none of the save pointer overrides.
static_functionality:
        db 0FFh, 0E0h, 0Fh              ; modes 00h-07h / 08h-0Fh / 10h-17h
        db 0, 0, 0, 0
        db 07h                          ; 200, 350, 400 scan lines
        db 8, 2                         ; character blocks: total, active
        db 0FFh                         ; misc function flags
        db 0Eh                          ; save/restore, blink, DCC
        db 0, 0
        db 00h                          ; save pointer function flags
        db 0

; AH=1Bh, BX = 0: the 64-byte state of ES:DI; AL = 1Bh.
int10_functionality:
        test bx, bx
        jnz .out
        mov di, [bp + F_DI]
        push di
        xor ax, ax
        mov cx, 32
        rep stosw
        pop di
        mov word [es:di + 00h], static_functionality
        mov [es:di + 02h], cs
        mov al, [BDA_VIDEO_MODE]
        mov [es:di + 04h], al
        ; 05h-22h: the BDA fields 40:4A-40:66 in order
        push di
        mov si, BDA_VIDEO_COLS
        add di, 05h
        mov cx, BDA_VIDEO_PALETTE + 1 - BDA_VIDEO_COLS
        rep movsb
        pop di
        mov al, [BDA_VIDEO_ROWS]
        inc al
        mov [es:di + 22h], al
        mov ax, [BDA_VIDEO_CHARH]
        mov [es:di + 23h], ax
        call dcc_get
        mov [es:di + 25h], bx
        call mode_current
        jc .mode_unknown
        mov ax, [cs:si + MI_COLOURS]
        mov [es:di + 27h], ax
        mov al, [cs:si + MI_PAGES]
        mov [es:di + 29h], al
        mov al, [cs:si + MI_SCANS]
        cmp byte [cs:si + MI_MODEL], MODEL_TEXT
        jne .scans
        mov al, SCANS_350
        test byte [BDA_VIDEO_VGAFLAGS], VGAFLAGS_400
        jz .not400
        mov al, SCANS_400
.not400:
        test byte [BDA_VIDEO_VGAFLAGS], VGAFLAGS_200
        jz .scans
        mov al, SCANS_200
.scans:
        mov [es:di + 2Ah], al
.mode_unknown:
        ; character blocks from SR3: B (bits 4,1,0) for attribute bit 3
        ; clear = primary, A (bits 5,3,2) = secondary
        mov al, 03h
        call seq_read
        mov ah, al
        and al, 03h
        test ah, 10h
        jz .primary
        or al, 04h
.primary:
        mov [es:di + 2Bh], al
        mov al, ah
        shr al, 2
        and al, 03h
        test ah, 20h
        jz .secondary
        or al, 04h
.secondary:
        mov [es:di + 2Ch], al
        ; misc flags: grey summing, mono display, no default palette
        ; (40:89 bits 1-3), cursor emulation on, blinking
        mov bl, [BDA_VIDEO_VGAFLAGS]
        and bl, 0Eh
        test byte [BDA_VIDEO_EGAMISC], EGAMISC_CURSOR_EMU_OFF
        jnz .emulation
        or bl, 10h
.emulation:
        mov al, 10h
        call attr_read
        call attr_video_on
        test al, 08h
        jz .blink
        or bl, 20h
.blink:
        mov [es:di + 2Dh], bl
        mov byte [es:di + 31h], 3       ; 256 KiB
        mov byte [bp + F_AL], 1Bh
.out:
        ret

; --- AH=1Ch ---------------------------------------------------------------------

; AH=1Ch: CX = states (bit 0 hardware, bit 1 BIOS data, bit 2 DAC); AL =
; 0: BX = buffer size in 64-byte blocks; 1: save into ES:BX; 2: restore
; from ES:BX.  AL = 1Ch when done.
int10_save_restore:
        cmp al, 2
        ja .out
        test al, al
        jnz .transfer
        mov ax, SS_HEADER
        test cl, 1
        jz .bda_size
        add ax, SS_HW_SIZE
.bda_size:
        test cl, 2
        jz .dac_size
        add ax, SS_BDA_SIZE
.dac_size:
        test cl, 4
        jz .blocks
        add ax, SS_DAC_SIZE
.blocks:
        add ax, 63
        shr ax, 6
        mov [bp + F_BX], ax
        jmp .done
.transfer:
        mov di, bx
        cmp al, 1
        jne .restore
        call state_save
        jmp .done
.restore:
        call state_restore
.done:
        mov byte [bp + F_AL], 1Ch
.out:
        ret

; state_save: the states CX into the buffer ES:DI.
state_save:
        mov bx, di                      ; BX = buffer start
        mov word [es:bx], 0
        mov word [es:bx + 2], 0
        mov word [es:bx + 4], 0
        add di, SS_HEADER
        test cl, 1
        jz .bda
        mov ax, di
        sub ax, bx
        mov [es:bx], ax
        call state_save_hw
        add di, SS_HW_SIZE
.bda:
        test cl, 2
        jz .dac
        mov ax, di
        sub ax, bx
        mov [es:bx + 2], ax
        call state_save_bda
        add di, SS_BDA_SIZE
.dac:
        test cl, 4
        jz .out
        mov ax, di
        sub ax, bx
        mov [es:bx + 4], ax
        call state_save_dac
.out:
        ret

; state_restore: the states CX from the buffer ES:DI (sections the
; buffer does not have are skipped).
state_restore:
        mov bx, di
        test cl, 1
        jz .bda
        mov di, [es:bx]
        test di, di
        jz .bda
        add di, bx
        call state_restore_hw
.bda:
        test cl, 2
        jz .dac
        mov di, [es:bx + 2]
        test di, di
        jz .dac
        add di, bx
        call state_restore_bda
.dac:
        test cl, 4
        jz .out
        mov di, [es:bx + 4]
        test di, di
        jz .out
        add di, bx
        call state_restore_dac
.out:
        ret

; state_save_hw: the registers into ES:DI (SS_HW_SIZE bytes); the card's
; index registers are left as they were.  Preserves every register.
state_save_hw:
        pusha
        mov dx, VGA_SEQ_INDEX
        in al, dx
        mov [es:di + SH_SEQ_INDEX], al
        mov dx, [BDA_CRTC_PORT]
        mov [es:di + SH_CRTC_PORT], dx
        in al, dx
        mov [es:di + SH_CRTC_INDEX], al
        mov dx, VGA_GC_INDEX
        in al, dx
        mov [es:di + SH_GC_INDEX], al
        call attr_flipflop_reset
        mov dx, VGA_ATTR_INDEX
        in al, dx
        mov [es:di + SH_ATTR_INDEX], al
        mov dx, VGA_FEATURE_READ
        in al, dx
        mov [es:di + SH_FEATURE], al
        mov dx, VGA_MISC_READ
        in al, dx
        mov [es:di + SH_MISC], al
        xor bx, bx
.seq:
        mov al, bl
        call seq_read
        mov [es:di + bx + SH_SEQ], al
        inc bx
        cmp bx, 5
        jb .seq
        xor bx, bx
.crtc:
        mov al, bl
        call crtc_read
        mov [es:di + bx + SH_CRTC], al
        inc bx
        cmp bx, 25
        jb .crtc
        xor bx, bx
.attr:
        mov al, bl
        call attr_read
        mov [es:di + bx + SH_ATTR], al
        inc bx
        cmp bx, 21
        jb .attr
        xor bx, bx
.gc:
        mov al, bl
        call gc_read
        mov [es:di + bx + SH_GC], al
        inc bx
        cmp bx, 9
        jb .gc
        call state_hw_indices
        popa
        ret

; state_hw_indices: the index registers (and the attribute flip-flop, at
; "index next") from the hardware section ES:DI.
state_hw_indices:
        push ax
        push dx
        mov al, [es:di + SH_SEQ_INDEX]
        mov dx, VGA_SEQ_INDEX
        out dx, al
        mov al, [es:di + SH_CRTC_INDEX]
        call state_crtc_port
        out dx, al
        mov al, [es:di + SH_GC_INDEX]
        mov dx, VGA_GC_INDEX
        out dx, al
        call attr_flipflop_reset
        mov al, [es:di + SH_ATTR_INDEX]
        mov dx, VGA_ATTR_INDEX
        out dx, al
        call attr_flipflop_reset
        pop dx
        pop ax
        ret

; state_crtc_port: DX = the CRTC index port the saved misc output selects
; (bit 0: 3D4h, else 3B4h), whatever the buffer's port word says.
state_crtc_port:
        mov dx, VGA_CRTC_INDEX
        test byte [es:di + SH_MISC], 01h
        jnz .out
        mov dx, VGA_CRTC_INDEX_MONO
.out:
        ret

; state_restore_hw: the registers from ES:DI.  Preserves every register.
state_restore_hw:
        pusha
        mov ax, 0100h                   ; synchronous reset
        call seq_write
        mov bx, 1
.seq:
        mov al, bl
        mov ah, [es:di + bx + SH_SEQ]
        call seq_write
        inc bx
        cmp bx, 5
        jb .seq
        mov al, [es:di + SH_MISC]
        mov dx, VGA_MISC_WRITE
        out dx, al
        mov al, 0
        mov ah, [es:di + SH_SEQ]
        call seq_write
        ; the CRTC at the saved port, registers 0-7 unprotected first
        call state_crtc_port
        mov al, 11h
        out dx, al
        inc dx
        mov al, 0
        out dx, al
        dec dx
        xor bx, bx
.crtc:
        mov al, bl
        out dx, al
        inc dx
        mov al, [es:di + bx + SH_CRTC]
        out dx, al
        dec dx
        inc bx
        cmp bx, 25
        jb .crtc
        add dx, 6                       ; 3xAh: feature control
        mov al, [es:di + SH_FEATURE]
        out dx, al
        xor bx, bx
.attr:
        mov al, bl
        mov ah, [es:di + bx + SH_ATTR]
        call attr_write
        inc bx
        cmp bx, 21
        jb .attr
        xor bx, bx
.gc:
        mov al, bl
        mov ah, [es:di + bx + SH_GC]
        call gc_write
        inc bx
        cmp bx, 9
        jb .gc
        call state_hw_indices
        popa
        ret

; state_save_bda / state_restore_bda: the BIOS data section at ES:DI.
state_save_bda:
        pusha
        push fs
        mov si, BDA_VIDEO_MODE
        mov cx, 30
        rep movsb
        mov si, BDA_VIDEO_ROWS
        mov cx, 7
        rep movsb
        mov si, BDA_VIDEO_SAVEPTR
        movsd
        push 0
        pop fs
        mov eax, [fs:VEC_INT1F]
        stosd
        mov eax, [fs:VEC_INT43]
        stosd
        pop fs
        popa
        ret

state_restore_bda:
        pusha
        push fs
        push ds
        push es
        mov si, di
        push es
        pop ds                          ; DS:SI = buffer
        push BDA_SEG
        pop es                          ; ES = BDA
        mov di, BDA_VIDEO_MODE
        mov cx, 30
        rep movsb
        mov di, BDA_VIDEO_ROWS
        mov cx, 7
        rep movsb
        mov di, BDA_VIDEO_SAVEPTR
        movsd
        push 0
        pop fs
        lodsd
        mov [fs:VEC_INT1F], eax
        lodsd
        mov [fs:VEC_INT43], eax
        pop es
        pop ds
        pop fs
        popa
        ret

; state_save_dac / state_restore_dac: the DAC section at ES:DI.
state_save_dac:
        pusha
        mov dx, VGA_DAC_READ_INDEX
        in al, dx
        and al, 03h
        mov [es:di], al
        mov dx, VGA_DAC_WRITE_INDEX
        in al, dx
        mov [es:di + 1], al
        mov dx, VGA_DAC_MASK
        in al, dx
        mov [es:di + 2], al
        add di, 3
        mov dx, VGA_DAC_READ_INDEX
        xor al, al
        out dx, al
        mov dx, VGA_DAC_DATA
        mov cx, 768
        rep insb
        ; reading moved the index: put the write index back
        popa
        push ax
        push dx
        mov al, [es:di + 1]
        mov dx, VGA_DAC_WRITE_INDEX
        out dx, al
        pop dx
        pop ax
        ret

state_restore_dac:
        pusha
        mov al, [es:di + 2]
        mov dx, VGA_DAC_MASK
        out dx, al
        mov dx, VGA_DAC_WRITE_INDEX
        xor al, al
        out dx, al
        lea si, [di + 3]
        mov dx, VGA_DAC_DATA
        mov cx, 768
        push ds
        push es
        pop ds
        rep outsb
        pop ds
        mov al, [es:di + 1]
        mov dx, VGA_DAC_WRITE_INDEX
        cmp byte [es:di], 03h           ; it was reading
        jne .index
        mov dx, VGA_DAC_READ_INDEX
.index:
        out dx, al
        popa
        ret
