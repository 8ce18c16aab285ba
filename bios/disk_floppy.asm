; disk_floppy.asm - the floppy half of INT 13h (drives 00h and 01h) on the
; Intel 82077AA floppy controller (datasheet 290166, section 5 for the
; commands, 8 for the registers), DMA channel 2 of the 8237 and IRQ 6.
;
; Functions: 00 reset, 01 status, 02 read, 03 write, 04 verify, 05 format
; track, 08 parameters (ES:DI = diskette parameter table), 15 type, 16
; change line, 17 set DASD type, 18 set media type.  INT 40h enters the
; same code for software that calls the floppy handler there.
;
; Drives come from CMOS 10h.  The medium in a drive is found at the first
; access after a reset or a disk change by reading the last sector of track
; 0 with each geometry the drive type accepts, at that medium's data rate
; (1.44M drive: 1.44M, then 720K; 2.88M drive: 2.88M, 1.44M, 720K).
; Transfers run to the end of each track and go on to the next head and
; cylinder; a part that would cross a 64 KiB DMA page is split, and a
; sector that straddles one goes through a bounce buffer in the EBDA.
; Motor: turned on per command, turned off by bios-core's INT 08h when
; 40:40 (set from the parameter table's motor-off byte) counts down.
; The disk-change line is read and cleared at each access; a change makes
; the BIOS find the medium again instead of failing with 06h (only AH=16h
; reports a change), so boot loaders need no retry.
; Left out: 360K media in 1.2M drives (double stepping), 300 kbps media,
; retries inside the BIOS (callers retry, as with IBM's BIOS), the head
; settle and motor start delays on reads (the 82077 waits for the index
; itself; writes and formats do wait the motor start time), perpendicular
; mode, the FIFO (the 82077 stays in 8272A-compatible non-FIFO mode).

        section .f000

FDC_DOR             equ 3F2h
FDC_MSR             equ 3F4h
FDC_FIFO            equ 3F5h
FDC_DIR             equ 3F7h            ; read: bit 7 = disk changed
FDC_CCR             equ 3F7h            ; write: data rate
DOR_NRESET          equ 04h
DOR_DMA             equ 08h             ; DMA and IRQ gate
MSR_RQM             equ 80h
MSR_DIO             equ 40h             ; 1: FDC to CPU

FDC_CMD_SPECIFY     equ 03h
FDC_CMD_RECALIBRATE equ 07h
FDC_CMD_SENSE_INT   equ 08h
FDC_CMD_SEEK        equ 0Fh
FDC_CMD_READ        equ 46h             ; READ DATA, MFM
FDC_CMD_WRITE       equ 45h             ; WRITE DATA, MFM
FDC_CMD_FORMAT      equ 4Dh             ; FORMAT TRACK, MFM

DMA_CH2_ADDR        equ 04h
DMA_CH2_COUNT       equ 05h
DMA_CH2_PAGE        equ 81h
DMA_MODE_TO_MEMORY  equ 46h             ; single, increment, write memory, ch 2
DMA_MODE_FROM_MEMORY equ 4Ah            ; single, increment, read memory, ch 2
DMA_MODE_VERIFY     equ 42h             ; single, verify, ch 2

FD_OP_READ          equ 0
FD_OP_WRITE         equ 1
FD_OP_VERIFY        equ 2
FD_OP_FORMAT        equ 3

BDA_FD_RESULT       equ 42h             ; 7 result bytes of the last command
BDA_FD_DRIVE_INFO   equ 8Fh
BDA_FD_MEDIA_STATE  equ 90h             ; 2 bytes, drive 0 and 1
BDA_FD_CYLINDER     equ 94h             ; 2 bytes

; private state in the EBDA disk area
FD_TYPE             equ DISK_FD_STATE + 0   ; 2 bytes: CMOS drive type
FD_MEDIA            equ DISK_FD_STATE + 2   ; 2 bytes: fd_media entry, 0 unknown
FD_READY            equ DISK_FD_STATE + 4   ; controller reset since power-on
FD_XF_LINEAR        equ DISK_FD_STATE + 8   ; dword: the caller's buffer
FD_XF_LEFT          equ DISK_FD_STATE + 12
FD_XF_DONE          equ DISK_FD_STATE + 13
FD_XF_CYLINDER      equ DISK_FD_STATE + 14
FD_XF_HEAD          equ DISK_FD_STATE + 15
FD_XF_SECTOR        equ DISK_FD_STATE + 16
FD_XF_OP            equ DISK_FD_STATE + 17
FD_XF_COUNT         equ DISK_FD_STATE + 18  ; sectors in this command
FD_XF_BOUNCE        equ DISK_FD_STATE + 19  ; this command uses the bounce buffer

; --- media and their diskette parameter tables --------------------------------
; A media entry: sectors per track, cylinders, CCR data rate (0 500k,
; 2 250k, 3 1M), media state bits 2-0 for 40:90, the table behind INT 1Eh.
FM_SPT              equ 0
FM_CYLINDERS        equ 1
FM_RATE             equ 2
FM_STATE            equ 3
FM_DPT              equ 4               ; word
FM_SIZE             equ 6

; DPT bytes (IBM AT reference, INT 1Eh)
DPT_SPECIFY1        equ 0               ; step rate / head unload
DPT_SPECIFY2        equ 1               ; head load << 1, bit 0 = no DMA
DPT_MOTOR_OFF       equ 2               ; ticks
DPT_SPT             equ 4
DPT_GAP             equ 5
DPT_FORMAT_GAP      equ 7
DPT_FILL            equ 8
DPT_MOTOR_START     equ 0Ah             ; 1/8 s

%macro fd_dpt 3                         ; spt, gap, format gap
        db 0DFh, 02h, 25h, 02h, %1, %2, 0FFh, %3, 0F6h, 0Fh, 08h
%endmacro

fd_media_360:   db 9, 40, 2, 3
                dw fd_dpt_360
fd_media_1200:  db 15, 80, 0, 5
                dw fd_dpt_1200
fd_media_720:   db 9, 80, 2, 7
                dw fd_dpt_720
fd_media_1440:  db 18, 80, 0, 7
                dw fd_dpt_1440
fd_media_2880:  db 36, 80, 3, 7
                dw fd_dpt_2880

fd_dpt_360:     fd_dpt 9, 2Ah, 50h
fd_dpt_1200:    fd_dpt 15, 1Bh, 54h
fd_dpt_720:     fd_dpt 9, 2Ah, 50h
fd_dpt_1440:    fd_dpt 18, 1Bh, 6Ch
fd_dpt_2880:    fd_dpt 36, 1Bh, 53h

; the media each CMOS drive type takes, most likely first, 0-terminated
fd_type_media:
        dw 0                            ; 0: no drive
        dw fd_candidates_360
        dw fd_candidates_1200
        dw fd_candidates_720
        dw fd_candidates_1440
        dw fd_candidates_2880
fd_candidates_360:  dw fd_media_360, 0
fd_candidates_1200: dw fd_media_1200, 0
fd_candidates_720:  dw fd_media_720, 0
fd_candidates_1440: dw fd_media_1440, fd_media_720, 0
fd_candidates_2880: dw fd_media_2880, fd_media_1440, fd_media_720, 0

; --- POST -------------------------------------------------------------------------
; fd_post (called by disk_post with DS = BDA, FS = EBDA): drives from CMOS
; 10h, the equipment word, the BDA floppy fields, INT 1Eh and INT 40h.
fd_post:
        mov al, CMOS_FLOPPY_TYPES
        call cmos_read
        mov ah, al
        shr al, 4                       ; drive A:
        and ah, 0Fh                     ; drive B:
        cmp al, 5
        jbe .a_known
        xor al, al
.a_known:
        cmp ah, 5
        jbe .b_known
        xor ah, ah
.b_known:
        mov [fs:FD_TYPE], ax
        mov word [fs:FD_MEDIA], 0
        mov byte [fs:FD_READY], 0
        xor cx, cx                      ; drives present
        cmp al, 0
        je .no_a
        inc cx
.no_a:
        cmp ah, 0
        je .no_b
        inc cx
.no_b:
        and word [BDA_EQUIPMENT], ~00C1h
        jcxz .equipment_done
        dec cx
        shl cx, 6                       ; bits 7-6: drives - 1
        or cx, EQUIP_FLOPPY
        or [BDA_EQUIPMENT], cx
.equipment_done:
        xor ax, ax
        mov [BDA_FD_RECAL], al
        mov [BDA_FD_MOTOR], al
        mov [BDA_FD_MOTOR_TICKS], al
        mov [BDA_FD_STATUS], al
        mov [BDA_FD_MEDIA_STATE], ax
        mov [BDA_FD_CYLINDER], ax
        mov [BDA_FD_DRIVE_INFO], al
        ; INT 1Eh: the table of drive A:'s own medium (1.44M without one)
        mov si, fd_media_1440
        mov bx, 0
        call fd_native_media
        jc .dpt
        mov si, ax
.dpt:
        push es
        xor ax, ax
        mov es, ax
        mov ax, [cs:si + FM_DPT]
        mov [es:1Eh * 4], ax
        mov [es:1Eh * 4 + 2], cs
        mov word [es:40h * 4], int40_entry
        mov [es:40h * 4 + 2], cs
        pop es
        ret

; fd_native_media: BX = drive -> AX = its drive type's own medium (the
; first candidate); CF when there is no such drive.
fd_native_media:
        cmp bx, 1
        ja .none
        movzx si, byte [fs:FD_TYPE + bx]
        test si, si
        jz .none
        add si, si
        mov si, [cs:fd_type_media + si]
        mov ax, [cs:si]
        clc
        ret
.none:
        stc
        ret

; --- INT 40h and the dispatcher -------------------------------------------------------
int40_entry:
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

; fd_int13: from int13_entry, with DS = 40h, FS = EBDA, the frame at SS:BP.
fd_int13:
        movzx si, ah
        cmp ah, 18h
        ja fd_bad_command
        add si, si
        jmp [cs:fd_functions + si]

fd_functions:
        dw fd_reset                     ; 00
        dw fd_status                    ; 01
        dw fd_read                      ; 02
        dw fd_write                     ; 03
        dw fd_verify                    ; 04
        dw fd_format                    ; 05
        times 2 dw fd_bad_command       ; 06-07
        dw fd_parameters                ; 08
        times 15h - 09h dw fd_bad_command   ; 09-14
        dw fd_type                      ; 15
        dw fd_change_line               ; 16
        dw fd_set_dasd_type             ; 17
        dw fd_set_media_type            ; 18

fd_bad_command:
        mov al, DISK_BAD_COMMAND
; fd_done: AL = status -> 40:41, frame AH, CF; the motor timeout starts.
fd_done:
        mov [BDA_FD_STATUS], al
        call fd_motor_release
        jmp int13_status_done

; fd_drive: the frame's DL -> BX = drive 0/1; CF when there is no such drive.
fd_drive:
        movzx bx, byte [bp + F_DL]
        cmp bx, 1
        ja .none
        cmp byte [fs:FD_TYPE + bx], 0
        je .none
        clc
        ret
.none:
        stc
        ret

; --- 00 reset, 01 status ----------------------------------------------------------------
fd_reset:
        call fd_reset_controller
        jmp fd_done

fd_status:
        mov al, [BDA_FD_STATUS]
        mov [bp + F_AL], al
        jmp int13_status_done

; --- 08 parameters ----------------------------------------------------------------------
fd_parameters:
        call fd_drive                   ; before DL is replaced below
        pushf
        mov word [bp + F_AX], 0
        mov al, [BDA_EQUIPMENT]
        xor ah, ah
        test al, EQUIP_FLOPPY
        jz .count
        shr al, 6
        inc al
        mov ah, al
.count:
        mov [bp + F_DL], ah             ; drives installed
        popf
        jc .absent
        call fd_native_media
        mov si, ax
        mov al, [fs:FD_TYPE + bx]
        mov [bp + F_BL], al
        mov byte [bp + F_BH], 0
        mov al, [cs:si + FM_CYLINDERS]
        dec al
        mov [bp + F_CH], al             ; last cylinder (< 256)
        mov al, [cs:si + FM_SPT]
        mov [bp + F_CL], al
        mov byte [bp + F_DH], 1         ; last head
        mov ax, [cs:si + FM_DPT]
        mov [bp + F_DI], ax
        mov [bp + F_ES], cs
        mov al, DISK_OK
        jmp fd_done
.absent:
        ; no such drive: everything zero but the drive count, no error
        mov word [bp + F_BX], 0
        mov word [bp + F_CX], 0
        mov byte [bp + F_DH], 0
        mov word [bp + F_DI], 0
        mov word [bp + F_ES], 0
        mov al, DISK_OK
        jmp int13_status_done

; --- 15 type, 16 change line ---------------------------------------------------------
fd_type:
        mov byte [bp + F_AH], 0         ; no drive
        call fd_drive
        jc .done
        mov byte [bp + F_AH], 1         ; 360K drives have no change line
        cmp byte [fs:FD_TYPE + bx], 1
        je .done
        mov byte [bp + F_AH], 2
.done:
        jmp int13_clear_cf

fd_change_line:
        call fd_drive
        jc fd_bad_command
        call fd_controller_ready
        jnz fd_done
        call fd_motor_on
        mov dx, FDC_DIR
        in al, dx
        test al, 80h
        mov al, DISK_OK
        jz fd_done
        mov word [fs:FD_MEDIA + bx], 0  ; find the medium again next time
        and byte [BDA_FD_MEDIA_STATE + bx], ~10h
        mov al, DISK_CHANGED
        jmp fd_done

; --- 17 set DASD type, 18 set media type for a format ----------------------------------
fd_set_dasd_type:
        call fd_drive
        jc fd_bad_command
        mov al, [bp + F_AL]
        mov si, fd_media_360
        cmp al, 1                       ; 360K disk in a 360K drive
        je .set
        mov si, fd_media_1200
        cmp al, 3                       ; 1.2M disk in a 1.2M drive
        je .set
        mov si, fd_media_720
        cmp al, 4                       ; 720K disk in a 720K drive
        je .set
        jmp fd_bad_command              ; 2: 360K in 1.2M (double step): no
.set:
        call fd_set_media
        mov al, DISK_OK
        jmp fd_done

fd_set_media_type:
        call fd_drive
        jc fd_bad_command
        movzx si, byte [fs:FD_TYPE + bx]
        add si, si
        mov si, [cs:fd_type_media + si]
.candidate:
        mov di, [cs:si]
        test di, di
        jz .unsupported
        mov al, [cs:di + FM_CYLINDERS]
        dec al
        cmp al, [bp + F_CH]
        jne .next
        mov al, [bp + F_CL]
        and al, 3Fh
        cmp al, [cs:di + FM_SPT]
        je .found
.next:
        add si, 2
        jmp .candidate
.found:
        mov si, di
        call fd_set_media
        mov ax, [cs:si + FM_DPT]
        mov [bp + F_DI], ax
        mov [bp + F_ES], cs
        mov al, DISK_OK
        jmp fd_done
.unsupported:
        mov al, DISK_MEDIA_TYPE
        jmp fd_done

; fd_set_media: drive BX holds the medium at CS:SI (40:90 says established).
fd_set_media:
        mov [fs:FD_MEDIA + bx], si
        mov al, [cs:si + FM_RATE]
        shl al, 6                       ; 40:90 bits 7-6: the CCR rate code
        or al, [cs:si + FM_STATE]
        or al, 10h                      ; media established
        mov [BDA_FD_MEDIA_STATE + bx], al
        ret

; --- 02/03/04 read, write, verify ---------------------------------------------------------
fd_read:
        mov dl, FD_OP_READ
        jmp fd_transfer
fd_write:
        mov dl, FD_OP_WRITE
        jmp fd_transfer
fd_verify:
        mov dl, FD_OP_VERIFY
fd_transfer:
        mov [fs:FD_XF_OP], dl
        call fd_drive
        jc fd_bad_command
        mov al, [bp + F_AL]
        mov byte [bp + F_AL], 0
        test al, al
        jz fd_bad_command
        mov [fs:FD_XF_LEFT], al
        mov byte [fs:FD_XF_DONE], 0
        call fd_prepare                 ; SI = medium, or AL = error
        jnz fd_done
        ; the address must be on the medium
        mov al, [bp + F_CL]
        and al, 3Fh
        jz .not_found
        cmp al, [cs:si + FM_SPT]
        ja .not_found
        mov [fs:FD_XF_SECTOR], al
        mov al, [bp + F_DH]
        cmp al, 1
        ja .not_found
        mov [fs:FD_XF_HEAD], al
        mov al, [bp + F_CH]
        cmp al, [cs:si + FM_CYLINDERS]
        jae .not_found
        mov [fs:FD_XF_CYLINDER], al
        movzx eax, word [bp + F_ES]
        shl eax, 4
        movzx ecx, word [bp + F_BX]
        add eax, ecx
        mov [fs:FD_XF_LINEAR], eax
.next_piece:
        cmp byte [fs:FD_XF_LEFT], 0
        je .success
        ; to the end of the track at most
        mov al, [cs:si + FM_SPT]
        sub al, [fs:FD_XF_SECTOR]
        inc al
        cmp al, [fs:FD_XF_LEFT]
        jbe .track_limited
        mov al, [fs:FD_XF_LEFT]
.track_limited:
        ; ... and not across a 64 KiB DMA page
        mov byte [fs:FD_XF_BOUNCE], 0
        cmp byte [fs:FD_XF_OP], FD_OP_VERIFY
        je .sized                       ; a verify moves no data
        mov ecx, [fs:FD_XF_LINEAR]
        neg cx                          ; bytes left in the page (0 = 64 KiB)
        movzx ecx, cx
        test cx, cx
        jnz .page_room
        mov ecx, 10000h
.page_room:
        shr ecx, 9                      ; whole sectors that fit
        jnz .fits_some
        mov al, 1                       ; a straddling sector: bounce it
        mov byte [fs:FD_XF_BOUNCE], 1
        jmp .sized
.fits_some:
        movzx cx, cl
        cmp al, cl
        jbe .sized
        mov al, cl
.sized:
        mov [fs:FD_XF_COUNT], al
        mov edi, [fs:FD_XF_LINEAR]
        cmp byte [fs:FD_XF_BOUNCE], 0
        je .dma_address
        call fd_bounce_linear           ; EDI = the bounce buffer
        cmp byte [fs:FD_XF_OP], FD_OP_WRITE
        jne .dma_address
        mov esi, [fs:FD_XF_LINEAR]
        call fd_copy_sector
        call fd_bounce_linear
        mov si, [fs:FD_MEDIA + bx]
.dma_address:
        mov ah, [fs:FD_XF_OP]
        mov al, [fs:FD_XF_COUNT]
        mov ch, [fs:FD_XF_CYLINDER]
        mov cl, [fs:FD_XF_SECTOR]
        mov dh, [fs:FD_XF_HEAD]
        call fd_command_rw
        test al, al
        jnz .failed
        cmp byte [fs:FD_XF_BOUNCE], 0
        je .advance
        cmp byte [fs:FD_XF_OP], FD_OP_READ
        jne .advance
        call fd_bounce_linear
        mov esi, edi
        mov edi, [fs:FD_XF_LINEAR]
        call fd_copy_sector
        mov si, [fs:FD_MEDIA + bx]
.advance:
        movzx eax, byte [fs:FD_XF_COUNT]
        add [fs:FD_XF_DONE], al
        sub [fs:FD_XF_LEFT], al
        add [fs:FD_XF_SECTOR], al
        shl eax, 9
        add [fs:FD_XF_LINEAR], eax
        mov al, [fs:FD_XF_SECTOR]
        cmp al, [cs:si + FM_SPT]
        jbe .next_piece
        mov byte [fs:FD_XF_SECTOR], 1
        xor byte [fs:FD_XF_HEAD], 1
        jnz .next_piece
        inc byte [fs:FD_XF_CYLINDER]
        mov al, [fs:FD_XF_CYLINDER]
        cmp al, [cs:si + FM_CYLINDERS]
        jb .next_piece
        cmp byte [fs:FD_XF_LEFT], 0
        je .success
.not_found:
        mov al, DISK_NOT_FOUND
        jmp .failed
.success:
        xor al, al
.failed:
        mov ah, [fs:FD_XF_DONE]
        mov [bp + F_AL], ah
        jmp fd_done

; fd_bounce_linear: EDI = the linear address of the bounce buffer.
fd_bounce_linear:
        movzx edi, word [BDA_EBDA_SEG]
        shl edi, 4
        add edi, DISK_FD_BOUNCE
        ret

; fd_copy_sector: 512 bytes from linear ESI to linear EDI (both below
; 1 MiB + 64 KiB, addressed through normalised segments).
fd_copy_sector:
        push ds
        push es
        push cx
        mov ecx, esi
        shr ecx, 4
        mov ds, cx
        and si, 0Fh
        mov ecx, edi
        shr ecx, 4
        mov es, cx
        and di, 0Fh
        mov cx, 512
        rep movsb
        pop cx
        pop es
        pop ds
        ret

; --- 05 format track: ES:BX = AL address fields (C, H, R, N) ---------------------------
fd_format:
        call fd_drive
        jc fd_bad_command
        cmp word [fs:FD_MEDIA + bx], 0
        jne .media_known
        call fd_native_media            ; unformatted: the drive's own medium
        mov si, ax
        call fd_set_media
.media_known:
        call fd_controller_ready
        jnz fd_done
        mov byte [fs:FD_XF_OP], FD_OP_FORMAT
        call fd_motor_on_wait
        call fd_recalibrate_if_needed
        jnz fd_done
        mov si, [fs:FD_MEDIA + bx]
        call fd_set_rate
        movzx edi, word [bp + F_ES]
        shl edi, 4
        movzx eax, word [bp + F_BX]
        add edi, eax
        mov ah, FD_OP_FORMAT
        mov al, [bp + F_AL]
        mov ch, [bp + F_CH]
        mov dh, [bp + F_DH]
        call fd_command_rw
        jmp fd_done

%include "disk_fdc.inc"

; --- IRQ 6 -------------------------------------------------------------------------------
irq6_entry:
        push ax
        push ds
        mov ax, BDA_SEG
        mov ds, ax
        or byte [BDA_FD_RECAL], 80h
        mov al, 20h
        out PORT_PIC1_CMD, al
        pop ds
        pop ax
        iret
