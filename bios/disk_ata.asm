; disk_ata.asm - the ATA driver under INT 13h: finding the drives at POST
; (disk_post), and PIO commands for reads, writes, verifies and seeks on
; both IDE channels, master and slave (ATA/ATAPI-6, T13/1410D: section 9
; for the PIO data-in / data-out / non-data protocols, section 7 for the
; registers).  LBA28 for ranges that end below 2^28 sectors, LBA48 above,
; and CHS commands (with the drive's IDENTIFY geometry) for drives without
; LBA.
;
; Polled, not interrupt driven: nIEN is set in both channels' device
; control registers, and every wait polls the status register (bounded by
; ATA_TIMEOUT_POLLS).  INT 13h is synchronous, so an interrupt would only
; be waited for anyway; polling keeps IRQ 14/15 masked and free for the
; OS, and works the same at POST (interrupts off) and at run time.  The
; IRQ 14/15 handlers are still installed: they acknowledge a drive and
; the PICs if something unmasks the line before the OS takes over.
;
; Logical (INT 13h) geometry: the IDENTIFY geometry when it has at most
; 1024 cylinders and 16 heads; otherwise the LBA-assisted translation
; (63 sectors, 16/32/64/128/255 heads by size, at most 1024 cylinders),
; as the EDD 3.0 annex and every BIOS since 1994 do.
; Left out: ATAPI devices (CD-ROMs are skipped), DMA, multiple-sector
; (READ MULTIPLE) mode, 32-bit PIO, power management commands.

        section .f000

; --- POST: find the drives --------------------------------------------------------
; The probe order gives the BIOS drive numbers: primary master, primary
; slave, secondary master, secondary slave.
ata_probe_list:
        ;  base       control    select          IRQ channel
        dw ATA0_BASE, ATA0_CTRL
        db ATA_DEV_MASTER, 14, 0, 0
        dw ATA0_BASE, ATA0_CTRL
        db ATA_DEV_SLAVE, 14, 0, 0
        dw ATA1_BASE, ATA1_CTRL
        db ATA_DEV_MASTER, 15, 1, 0
        dw ATA1_BASE, ATA1_CTRL
        db ATA_DEV_SLAVE, 15, 1, 0
ata_probe_list_end:

disk_post:
        push ds
        push es
        push fs
        push gs
        mov ax, BDA_SEG
        mov ds, ax
        mov fs, [BDA_EBDA_SEG]
        mov es, [BDA_EBDA_SEG]
        mov di, EBDA_DISK_AREA
        mov cx, DISK_AREA_USED / 2
        xor ax, ax
        rep stosw
        mov byte [BDA_HD_COUNT], 0
        mov byte [BDA_HD_STATUS], DISK_OK

        mov bx, DISK_ATA_TABLE
        mov si, ata_probe_list
.next_device:
        mov ax, [cs:si]
        mov [fs:bx + ATA_BASE_PORT], ax
        mov ax, [cs:si + 2]
        mov [fs:bx + ATA_CTRL_PORT], ax
        mov al, [cs:si + 4]
        mov [fs:bx + ATA_SELECT], al
        mov al, [cs:si + 5]
        mov [fs:bx + ATA_IRQ], al
        mov al, [cs:si + 6]
        mov [fs:bx + ATA_CHANNEL], al
        push si
        call ata_probe
        jc .absent
        call ata_build_tables
        call ata_print_drive
        inc byte [BDA_HD_COUNT]
        add bx, ATA_RECORD_SIZE
.absent:
        pop si
        add si, 8
        cmp si, ata_probe_list_end
        jb .next_device
        ; the record after the last drive held a failed probe: clear it
        cmp bx, DISK_ATA_TABLE + ATA_MAX_DRIVES * ATA_RECORD_SIZE
        jae .table_done
        push fs
        pop es
        mov di, bx
        mov cx, ATA_RECORD_SIZE / 2
        xor ax, ax
        rep stosw
.table_done:
        call fd_post                    ; disk_floppy.asm
        pop gs
        pop fs
        pop es
        pop ds
        ret

; ata_probe: FS:BX = a record with its ports and select byte filled.  Sends
; IDENTIFY DEVICE and, for an ATA disk, fills the geometry, size and flags.
; CF when nothing (or an ATAPI device) answers.  Keeps BX, DS, FS.
ata_probe:
        mov dx, [fs:bx + ATA_CTRL_PORT]
        mov al, ATA_DC_NIEN
        out dx, al
        mov dx, [fs:bx + ATA_BASE_PORT]
        add dx, ATA_REG_STATUS
        in al, dx
        cmp al, 0FFh                    ; floating bus: no controller here
        je .absent
        sub dx, ATA_REG_STATUS - ATA_REG_DEVICE
        mov al, [fs:bx + ATA_SELECT]
        out dx, al
        call ata_delay400
        ; a device latches its task file: two registers must read back
        sub dx, ATA_REG_DEVICE - ATA_REG_COUNT
        mov al, 55h
        out dx, al
        inc dx
        mov al, 0AAh
        out dx, al
        dec dx
        in al, dx
        cmp al, 55h
        jne .absent
        inc dx
        in al, dx
        cmp al, 0AAh
        jne .absent
        mov dx, [fs:bx + ATA_BASE_PORT]
        call ata_wait_not_busy
        jc .absent
        ; DRDY: ATA disks set it, ATAPI devices and absent slaves do not
        test al, ATA_SR_DRDY
        jz .absent
        add dx, ATA_REG_COMMAND
        mov al, ATA_CMD_IDENTIFY
        out dx, al
        sub dx, ATA_REG_COMMAND
        call ata_delay400
        call ata_wait_not_busy
        jc .absent
        test al, ATA_SR_ERR
        jnz .absent
        test al, ATA_SR_DRQ
        jz .absent
        ; the 256 IDENTIFY words go onto the stack
        sub sp, 512
        mov di, sp
        push es
        push ss
        pop es
        mov cx, 256
        rep insw
        pop es
        mov si, sp
        call ata_parse_identify         ; CF when unusable
        lea sp, [si + 512]              ; keeps CF
        ret
.absent:
        stc
        ret

; ata_parse_identify: SS:SI = IDENTIFY data -> the record at FS:BX.
; CF when the drive gives neither LBA nor a CHS geometry.
ID_CYLINDERS        equ 1 * 2
ID_HEADS            equ 3 * 2
ID_SPT              equ 6 * 2
ID_MODEL            equ 27 * 2          ; 40 characters, byte-swapped
ID_CAPABILITIES     equ 49 * 2          ; bit 9: LBA
ID_LBA28_SECTORS    equ 60 * 2          ; dword
ID_COMMAND_SETS     equ 83 * 2          ; bit 10: 48-bit address; 15-14 = 01b
ID_LBA48_SECTORS    equ 100 * 2         ; qword

ata_parse_identify:
        mov ax, [ss:si + ID_CYLINDERS]
        mov [fs:bx + ATA_PCYL], ax
        mov ax, [ss:si + ID_HEADS]
        mov [fs:bx + ATA_PHEADS], ax
        mov ax, [ss:si + ID_SPT]
        mov [fs:bx + ATA_PSPT], ax
        mov byte [fs:bx + ATA_FLAGS], 0
        ; CHS capacity first, replaced by the LBA counts when present
        movzx eax, word [fs:bx + ATA_PCYL]
        movzx edx, word [fs:bx + ATA_PHEADS]
        imul eax, edx
        movzx edx, word [fs:bx + ATA_PSPT]
        imul eax, edx
        xor edx, edx
        test word [ss:si + ID_CAPABILITIES], 0200h
        jz .size_done
        or byte [fs:bx + ATA_FLAGS], ATA_F_LBA
        mov eax, [ss:si + ID_LBA28_SECTORS]
        mov cx, [ss:si + ID_COMMAND_SETS]
        and cx, 0C400h
        cmp cx, 4400h
        jne .size_done
        or byte [fs:bx + ATA_FLAGS], ATA_F_LBA48
        mov eax, [ss:si + ID_LBA48_SECTORS]
        mov edx, [ss:si + ID_LBA48_SECTORS + 4]
        and edx, 0FFFFh
.size_done:
        mov [fs:bx + ATA_SECTORS], eax
        mov [fs:bx + ATA_SECTORS + 4], edx
        mov ecx, eax
        or ecx, edx
        jz .unusable
        ; without LBA, commands use the IDENTIFY geometry: it must be sane
        test byte [fs:bx + ATA_FLAGS], ATA_F_LBA
        jnz .geometry
        cmp word [fs:bx + ATA_PHEADS], 16
        ja .unusable
        cmp word [fs:bx + ATA_PSPT], 255
        ja .unusable
.geometry:
        call ata_logical_geometry
        clc
        ret
.unusable:
        stc
        ret

; ata_logical_geometry: choose the INT 13h geometry of the drive at FS:BX
; from its IDENTIFY geometry and size (EDX:EAX sectors).
ata_logical_geometry:
        push si
        mov cx, [fs:bx + ATA_PCYL]
        cmp cx, 1024
        ja .translate
        cmp word [fs:bx + ATA_PHEADS], 16
        ja .translate
        cmp word [fs:bx + ATA_PSPT], 63
        ja .translate
        cmp word [fs:bx + ATA_PHEADS], 0
        je .translate
        cmp word [fs:bx + ATA_PSPT], 0
        je .translate
        jcxz .translate
        mov [fs:bx + ATA_LCYL], cx
        mov ax, [fs:bx + ATA_PHEADS]
        mov [fs:bx + ATA_LHEADS], ax
        mov ax, [fs:bx + ATA_PSPT]
        mov [fs:bx + ATA_LSPT], ax
        pop si
        ret
.translate:
        ; LBA-assisted: 63 sectors, the fewest heads that keep the
        ; cylinders at 1024 or less, 255 heads past 1024*128*63 sectors
        or byte [fs:bx + ATA_FLAGS], ATA_F_TRANSLATED
        test edx, edx
        jz .small_enough
        mov eax, 0FFFFFFFFh             ; more than 2 TiB: the cap is the same
.small_enough:
        mov si, ata_assisted_heads
.pick_heads:
        movzx ecx, word [cs:si]
        cmp ecx, 255
        je .heads_chosen
        imul ecx, ecx, 1024 * 63
        cmp eax, ecx
        jbe .heads_chosen_load
        add si, 2
        jmp .pick_heads
.heads_chosen_load:
        movzx ecx, word [cs:si]
.heads_chosen:
        mov [fs:bx + ATA_LHEADS], cx
        mov word [fs:bx + ATA_LSPT], 63
        imul ecx, ecx, 63
        xor edx, edx
        div ecx
        cmp eax, 1024
        jbe .cylinders
        mov eax, 1024
.cylinders:
        test eax, eax
        jnz .store_cylinders
        inc eax
.store_cylinders:
        mov [fs:bx + ATA_LCYL], ax
        pop si
        ret

ata_assisted_heads:
        dw 16, 32, 64, 128, 255

; ata_build_tables: the EDD DPTE of the drive at FS:BX and, for the first
; two drives, the fixed disk parameter table behind INT 41h / INT 46h.
DPTE_FLAG_CHS_TRANSLATION equ 0008h
DPTE_FLAG_LBA       equ 0010h
DPTE_FLAG_ASSISTED  equ 0200h           ; bits 10-9 = 01b: LBA-assisted

ata_build_tables:
        push es
        push fs
        pop es
        mov di, bx
        sub di, DISK_ATA_TABLE
        shr di, 1
        add di, DISK_DPTE_TABLE
        mov ax, [fs:bx + ATA_BASE_PORT]
        mov [es:di + 0], ax
        mov ax, [fs:bx + ATA_CTRL_PORT]
        mov [es:di + 2], ax
        mov al, [fs:bx + ATA_SELECT]
        xor cx, cx
        test byte [fs:bx + ATA_FLAGS], ATA_F_LBA
        jz .prefix
        or al, ATA_DEV_LBA
        or cx, DPTE_FLAG_LBA
.prefix:
        mov [es:di + 4], al             ; ORed into the device register
        mov byte [es:di + 5], 0
        mov al, [fs:bx + ATA_IRQ]
        mov [es:di + 6], al
        mov byte [es:di + 7], 1         ; sectors per block: no READ MULTIPLE
        mov byte [es:di + 8], 0         ; no DMA
        mov byte [es:di + 9], 0         ; PIO mode 0
        test byte [fs:bx + ATA_FLAGS], ATA_F_TRANSLATED
        jz .flags
        or cx, DPTE_FLAG_CHS_TRANSLATION | DPTE_FLAG_ASSISTED
.flags:
        mov [es:di + 0Ah], cx
        mov word [es:di + 0Ch], 0
        mov byte [es:di + 0Eh], 11h     ; DPTE revision (EDD 1.1 and later)
        mov si, 0Fh
        call disk_checksum_table

        ; INT 41h (drive 80h) and INT 46h (drive 81h)
        mov di, bx
        sub di, DISK_ATA_TABLE
        shr di, 1
        cmp di, 2 * 16
        jae .done
        add di, DISK_FDPT_TABLE
        call ata_fill_fdpt
        push ds
        xor ax, ax
        mov ds, ax
        mov si, 41h * 4
        cmp di, DISK_FDPT_TABLE
        je .vector
        mov si, 46h * 4
.vector:
        mov [si], di
        mov [si + 2], es
        pop ds
.done:
        pop es
        ret

; ata_fill_fdpt: the fixed disk parameter table at ES:DI for the drive at
; FS:BX, in the plain AT form or, for a translated drive, the translated
; form (signature A0h at +3, physical geometry, checksum at +0Fh) that
; Phoenix's EDD 1.1 describes.
ata_fill_fdpt:
        mov ax, [fs:bx + ATA_LCYL]
        mov [es:di + 0], ax
        mov al, [fs:bx + ATA_LHEADS]
        mov [es:di + 2], al
        mov word [es:di + 5], 0FFFFh    ; no write precompensation
        mov byte [es:di + 7], 0
        mov al, 0
        cmp word [fs:bx + ATA_LHEADS], 8
        jbe .control
        mov al, 08h                     ; more than 8 heads
.control:
        mov [es:di + 8], al
        mov ax, [fs:bx + ATA_LSPT]
        mov [es:di + 0Eh], al
        test byte [fs:bx + ATA_FLAGS], ATA_F_TRANSLATED
        jnz .translated
        mov byte [es:di + 3], 0
        mov byte [es:di + 4], 0
        mov byte [es:di + 9], 0
        mov word [es:di + 0Ah], 0
        mov ax, [fs:bx + ATA_LCYL]
        mov [es:di + 0Ch], ax           ; landing zone
        mov byte [es:di + 0Fh], 0
        ret
.translated:
        mov byte [es:di + 3], 0A0h
        mov al, [fs:bx + ATA_PSPT]
        mov [es:di + 4], al
        mov ax, [fs:bx + ATA_PCYL]
        mov [es:di + 9], ax
        mov [es:di + 0Ch], ax
        mov al, [fs:bx + ATA_PHEADS]
        mov [es:di + 0Bh], al
        mov si, 0Fh
        ; fall through

; disk_checksum_table: the byte at ES:DI+SI (SI >= 1) becomes minus the sum
; of the SI bytes before it.  Keeps every register but AX.
disk_checksum_table:
        push bx
        push si
        xor ax, ax
        mov bx, di
.add:
        add al, [es:bx]
        inc bx
        dec si
        jnz .add
        neg al
        mov [es:bx], al
        pop si
        pop bx
        ret

; ata_print_drive: "hd0: ATA 65 MiB <model>" on the console.
ata_print_drive:
        push eax
        push si
        mov si, ata_msg_hd
        call print_str
        mov al, [BDA_HD_COUNT]
        add al, '0'
        call print_char
        mov si, ata_msg_ata
        call print_str
        mov eax, [fs:bx + ATA_SECTORS]
        mov edx, [fs:bx + ATA_SECTORS + 4]
        shrd eax, edx, 11               ; sectors / 2048 = MiB
        call print_dec
        mov si, ata_msg_mib
        call print_str
        pop si
        pop eax
        ret

ata_msg_hd:     db 'hd', 0
ata_msg_ata:    db ': ATA disk, ', 0
ata_msg_mib:    db ' MiB', 13, 10, 0

; --- commands ------------------------------------------------------------------
ata_commands:
        db ATA_CMD_READ, ATA_CMD_WRITE, ATA_CMD_VERIFY, ATA_CMD_SEEK
ata_commands_ext:
        ; ATA has no 48-bit SEEK: a seek there only checks the address
        db ATA_CMD_READ_EXT, ATA_CMD_WRITE_EXT, ATA_CMD_VERIFY_EXT, 0

; ata_transfer: FS:BX = drive, EAX = LBA bits 0-31, SI = bits 32-47,
; CX = sectors (>= 1), ES:DI = buffer, DL = ATA_OP_READ/WRITE/VERIFY/
; WRITE_VERIFY.  Returns AL = INT 13h status, CX = sectors done.
; Keeps BX, BP, DS, FS, GS; moves ES (the buffer advances by segment).
ata_transfer:
        cmp dl, ATA_OP_WRITE_VERIFY
        jne ata_transfer_once
        push eax
        push si
        push cx
        mov dl, ATA_OP_WRITE
        call ata_transfer_once
        pop dx                          ; the count asked for
        pop si
        test al, al                     ; the write's status ...
        jnz .write_failed
        pop eax                         ; ... before the LBA comes back
        mov cx, dx
        mov dl, ATA_OP_VERIFY
        jmp ata_transfer_once
.write_failed:
        add sp, 4
        ret

; ata_transfer_once: as ata_transfer, for READ, WRITE or VERIFY.  The
; request goes out in commands of ATA_CHUNK_SECTORS; each data sector is
; one DRQ block of 256 words (ATA-6 9.7 PIO data-in, 9.8 PIO data-out).
XF_LBA              equ -4              ; dword
XF_LBA_HIGH         equ -6
XF_LEFT             equ -8
XF_DONE             equ -10
XF_OP               equ -11

ata_transfer_once:
        push bp
        mov bp, sp
        sub sp, 12
        mov [bp + XF_LBA], eax
        mov [bp + XF_LBA_HIGH], si
        mov [bp + XF_LEFT], cx
        mov word [bp + XF_DONE], 0
        mov [bp + XF_OP], dl
.next_chunk:
        mov cx, [bp + XF_LEFT]
        test cx, cx
        jz .success
        cmp cx, ATA_CHUNK_SECTORS
        jbe .sized
        mov cx, ATA_CHUNK_SECTORS
.sized:
        mov eax, [bp + XF_LBA]
        mov si, [bp + XF_LBA_HIGH]
        mov dl, [bp + XF_OP]
        call ata_issue
        jc .out
        push cx
.next_sector:
        mov dx, [fs:bx + ATA_BASE_PORT]
        call ata_wait_not_busy
        jc .timeout
        test al, ATA_SR_ERR | ATA_SR_DF
        jnz .drive_error
        cmp byte [bp + XF_OP], ATA_OP_VERIFY
        je .verified
        test al, ATA_SR_DRQ
        jz .no_data
        push cx
        mov cx, 256
        cmp byte [bp + XF_OP], ATA_OP_READ
        jne .write_sector
        rep insw
        sub di, 512
        jmp .sector_moved
.write_sector:
        push ds
        push es
        pop ds
        mov si, di
        rep outsw
        pop ds
.sector_moved:
        pop cx
        mov ax, es
        add ax, 512 / 16
        mov es, ax
        inc word [bp + XF_DONE]
        loop .next_sector
        pop cx
        cmp byte [bp + XF_OP], ATA_OP_WRITE
        jne .advance
        ; after the last sector written, the drive reports the outcome
        call ata_wait_not_busy
        jc .timeout_done
        test al, ATA_SR_ERR | ATA_SR_DF
        jnz .write_error
        jmp .advance
.verified:
        pop cx
        add [bp + XF_DONE], cx
.advance:
        sub [bp + XF_LEFT], cx
        movzx ecx, cx
        add [bp + XF_LBA], ecx
        adc word [bp + XF_LBA_HIGH], 0
        jmp .next_chunk

.success:
        xor al, al
        jmp .out
.timeout:
        pop cx
.timeout_done:
        mov al, DISK_TIMEOUT
        jmp .out
.no_data:
        pop cx
        mov al, DISK_UNDEFINED
        jmp .out
.drive_error:
        pop cx
        call ata_error_code
        jmp .out
.write_error:
        call ata_error_code
        dec word [bp + XF_DONE]         ; the last sector did not make it
.out:
        mov cx, [bp + XF_DONE]
        mov sp, bp
        pop bp
        ret

; ata_issue: select the drive at FS:BX and send the command for DL = op on
; CX sectors (1-256) at LBA SI:EAX.  AL = 0, or a status code with CF.
; Keeps every other register.
IS_COUNT_HIGH       equ -2
IS_LBA3             equ -3
IS_LBA4             equ -4
IS_LBA5             equ -5
IS_COUNT            equ -6
IS_LBA0             equ -7
IS_LBA1             equ -8
IS_LBA2             equ -9
IS_DEVICE           equ -10
IS_COMMAND          equ -11
IS_LBA48            equ -12
IS_RESULT           equ -13

ata_issue:
        push bp
        mov bp, sp
        sub sp, 14
        push eax
        push ecx
        push edx
        push edi
        movzx di, dl
        mov [bp + IS_COUNT], cl
        mov [bp + IS_COUNT_HIGH], ch
        mov byte [bp + IS_LBA48], 0
        ; LBA48 when the range does not end below 2^28 (ATA-6 6.2)
        movzx edx, cx
        add edx, eax
        jc .lba48
        test si, si
        jnz .lba48
        cmp edx, 10000000h
        ja .lba48
        test byte [fs:bx + ATA_FLAGS], ATA_F_LBA
        jz .chs
        mov [bp + IS_LBA0], al
        mov [bp + IS_LBA1], ah
        shr eax, 16
        mov [bp + IS_LBA2], al
        and ah, 0Fh                     ; LBA 27-24 in the device register
        or ah, ATA_DEV_LBA
        mov [bp + IS_DEVICE], ah
        mov al, [cs:ata_commands + di]
        jmp .send
.no_lba48:
        mov al, DISK_NOT_FOUND          ; the range check should have caught it
        jmp .failed
.lba48:
        test byte [fs:bx + ATA_FLAGS], ATA_F_LBA48
        jz .no_lba48
        mov byte [bp + IS_LBA48], 1
        mov [bp + IS_LBA0], al
        mov [bp + IS_LBA1], ah
        shr eax, 16
        mov [bp + IS_LBA2], al
        mov [bp + IS_LBA3], ah
        mov ax, si
        mov [bp + IS_LBA4], al
        mov [bp + IS_LBA5], ah
        mov byte [bp + IS_DEVICE], ATA_DEV_LBA
        mov al, [cs:ata_commands_ext + di]
        jmp .send
.chs:
        ; sector = LBA mod spt + 1, head = (LBA / spt) mod heads,
        ; cylinder = LBA / spt / heads, in the IDENTIFY geometry
        xor edx, edx
        movzx ecx, word [fs:bx + ATA_PSPT]
        div ecx
        inc dl
        mov [bp + IS_LBA0], dl
        xor edx, edx
        movzx ecx, word [fs:bx + ATA_PHEADS]
        div ecx
        mov [bp + IS_LBA1], al
        mov [bp + IS_LBA2], ah
        and dl, 0Fh
        mov [bp + IS_DEVICE], dl
        mov al, [cs:ata_commands + di]
.send:
        mov [bp + IS_COMMAND], al
        test al, al                     ; a 48-bit seek: nothing to send
        jz .sent
        mov al, [bp + IS_DEVICE]
        or al, [fs:bx + ATA_SELECT]
        call ata_select
        jc .failed
        mov dx, [fs:bx + ATA_BASE_PORT]
        add dx, ATA_REG_COUNT
        cmp byte [bp + IS_LBA48], 0
        je .low_order
        ; LBA48: the high-order bytes first, into the same registers
        mov al, [bp + IS_COUNT_HIGH]
        out dx, al
        inc dx
        mov al, [bp + IS_LBA3]
        out dx, al
        inc dx
        mov al, [bp + IS_LBA4]
        out dx, al
        inc dx
        mov al, [bp + IS_LBA5]
        out dx, al
        sub dx, 3
.low_order:
        mov al, [bp + IS_COUNT]
        out dx, al
        inc dx
        mov al, [bp + IS_LBA0]
        out dx, al
        inc dx
        mov al, [bp + IS_LBA1]
        out dx, al
        inc dx
        mov al, [bp + IS_LBA2]
        out dx, al
        add dx, ATA_REG_COMMAND - ATA_REG_LBA2
        mov al, [bp + IS_COMMAND]
        out dx, al
        call ata_delay400
.sent:
        xor al, al
.failed:
        mov [bp + IS_RESULT], al
        pop edi
        pop edx
        pop ecx
        pop eax
        mov al, [bp + IS_RESULT]
        mov sp, bp
        pop bp
        cmp al, 1                       ; CF when AL = 0 ...
        cmc                             ; ... inverted: CF when AL != 0
        ret

; ata_select: write AL to the device register of the channel of FS:BX once
; the channel is not busy, then wait for the drive to be ready.
; AL = 0, or DISK_TIMEOUT / DISK_NOT_READY with CF.  Keeps DX.
ata_select:
        push dx
        push ax
        mov dx, [fs:bx + ATA_BASE_PORT]
        call ata_wait_not_busy
        jc .timeout
        pop ax
        push ax
        add dx, ATA_REG_DEVICE
        out dx, al
        sub dx, ATA_REG_DEVICE
        call ata_delay400
        call ata_wait_not_busy
        jc .timeout
        test al, ATA_SR_DRDY
        jz .not_ready
        pop ax
        pop dx
        xor al, al
        ret
.not_ready:
        pop ax
        pop dx
        mov al, DISK_NOT_READY
        stc
        ret
.timeout:
        pop ax
        pop dx
        mov al, DISK_TIMEOUT
        stc
        ret

; ata_wait_not_busy: DX = command block base.  Polls the status register
; until BSY clears: AL = status, or CF after ATA_TIMEOUT_POLLS reads.
ata_wait_not_busy:
        push ecx
        push dx
        add dx, ATA_REG_STATUS
        mov ecx, ATA_TIMEOUT_POLLS
.poll:
        in al, dx
        test al, ATA_SR_BSY
        jz .ready
        dec ecx
        jnz .poll
        pop dx
        pop ecx
        stc
        ret
.ready:
        pop dx
        pop ecx
        clc
        ret

; ata_delay400: four reads of the alternate status register, the 400 ns a
; host waits before the status is valid after a command or a select
; (ATA-6 9.2).
ata_delay400:
        push ax
        push dx
        mov dx, [fs:bx + ATA_CTRL_PORT]
        in al, dx
        in al, dx
        in al, dx
        in al, dx
        pop dx
        pop ax
        ret

; ata_error_code: AL = status with ERR or DF, DX = base -> AL = INT 13h code.
ata_error_code:
        test al, ATA_SR_DF
        jnz .write_fault
        test al, ATA_SR_ERR
        jz .undefined
        push dx
        add dx, ATA_REG_ERROR
        in al, dx
        pop dx
        test al, ATA_ER_IDNF
        jnz .not_found
        test al, ATA_ER_UNC
        jnz .crc
        test al, ATA_ER_BBK
        jnz .bad_sector
        test al, ATA_ER_AMNF
        jnz .address_mark
        test al, ATA_ER_ABRT
        jnz .aborted
.undefined:
        mov al, DISK_UNDEFINED
        ret
.write_fault:
        mov al, DISK_WRITE_FAULT
        ret
.not_found:
        mov al, DISK_NOT_FOUND
        ret
.crc:
        mov al, DISK_CRC
        ret
.bad_sector:
        mov al, DISK_BAD_SECTOR
        ret
.address_mark:
        mov al, DISK_ADDR_MARK
        ret
.aborted:
        mov al, DISK_BAD_COMMAND
        ret

; --- non-data commands for INT 13h ----------------------------------------------
; ata_seek: SEEK to LBA SI:EAX on the drive at FS:BX.  AL = status.
ata_seek:
        mov cx, 1
        mov dl, ATA_OP_SEEK
        call ata_issue
        jc .done
        mov dx, [fs:bx + ATA_BASE_PORT]
        call ata_wait_not_busy
        jc .timeout
        test al, ATA_SR_ERR | ATA_SR_DF
        jz .ok
        call ata_error_code
        cmp al, DISK_BAD_COMMAND        ; SEEK is optional since ATA-4:
        jne .seek_failed                ; a drive may abort it
.ok:
        xor al, al
.done:
        ret
.seek_failed:
        mov al, DISK_SEEK_FAILED
        ret
.timeout:
        mov al, DISK_TIMEOUT
        ret

; ata_recalibrate: RECALIBRATE (10h) moved the heads to cylinder 0; it is
; obsolete since ATA-4, so this seeks to LBA 0 instead.
ata_recalibrate:
        xor eax, eax
        xor si, si
        jmp ata_seek

; ata_ready: AL = 0 when the drive at FS:BX is selected and ready.
ata_ready:
        mov al, [fs:bx + ATA_SELECT]
        jmp ata_select

; ata_reset_channel: software reset of the channel of the drive at FS:BX
; (ATA-6 9.2: SRST for at least 5 us, then wait for BSY to clear), nIEN
; kept set.  AL = status (DISK_RESET_FAILED when the drive stays busy).
ata_reset_channel:
        mov dx, [fs:bx + ATA_CTRL_PORT]
        mov al, ATA_DC_NIEN | ATA_DC_SRST
        out dx, al
        mov ecx, 5
        call delay_us
        mov al, ATA_DC_NIEN
        out dx, al
        mov ecx, 2000                   ; 2 ms before BSY is valid
        call delay_us
        mov al, [fs:bx + ATA_SELECT]
        call ata_select
        jnc .done
        cmp al, DISK_TIMEOUT
        jne .done
        mov al, DISK_RESET_FAILED
.done:
        ret

; --- IRQ 14 / 15 -----------------------------------------------------------------
; Reading the status register clears the drive's INTRQ (ATA-6 7.15).
irq14_entry:
        push ax
        push dx
        mov dx, ATA0_BASE + ATA_REG_STATUS
        jmp ata_irq_common
irq15_entry:
        push ax
        push dx
        mov dx, ATA1_BASE + ATA_REG_STATUS
ata_irq_common:
        in al, dx
        mov al, 20h                     ; non-specific EOI, slave then master
        out PORT_PIC2_CMD, al
        out PORT_PIC1_CMD, al
        pop dx
        pop ax
        iret
