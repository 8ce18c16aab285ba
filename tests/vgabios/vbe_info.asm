; vbe_info.asm - VBE 4F00h (controller information) and 4F01h (mode
; information), checked against the meaning the VBE 3.0 specification
; gives each field: signature and version, 8-bit DAC capability, total
; memory = the card's 16 MiB, the mode list (standard modes present,
; FFFFh end marker), and for 8, 15, 16, 24 and 32 bits per pixel: the
; attributes, window A, bytes per line = width * bytes per pixel, the
; memory model and colour masks, PhysBasePtr = the card's BAR 0.

%include "vgabios_test.inc"
%include "vbe_lib.inc"

test_main:
        say 'vbe_info: '
        ; --- 4F00h without 'VBE2': a 256-byte block, the rest untouched
        mov dword [INFO_BUF], 0
        mov dword [INFO_BUF + 256], 12345678h
        mov di, INFO_BUF
        mov ax, 4F00h
        int 10h
        check_eq ax, 004Fh, '4F00h status'
        check_eq32 dword [INFO_BUF], 'VESA', 'signature'
        check_eq word [INFO_BUF + 4], 0300h, 'VBE version'
        check_eq32 dword [INFO_BUF + 256], 12345678h, 'bytes past 256 without VBE2'

        ; --- 4F00h with 'VBE2'
        mov dword [INFO_BUF], 'VBE2'
        mov di, INFO_BUF
        mov ax, 4F00h
        int 10h
        check_eq ax, 004Fh, '4F00h VBE2 status'
        check_eq32 dword [INFO_BUF], 'VESA', 'VBE2 signature'
        mov eax, [INFO_BUF + 10]
        and eax, 1
        check_eq32 eax, 1, 'capabilities: DAC switchable to 8 bits'
        check_eq word [INFO_BUF + 18], 256, 'total memory (64 KiB units)'
        les si, [INFO_BUF + 6]
        mov al, [es:si]
        cmp al, 20h
        ja .oem_ok
        fail 'OEM string empty'
.oem_ok:
        les si, [INFO_BUF + 22]         ; vendor name (VBE 2.0 field)
        mov al, [es:si]
        cmp al, 20h
        ja .vendor_ok
        fail 'OEM vendor name empty'
.vendor_ok:
        push ds
        pop es
        ; the mode list: 101h and 112h in it, FFFFh within 256 entries
        lfs si, [INFO_BUF + 14]
        xor bx, bx                      ; bit 0: 101h seen, bit 1: 112h
        mov cx, 256
.list:
        mov ax, [fs:si]
        add si, 2
        cmp ax, 0FFFFh
        je .list_end
        cmp ax, 101h
        jne .not101
        or bl, 1
.not101:
        cmp ax, 112h
        jne .not112
        or bl, 2
.not112:
        loop .list
        fail 'mode list has no FFFFh end marker within 256 entries'
.list_end:
        check_eq bl, 3, 'modes 101h and 112h listed'

        call pci_vga_bar0
        mov [bar0], eax
        cmp eax, 0
        jne .bar_ok
        fail 'no 1234:1111 device on PCI bus 0'
.bar_ok:

        ; --- 4F01h 101h: 640x480, 8 bits, packed pixel
        mov cx, 101h
        call mode_info
        call common_fields
        check_eq word [MODE_BUF + 18], 640, '101h width'
        check_eq word [MODE_BUF + 20], 480, '101h height'
        check_eq byte [MODE_BUF + 25], 8, '101h bpp'
        check_eq word [MODE_BUF + 16], 640, '101h bytes per line'
        check_eq word [MODE_BUF + 50], 640, '101h LinBytesPerScanLine'
        check_eq byte [MODE_BUF + 27], 4, '101h memory model'

        ; --- 110h: 640x480x15, 5:5:5
        mov cx, 110h
        call mode_info
        call common_fields
        check_eq word [MODE_BUF + 16], 1280, '110h bytes per line'
        check_eq byte [MODE_BUF + 25], 15, '110h bpp'
        check_eq byte [MODE_BUF + 27], 6, '110h memory model'
        mov si, masks15
        call check_masks

        ; --- 114h: 800x600x16, 5:6:5
        mov cx, 114h
        call mode_info
        call common_fields
        check_eq word [MODE_BUF + 18], 800, '114h width'
        check_eq word [MODE_BUF + 16], 1600, '114h bytes per line'
        check_eq word [MODE_BUF + 50], 1600, '114h LinBytesPerScanLine'
        mov si, masks16
        call check_masks

        ; --- 112h: 640x480x24
        mov cx, 112h
        call mode_info
        call common_fields
        check_eq word [MODE_BUF + 16], 1920, '112h bytes per line'
        check_eq byte [MODE_BUF + 25], 24, '112h bpp'
        mov si, masks24
        call check_masks

        ; --- 640x480x32, whatever its number
        mov cx, 640
        mov dx, 480
        mov bl, 32
        call vbe_find_mode
        jnc .have32
        fail 'no 640x480x32 mode listed'
.have32:
        call mode_info
        call common_fields
        check_eq word [MODE_BUF + 16], 2560, '640x480x32 bytes per line'
        check_eq byte [MODE_BUF + 27], 6, '640x480x32 memory model'
        mov si, masks24                 ; colour fields as 24 bits
        call check_masks

        ; --- a mode nobody has
        mov cx, 1FFh
        mov di, MODE_BUF
        mov ax, 4F01h
        int 10h
        cmp ax, 004Fh
        jne .bad_refused
        fail '4F01h accepted mode 1FFh'
.bad_refused:
        pass

; mode_info: 4F01h for CX into MODE_BUF, failing unless it succeeds.
mode_info:
        push ds
        pop es
        mov di, MODE_BUF
        mov ax, 4F01h
        int 10h
        check_eq ax, 004Fh, '4F01h status'
        ret

; common_fields: what every listed mode of this card must say.
common_fields:
        mov ax, [MODE_BUF + 0]
        and ax, 99h
        check_eq ax, 99h, 'attributes: supported, colour, graphics, LFB'
        mov al, [MODE_BUF + 2]
        and al, 7
        check_eq al, 7, 'window A attributes'
        check_eq word [MODE_BUF + 4], 64, 'window granularity'
        check_eq word [MODE_BUF + 6], 64, 'window size'
        check_eq word [MODE_BUF + 8], 0A000h, 'window A segment'
        check_eq byte [MODE_BUF + 24], 1, 'planes'
        mov eax, [bar0]
        check_eq32 [MODE_BUF + 40], eax, 'PhysBasePtr = BAR 0'
        ret

; check_masks: SI = 6 bytes (R size, pos, G size, pos, B size, pos) to
; find in both the banked (offset 31) and the Lin* (offset 54) fields.
check_masks:
        xor bx, bx
.byte:
        mov al, [si + bx]
        check_eq byte [MODE_BUF + 31 + bx], al, 'colour field'
        check_eq byte [MODE_BUF + 54 + bx], al, 'Lin colour field'
        inc bx
        cmp bx, 6
        jb .byte
        ret

bar0:    dd 0
masks15: db 5, 10, 5, 5, 5, 0
masks16: db 5, 11, 6, 5, 5, 0
masks24: db 8, 16, 8, 8, 8, 0

        test_end
