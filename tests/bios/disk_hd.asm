; disk_hd.asm - INT 13h on ATA hard disks, booted from drive 80h (an 8 MiB
; image, primary master: QEMU's IDENTIFY geometry 16 cylinders, 16 heads,
; 63 sectors) with a 200 GiB sparse disk as secondary slave (drive 81h:
; LBA48, the LBA-assisted 1024/255/63 geometry).
; Checks 08h/15h geometry and size, CHS reads over head boundaries into a
; buffer that runs over 64 KiB, CHS write and read back, EDD 41h-44h and
; 48h (with its device path, checksums and the DPTE), reads and a write
; above 2^28 sectors (LBA48) and across 2^28, errors for addresses past
; the end and bad drives, 01h status, 0Ch seek, 10h ready, 11h
; recalibrate, 0Dh/00h reset.
%include "bios_test.inc"
%include "disk_lib.inc"

HD0_SECTORS     equ 16384
HD0_CHS_SECTORS equ 16 * 16 * 63
HD1_SECTORS     equ 200 * 1024 * 1024 * 2
HD1_HIGH_LBA    equ 18000000h           ; above 2^28: LBA48
HD1_EDGE_LBA    equ 0FFFFFFEh           ; 2 sectors below 2^28, 4 read

%define chs(c, h, s) (((c) * 16 + (h)) * 63 + (s) - 1)

