; disk_floppy.asm - INT 13h on floppy drive A: (booted from it): 08h
; parameters and the INT 1Eh-style table for the CMOS drive type, 15h
; type, reads that cross a track, a cylinder and a 64 KiB DMA page (a
; sector straddling the page too), write and read back, verify, an
; address past the track's end, 01h status, 16h change line, 18h media
; type, 05h format, 00h reset.  -DFD_FORMAT_WRITES=1 also reads the
; formatted track back as the fill byte F6h: QEMU's 82077 completes a
; FORMAT TRACK fed by DMA without writing the track, so it is off there.
; Built per medium: -DFD_SPT (sectors per track of the medium),
; -DFD_DRIVE_TYPE (the CMOS type QEMU gives the drive) and
; -DFD_DRIVE_SPT (that drive type's own sectors per track).
%ifndef FD_FORMAT_WRITES
%define FD_FORMAT_WRITES 0
%endif
%include "bios_test.inc"
%include "disk_lib.inc"

; lba_of c, h, s
%define lba_of(c, h, s) (((c) * 2 + (h)) * FD_SPT + (s) - 1)

test_main:
        say 'floppy test, ', %str(FD_SPT), ' sectors per track', 13, 10
        ; --- 08h: the drive type's geometry, DL = drives
        mov ah, 08h
        mov dl, 0
        int 13h
        expect_ok '08h'
        movzx eax, bl
        check_eq eax, FD_DRIVE_TYPE, '08h BL (drive type)'
        movzx eax, ch
        check_eq eax, 79, '08h CH (last cylinder)'
        movzx eax, cl
        check_eq eax, FD_DRIVE_SPT, '08h CL (sectors)'
        movzx eax, dh
        check_eq eax, 1, '08h DH (last head)'
        movzx eax, dl
        check_eq eax, 1, '08h DL (drives)'
        movzx eax, byte [es:di + 4]
        check_eq eax, FD_DRIVE_SPT, '08h ES:DI table, sectors per track'
        xor ax, ax
        mov es, ax

        ; --- 15h: A: has a change line, B: is not there
        mov ah, 15h
        mov dl, 0
        int 13h
        jc .type_failed
        movzx eax, ah
        check_eq eax, 2, '15h A: type'
        mov ah, 15h
        mov dl, 1
        int 13h
        jc .type_failed
        movzx eax, ah
        check_eq eax, 0, '15h B: type'

        ; --- read 4 sectors from the second-to-last sector of cylinder 2
        ; head 1: crosses into cylinder 3
        mov ax, 2000h
        mov es, ax
        xor bx, bx
        mov cx, 4
        call clear_buffer
        mov ax, 0204h
        mov cx, (2 << 8) | (FD_SPT - 1)
        mov dx, 0100h
        int 13h
        expect_ok 'read across a cylinder'
        movzx eax, al
        check_eq eax, 4, 'sectors read across a cylinder'
        mov eax, lba_of(2, 1, FD_SPT - 1)
        mov cx, 4
        call check_sectors

        ; --- 3 sectors at 1000:FF00: the first straddles the DMA page at
        ; 20000h, the others follow in the next page
        mov ax, 1000h
        mov es, ax
        mov bx, 0FF00h
        mov ax, 0203h
        mov cx, (3 << 8) | 1
        mov dx, 0000h
        int 13h
        expect_ok 'read across a DMA page'
        mov eax, lba_of(3, 0, 1)
        mov cx, 3
        call check_sectors

        ; --- a whole track in one call, at 1000:8000 (runs into 20000h)
        mov bx, 8000h
        mov ah, 02h
        mov al, FD_SPT
        mov cx, (4 << 8) | 1
        mov dx, 0100h
        int 13h
        expect_ok 'read a track'
        mov eax, lba_of(4, 1, 1)
        mov cx, FD_SPT
        call check_sectors

        ; --- write 2 sectors with another pattern, read them back
        mov dword [pattern_xor], 5A5AA5A5h
        mov ax, 3000h
        mov es, ax
        xor bx, bx
        mov eax, lba_of(5, 0, 2)
        mov cx, 2
        call fill_sectors
        mov ax, 0302h
        mov cx, (5 << 8) | 2
        mov dx, 0000h
        int 13h
        expect_ok 'write'
        mov ax, 4000h
        mov es, ax
        mov cx, 2
        call clear_buffer
        mov ax, 0202h
        mov cx, (5 << 8) | 2
        mov dx, 0000h
        int 13h
        expect_ok 'read back'
        mov eax, lba_of(5, 0, 2)
        mov cx, 2
        call check_sectors
        mov dword [pattern_xor], 0

        ; --- verify a track
        mov ah, 04h
        mov al, FD_SPT
        mov cx, (6 << 8) | 1
        mov dx, 0100h
        int 13h
        expect_ok 'verify'

        ; --- past the end of the track: sector not found, 01h says so
        mov ax, 0201h
        mov cx, (7 << 8) | (FD_SPT + 1)
        mov dx, 0000h
        int 13h
        expect_error 04h, 'read past the track'
        mov ah, 01h
        mov dl, 0
        int 13h
        movzx eax, ah
        check_eq eax, 04h, '01h after the failed read'

        ; --- a drive that is not there
        mov ax, 0201h
        mov cx, 0001h
        mov dx, 0001h
        int 13h
        expect_error 01h, 'read from B:'

        ; --- 16h: the disk has not changed since it was read
        mov ah, 16h
        mov dl, 0
        int 13h
        expect_ok '16h change line'

        ; --- 18h: the medium's geometry is one the drive takes
        mov ah, 18h
        mov cx, (79 << 8) | FD_SPT
        mov dl, 0
        int 13h
        expect_ok '18h set media type'
        movzx eax, byte [es:di + 4]
        check_eq eax, FD_SPT, '18h ES:DI table, sectors per track'
        xor ax, ax
        mov es, ax
        ; --- 05h: format cylinder 9 head 0, its sectors read back as F6h
        mov di, format_fields
        mov cx, FD_SPT
        mov al, 1
.field:
        mov byte [di], 9                ; C
        mov byte [di + 1], 0            ; H
        mov [di + 2], al                ; R
        mov byte [di + 3], 2            ; N: 512 bytes
        add di, 4
        inc al
        loop .field
        mov bx, format_fields
        mov ah, 05h
        mov al, FD_SPT
        mov cx, (9 << 8) | 1
        mov dx, 0000h
        int 13h
        expect_ok '05h format'
%if FD_FORMAT_WRITES
        mov ax, 5000h
        mov es, ax
        xor bx, bx
        mov ah, 02h
        mov al, FD_SPT
        mov cx, (9 << 8) | 1
        mov dx, 0000h
        int 13h
        expect_ok 'read of the formatted track'
        xor di, di
        mov cx, FD_SPT * 512
        mov al, 0F6h
        repe scasb
        jne .not_filled_show
        xor ax, ax
        mov es, ax
%endif

        ; --- 00h reset, and a read still works after it
        xor ax, ax
        mov dl, 0
        int 13h
        expect_ok 'reset'
        mov ax, 0201h
        mov cx, (8 << 8) | 1
        mov dx, 0000h
        int 13h
        expect_ok 'read after reset'
        mov eax, lba_of(8, 0, 1)
        mov cx, 1
        call check_sectors
        pass

.type_failed:
        fail '15h set CF'
.not_filled_show:
        say 'formatted track: byte '
        mov ax, FD_SPT * 512 - 1
        sub ax, cx
        movzx eax, ax
        call test_hex
        say ' is '
        movzx eax, byte [es:di - 1]
        call test_hex
        fail ' instead of F6h'

format_fields:
        times FD_SPT * 4 db 0

        test_end
