; int13.asm - INT 13h, the disk services: the common entry and exit, and
; the hard disk functions (drives 80h-83h) on top of disk_ata.asm.  The
; floppy functions (drives 00h-01h) live in disk_floppy.asm and share the
; entry, the frame and the exits here.
;
; Functions for hard disks (IBM PC/AT technical reference; Phoenix "BIOS
; Enhanced Disk Drive Specification" 3.0 for 41h-48h):
;   00 reset, 01 last status, 02 read, 03 write, 04 verify, 08 parameters,
;   0C seek, 0D reset, 10 ready, 11 recalibrate, 15 type,
;   41 EDD check, 42 extended read, 43 extended write, 44 extended verify,
;   47 extended seek, 48 drive parameters (EDD 3.0 result with DPTE).
; Left out: 05-07 format, 09 set parameters, 0A/0B long read/write, 12-14
; diagnostics, 45/46/49 removable-media functions, 4E: they return 01h.
; The EDD flat 64-bit buffer address (packet of 18h bytes with the buffer
; FFFF:FFFF) is refused with 01h.  CD-ROM drives are not supported.
;
; Buffers: ES:BX is normalised (segment += offset/16) before a transfer,
; and the segment advances by 20h per sector, so a buffer may cross a
; 64 KiB boundary as long as it stays below 1 MiB; PIO has no DMA page to
; respect.
;
; Every function runs with DS = 40h (the BDA), FS = EBDA, interrupts on,
; the caller's registers in the frame at SS:BP (F_* in disk_layout.inc).

        section .f000

%include "disk_layout.inc"

int13_entry:
        sti
        cld
        push ds
        push es
        push fs
        push gs
        pushad
        mov bp, sp
        mov si, BDA_SEG
        mov ds, si
        mov fs, [BDA_EBDA_SEG]
        test dl, 80h
        jz fd_int13                     ; disk_floppy.asm
        ; fall through to the hard disks

; --- hard disk dispatcher ------------------------------------------------------
hd_int13:
        movzx bx, dl
        sub bx, 80h
        cmp bl, [BDA_HD_COUNT]
        jae .no_drive
        cmp bl, ATA_MAX_DRIVES
        jae .no_drive
        shl bx, 5                       ; * ATA_RECORD_SIZE
        add bx, DISK_ATA_TABLE
        movzx si, ah
        cmp ah, 15h
        jbe .classic
        sub si, 41h
        cmp si, 48h - 41h
        ja hd_bad_command
        add si, si
        jmp [cs:hd_edd_functions + si]
.classic:
        add si, si
        jmp [cs:hd_functions + si]

.no_drive:
        cmp ah, 15h                     ; "type": AH = 0, no such drive
        jne .no_drive_error
        mov word [bp + F_AX], 0
        jmp int13_clear_cf
.no_drive_error:
        cmp ah, 08h                     ; parameters still report the count
        jne hd_bad_command
        mov al, [BDA_HD_COUNT]
        mov [bp + F_DL], al
hd_bad_command:
        mov al, DISK_BAD_COMMAND
        ; fall through

; --- exits -------------------------------------------------------------------
; int13_hd_done: AL = status for a hard disk: 40:74, frame AH, CF.
int13_hd_done:
        mov [BDA_HD_STATUS], al
int13_status_done:
        mov [bp + F_AH], al
        test al, al
        jnz int13_set_cf
int13_clear_cf:
        and byte [bp + F_FLAGS], 0FEh
        jmp int13_return
int13_set_cf:
        or byte [bp + F_FLAGS], 01h
int13_return:
        popad
        pop gs
        pop fs
        pop es
        pop ds
        iret

hd_functions:
        dw hd_reset                     ; 00
        dw hd_status                    ; 01
        dw hd_read                      ; 02
        dw hd_write                     ; 03
        dw hd_verify                    ; 04
        dw hd_bad_command               ; 05 format track
        dw hd_bad_command               ; 06
        dw hd_bad_command               ; 07
        dw hd_parameters                ; 08
        dw hd_bad_command               ; 09 set drive parameters
        dw hd_bad_command               ; 0A read long
        dw hd_bad_command               ; 0B write long
        dw hd_seek                      ; 0C
        dw hd_reset                     ; 0D alternate reset
        dw hd_bad_command               ; 0E
        dw hd_bad_command               ; 0F
        dw hd_ready                     ; 10
        dw hd_recalibrate               ; 11
        dw hd_bad_command               ; 12
        dw hd_bad_command               ; 13
        dw hd_bad_command               ; 14 controller diagnostic
        dw hd_type                      ; 15

hd_edd_functions:
        dw hd_edd_check                 ; 41
        dw hd_edd_read                  ; 42
        dw hd_edd_write                 ; 43
        dw hd_edd_verify                ; 44
        dw hd_bad_command               ; 45 lock/unlock
        dw hd_bad_command               ; 46 eject
        dw hd_edd_seek                  ; 47
        dw hd_edd_parameters            ; 48

; --- 00/0D reset -----------------------------------------------------------------
hd_reset:
        call ata_reset_channel
        jmp int13_hd_done

; --- 01 status of the last operation ---------------------------------------------
hd_status:
        mov al, [BDA_HD_STATUS]
        mov [bp + F_AL], al
        mov byte [BDA_HD_STATUS], DISK_OK
        jmp int13_status_done

; --- 02/03/04 CHS read, write, verify ---------------------------------------------
hd_read:
        mov dl, ATA_OP_READ
        jmp hd_chs_transfer
hd_write:
        mov dl, ATA_OP_WRITE
        jmp hd_chs_transfer
hd_verify:
        mov dl, ATA_OP_VERIFY
hd_chs_transfer:
        movzx cx, byte [bp + F_AL]
        mov byte [bp + F_AL], 0         ; sectors done, until something is
        test cx, cx
        jz hd_bad_command
        push dx
        call hd_chs_to_lba              ; EAX = LBA or CF
        pop dx
        jc .not_found
        ; the whole request must lie inside the logical geometry's disk
        push eax
        movzx esi, cx
        add esi, eax
        call hd_chs_capacity            ; EDI = sectors reachable by CHS
        cmp esi, edi
        pop eax
        ja .not_found
        mov di, [bp + F_BX]
        mov si, [bp + F_ES]
        call hd_normalize               ; ES:DI
        xor si, si                      ; LBA bits 32-47
        call ata_transfer
        mov [bp + F_AL], cl
        jmp int13_hd_done
.not_found:
        mov al, DISK_NOT_FOUND
        jmp int13_hd_done

; hd_chs_to_lba: frame CX/DH -> EAX = LBA in the logical geometry of the
; drive at FS:BX; CF when the address is outside it.  Keeps BX, CX.
hd_chs_to_lba:
        push cx
        push dx
        mov cl, [bp + F_CL]
        mov ch, [bp + F_CH]
        movzx eax, cl
        and al, 3Fh                     ; sector, 1-based
        jz .bad
        cmp ax, [fs:bx + ATA_LSPT]
        ja .bad
        movzx edx, byte [bp + F_DH]     ; head
        cmp dx, [fs:bx + ATA_LHEADS]
        jae .bad
        shr cl, 6
        xchg cl, ch                     ; CX = cylinder (10 bits)
        cmp cx, [fs:bx + ATA_LCYL]
        jae .bad
        ; LBA = (cylinder * heads + head) * spt + sector - 1
        push eax
        movzx eax, cx
        movzx ecx, word [fs:bx + ATA_LHEADS]
        imul eax, ecx
        add eax, edx
        movzx ecx, word [fs:bx + ATA_LSPT]
        imul eax, ecx
        pop ecx
        lea eax, [eax + ecx - 1]
        pop dx
        pop cx
        clc
        ret
.bad:
        pop dx
        pop cx
        stc
        ret

; hd_chs_capacity: EDI = cylinders * heads * spt of the logical geometry.
hd_chs_capacity:
        push eax
        push edx
        movzx eax, word [fs:bx + ATA_LCYL]
        movzx edx, word [fs:bx + ATA_LHEADS]
        imul eax, edx
        movzx edx, word [fs:bx + ATA_LSPT]
        imul eax, edx
        mov edi, eax
        pop edx
        pop eax
        ret

; hd_normalize: SI:DI (segment:offset) -> ES:DI with DI < 16.
hd_normalize:
        push ax
        mov ax, di
        shr ax, 4
        add si, ax
        mov es, si
        and di, 0Fh
        pop ax
        ret

; --- 08 drive parameters ---------------------------------------------------------
hd_parameters:
        mov ax, [fs:bx + ATA_LCYL]
        dec ax                          ; the last cylinder, 0-1023
        mov [bp + F_CH], al
        shr ax, 2
        and al, 0C0h
        or al, [fs:bx + ATA_LSPT]
        mov [bp + F_CL], al
        mov al, [fs:bx + ATA_LHEADS]
        dec al
        mov [bp + F_DH], al
        mov al, [BDA_HD_COUNT]
        mov [bp + F_DL], al
        mov byte [bp + F_AL], 0
        mov al, DISK_OK
        jmp int13_hd_done

; --- 0C seek -------------------------------------------------------------------
hd_seek:
        call hd_chs_to_lba
        jc .not_found
        call ata_seek
        jmp int13_hd_done
.not_found:
        mov al, DISK_NOT_FOUND
        jmp int13_hd_done

; --- 10 ready ----------------------------------------------------------------------
hd_ready:
        call ata_ready
        jmp int13_hd_done

; --- 11 recalibrate ----------------------------------------------------------------
hd_recalibrate:
        call ata_recalibrate
        jmp int13_hd_done

; --- 15 type: AH = 3 (hard disk), CX:DX = sectors of the CHS geometry ----------
hd_type:
        call hd_chs_capacity
        mov [bp + F_DX], di
        shr edi, 16
        mov [bp + F_CX], di
        mov byte [BDA_HD_STATUS], DISK_OK
        mov byte [bp + F_AH], 03h
        mov byte [bp + F_AL], 0
        jmp int13_clear_cf

%include "disk_edd.inc"
