; boot.asm - INT 19h (bootstrap loader) and INT 18h (no bootable device).
; INT 19h: if CMOS 80h (bank 1) is 1, enter the Linux setup code the board
; placed in RAM (docs/platform.md "Boot").  Otherwise try the devices of
; CMOS 3Dh (bits 3-0 first, 7-4 second) and 38h (bits 7-4 third): 1 =
; floppy (drive 00h), 2 = hard disk (80h), 3 = CD-ROM (not done: skipped).
; All zero means floppy, then hard disk.  A device boots when INT 13h reads
; its first sector to 0:7C00 and the sector ends in 55h AAh (a floppy is
; not checked when CMOS 38h bit 0 is set); control goes to 0:7C00 with DL
; = drive, DS = ES = SS = 0, SP = 7C00h.  When nothing boots: INT 18h.

int19_entry:
        cli
        cld
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, POST_STACK_TOP
        sti
        mov al, CMOS_DIRECT_BOOT
        call cmos_read
        cmp al, 1
        jne .devices
        jmp boot_linux_direct
.devices:
        mov al, CMOS_BOOT_ORDER
        call cmos_read
        mov bl, al                      ; BL = first | second << 4
        mov al, CMOS_BOOT_FLAGS
        call cmos_read
        mov bh, al                      ; BH bits 7-4 = third
        test bl, bl
        jnz .try_list
        mov bl, BOOT_DEV_FLOPPY | (BOOT_DEV_DISK << 4)
.try_list:
        mov al, bl
        and al, 0Fh
        call boot_try_device
        mov al, bl
        shr al, 4
        call boot_try_device
        mov al, bh
        shr al, 4
        call boot_try_device
        int 18h
        jmp int19_entry

; boot_try_device: AL = boot device code (0 = none); returns only if the
; device does not boot.  Preserves BX.
boot_try_device:
        push bx
        mov dl, 00h
        mov si, msg_boot_floppy
        cmp al, BOOT_DEV_FLOPPY
        je .try
        mov dl, 80h
        mov si, msg_boot_disk
        cmp al, BOOT_DEV_DISK
        je .try
        pop bx
        ret
.try:
        call print_str
        mov di, 3                       ; tries (floppies need a spin-up)
.read:
        push dx
        xor ax, ax                      ; reset the drive
        int 13h
        pop dx
        push dx
        mov ax, 0201h
        mov cx, 0001h
        mov dh, 0
        xor bx, bx
        mov es, bx
        mov bx, BOOT_SECTOR
        int 13h
        pop dx
        jnc .loaded
        dec di
        jnz .read
        mov si, msg_read_failed
        call print_str
        pop bx
        ret
.loaded:
        test dl, dl
        jnz .check
        mov al, CMOS_BOOT_FLAGS
        call cmos_read
        test al, 01h
        jnz .go
.check:
        cmp word [es:BOOT_SECTOR + 510], 0AA55h
        je .go
        mov si, msg_not_bootable
        call print_str
        pop bx
        ret
.go:
        mov si, msg_crlf
        call print_str
        cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, POST_STACK_TOP
        sti
        jmp 0:BOOT_SECTOR

; boot_linux_direct: the x86 boot protocol's real-mode entry.
boot_linux_direct:
        mov si, msg_boot_linux
        call print_str
        mov al, CMOS_DIRECT_SEG + 1
        call cmos_read
        mov ah, al
        mov al, CMOS_DIRECT_SEG
        call cmos_read
        mov bx, ax                      ; setup segment
        mov al, CMOS_DIRECT_SP + 1
        call cmos_read
        mov ah, al
        mov al, CMOS_DIRECT_SP
        call cmos_read
        mov dx, ax                      ; initial SP
        cli
        mov ds, bx
        mov es, bx
        mov fs, bx
        mov gs, bx
        mov ss, bx
        mov sp, dx
        add bx, 20h
        push bx
        push word 0
        retf                            ; (setup + 20h):0000

msg_boot_floppy:  db 'Booting from floppy...', 0
msg_boot_disk:    db 'Booting from hard disk...', 0
msg_boot_linux:   db 'Booting the Linux kernel in RAM', 13, 10, 0
msg_read_failed:  db ' read error', 13, 10, 0
msg_not_bootable: db ' not bootable', 13, 10, 0
msg_crlf:         db 13, 10, 0

; INT 18h: nothing could boot.  Say so, wait for a key, try again.
int18_entry:
        sti
        push cs
        pop ds
        mov si, msg_no_boot
        call print_str
        mov ah, 00h
        int 16h
        int 19h
        iret
msg_no_boot:
        db 'No bootable device. Press a key to retry.', 13, 10, 0