test_main:
        say 'hard disk test', 13, 10
        ; --- 08h on 80h
        mov ah, 08h
        mov dl, 80h
        int 13h
        expect_ok '08h 80h'
        movzx eax, cx
        check_eq eax, (15 << 8) | 63, '08h 80h CX'
        movzx eax, dx
        check_eq eax, (15 << 8) | 2, '08h 80h DX (last head, drives)'
        ; --- 15h on 80h: a hard disk of 16*16*63 sectors
        mov ah, 15h
        mov dl, 80h
        int 13h
        jc .type_failed
        movzx eax, ah
        check_eq eax, 3, '15h 80h type'
        mov ax, cx
        shl eax, 16
        mov ax, dx
        check_eq eax, HD0_CHS_SECTORS, '15h 80h sectors'
        ; --- 15h on 82h: no such drive
        mov ah, 15h
        mov dl, 82h
        int 13h
        jc .type_failed
        movzx eax, ah
        check_eq eax, 0, '15h 82h type'

        ; --- CHS read of one sector
        mov ax, 2000h
        mov es, ax
        xor bx, bx
        mov ax, 0201h
        mov cx, (0 << 8) | 38
        mov dx, (1 << 8) | 80h
        int 13h
        expect_ok 'CHS read'
        mov eax, chs(0, 1, 38)
        mov cx, 1
        call check_sectors
        ; --- 70 sectors from head 2 sector 60 into 1000:F000: crosses
        ; heads and the 64 KiB line at 20000h
        mov ax, 1000h
        mov es, ax
        mov bx, 0F000h
        mov cx, 70
        call clear_buffer
        mov ax, 0200h | 70
        mov cx, (0 << 8) | 60
        mov dx, (2 << 8) | 80h
        int 13h
        expect_ok 'CHS read of 70 sectors'
        movzx eax, al
        check_eq eax, 70, 'CHS sectors read'
        mov eax, chs(0, 2, 60)
        mov cx, 70
        call check_sectors
        ; --- CHS write of 2 sectors, read back (cylinder 3 has bit 8 0;
        ; cylinder 15 exercises nothing more, the high bits stay 0 here)
        mov dword [pattern_xor], 0C3C3A5A5h
        mov ax, 3000h
        mov es, ax
        xor bx, bx
        mov eax, chs(3, 4, 10)
        mov cx, 2
        call fill_sectors
        mov ax, 0302h
        mov cx, (3 << 8) | 10
        mov dx, (4 << 8) | 80h
        int 13h
        expect_ok 'CHS write'
        mov ax, 4000h
        mov es, ax
        mov cx, 2
        call clear_buffer
        mov ax, 0202h
        mov cx, (3 << 8) | 10
        mov dx, (4 << 8) | 80h
        int 13h
        expect_ok 'CHS read back'
        mov eax, chs(3, 4, 10)
        mov cx, 2
        call check_sectors
        mov dword [pattern_xor], 0
        ; --- 04h verify
        mov ax, 0410h
        mov cx, (5 << 8) | 1
        mov dx, (0 << 8) | 80h
        int 13h
        expect_ok 'CHS verify'
        ; --- CHS errors: sector 0, head 16, cylinder 16
        mov ax, 0201h
        mov cx, 0000h
        mov dx, 0080h
        int 13h
        expect_error 04h, 'CHS sector 0'
        mov ah, 01h
        mov dl, 80h
        int 13h
        movzx eax, ah
        check_eq eax, 04h, '01h after a failed read'
        mov ax, 0201h
        mov cx, (16 << 8) | 1
        mov dx, 0080h
        int 13h
        expect_error 04h, 'CHS cylinder 16'

        ; --- 0Ch seek, 10h ready, 11h recalibrate, 0Dh and 00h reset
        mov ah, 0Ch
        mov cx, (9 << 8) | 1
        mov dx, (3 << 8) | 80h
        int 13h
        expect_ok '0Ch seek'
        mov ah, 0Ch
        mov cx, (16 << 8) | 1
        mov dx, (0 << 8) | 80h
        int 13h
        expect_error 04h, '0Ch seek past the last cylinder'
        mov ah, 10h
        mov dl, 80h
        int 13h
        expect_ok '10h ready'
        mov ah, 11h
        mov dl, 80h
        int 13h
        expect_ok '11h recalibrate'
        mov ah, 0Dh
        mov dl, 80h
        int 13h
        expect_ok '0Dh reset'
        mov ah, 00h
        mov dl, 81h
        int 13h
        expect_ok '00h reset (81h)'
        ; still reading after the resets
        mov ax, 2000h
        mov es, ax
        xor bx, bx
        mov ax, 0201h
        mov cx, (7 << 8) | 63
        mov dx, (15 << 8) | 80h
        int 13h
        expect_ok 'CHS read after reset'
        mov eax, chs(7, 15, 63)
        mov cx, 1
        call check_sectors

        ; --- EDD 41h
        mov ah, 41h
        mov bx, 55AAh
        mov dl, 80h
        int 13h
        jc .edd_missing
        movzx eax, ah
        check_eq eax, 30h, '41h version'
        movzx eax, bx
        check_eq eax, 0AA55h, '41h BX'
        test cx, 1
        jz .edd_missing
        test cx, 4
        jz .edd_missing

        ; --- 42h read 3 sectors at LBA 5000
        mov si, dap
        mov word [si + 2], 3
        mov dword [si + 4], 30000000h   ; 3000:0000
        mov dword [si + 8], 5000
        mov dword [si + 12], 0
        mov ah, 42h
        mov dl, 80h
        int 13h
        expect_ok '42h read'
        movzx eax, word [dap + 2]
        check_eq eax, 3, '42h blocks done'
        mov ax, 3000h
        mov es, ax
        xor bx, bx
        mov eax, 5000
        mov cx, 3
        call check_sectors
        ; --- 43h write with verify (AL=2), then read back
        mov dword [pattern_xor], 12345678h
        mov eax, 6000
        mov cx, 2
        call fill_sectors
        mov word [dap + 2], 2
        mov dword [dap + 8], 6000
        mov ax, 4302h
        mov dl, 80h
        mov si, dap
        int 13h
        expect_ok '43h write'
        mov cx, 2
        call clear_buffer
        mov ah, 42h
        mov dl, 80h
        int 13h
        expect_ok '42h read back'
        mov eax, 6000
        mov cx, 2
        call check_sectors
        mov dword [pattern_xor], 0
        ; --- 44h verify
        mov word [dap + 2], 8
        mov dword [dap + 8], 7000
        mov ah, 44h
        mov dl, 80h
        int 13h
        expect_ok '44h verify'
        ; --- 42h past the end: error 04h, nothing done
        mov word [dap + 2], 2
        mov dword [dap + 8], HD0_SECTORS - 1
        mov ah, 42h
        mov dl, 80h
        int 13h
        expect_error 04h, '42h past the end'
        movzx eax, word [dap + 2]
        check_eq eax, 0, '42h blocks done past the end'

        ; --- 48h with an EDD 3.0 buffer
        mov si, params
        mov word [si], 42h
        mov ah, 48h
        mov dl, 80h
        int 13h
        expect_ok '48h'
        movzx eax, word [params]
        check_eq eax, 42h, '48h size'
        mov eax, [params + 10h]
        check_eq eax, HD0_SECTORS, '48h sectors'
        mov eax, [params + 14h]
        check_eq eax, 0, '48h sectors, high'
        movzx eax, word [params + 18h]
        check_eq eax, 512, '48h bytes per sector'
        movzx eax, word [params + 1Eh]
        check_eq eax, 0BEDDh, '48h device path key'
        mov eax, [params + 24h]
        check_eq eax, 'PCI ', '48h host bus'
        mov si, params + 1Eh
        mov cx, 41h - 1Eh + 1
        call byte_sum
        movzx eax, al
        check_eq eax, 0, '48h device path checksum'
        les si, [params + 1Ah]
        movzx eax, word [es:si]
        check_eq eax, 1F0h, 'DPTE base port'
        push ds
        push es
        pop ds
        mov cx, 16
        call byte_sum
        pop ds
        movzx eax, al
        check_eq eax, 0, 'DPTE checksum'
        xor ax, ax
        mov es, ax

        ; --- drive 81h: translated geometry, LBA48
        mov ah, 08h
        mov dl, 81h
        int 13h
        expect_ok '08h 81h'
        movzx eax, cx
        check_eq eax, 0FFFFh, '08h 81h CX (1024 cylinders, 63 sectors)'
        movzx eax, dh
        check_eq eax, 254, '08h 81h DH (255 heads)'
        mov si, params
        mov word [si], 1Ah
        mov ah, 48h
        mov dl, 81h
        int 13h
        expect_ok '48h 81h'
        movzx eax, word [params]
        check_eq eax, 1Ah, '48h 81h size (EDD 1.1 buffer)'
        mov eax, [params + 10h]
        check_eq eax, HD1_SECTORS, '48h 81h sectors'
        ; read above 2^28
        mov si, dap
        mov word [si + 2], 2
        mov dword [si + 4], 30000000h
        mov dword [si + 8], HD1_HIGH_LBA
        mov ah, 42h
        mov dl, 81h
        int 13h
        expect_ok '42h 81h above 2^28'
        mov ax, 3000h
        mov es, ax
        xor bx, bx
        mov eax, HD1_HIGH_LBA
        mov cx, 2
        call check_sectors
        ; a read across 2^28
        mov word [dap + 2], 4
        mov dword [dap + 8], HD1_EDGE_LBA
        mov ah, 42h
        mov dl, 81h
        int 13h
        expect_ok '42h 81h across 2^28'
        mov eax, HD1_EDGE_LBA
        mov cx, 4
        call check_sectors
        ; write above 2^28, read back
        mov dword [pattern_xor], 0F00FF00Fh
        mov eax, HD1_HIGH_LBA + 100h
        mov cx, 1
        call fill_sectors
        mov word [dap + 2], 1
        mov dword [dap + 8], HD1_HIGH_LBA + 100h
        mov ax, 4300h
        mov dl, 81h
        int 13h
        expect_ok '43h 81h above 2^28'
        call clear_buffer
        mov ah, 42h
        mov dl, 81h
        int 13h
        expect_ok '42h 81h read back'
        mov eax, HD1_HIGH_LBA + 100h
        call check_sectors
        mov dword [pattern_xor], 0
        ; --- no drive 82h
        mov ah, 42h
        mov dl, 82h
        int 13h
        expect_error 01h, '42h on 82h'
        pass

.type_failed:
        fail '15h set CF'
.edd_missing:
        fail '41h: no EDD 3.0 with fixed disk access and DPTE'

; byte_sum: AL = the sum of CX bytes at DS:SI.
byte_sum:
        xor al, al
.add:
        add al, [si]
        inc si
        loop .add
        ret

dap:
        db 10h, 0
        dw 0
        dd 0
        dq 0
params:
        times 42h db 0

        test_end
