; vbe_mode.asm - VBE mode control: 4F02h set mode (banked, linear, VGA
; modes below 100h, an unknown mode refused), 4F03h current mode, 4F05h
; bank window (set/get, window B absent, refused in a VGA mode), 4F06h
; logical scan line (get, set in pixels and bytes, maximum, too long
; refused; at 8 and 32 bits per pixel), 4F07h display start (00h, 80h,
; get), 4F04h save/restore of the SVGA (DISPI) state, 4F02h bit 15 (keep
; memory, seen through the LFB), 4F0Ah answering 004Fh, 4F15h
; reporting no DDC (BL=00h: 004Fh, BX=0; BL=01h read EDID: 014Fh).  Effects are
; also read back from the DISPI registers themselves.

%include "vgabios_test.inc"
%include "vbe_lib.inc"

%macro vbe 1                            ; INT 10h AX=%1, fail unless 004Fh
        mov ax, %1
        int 10h
        check_eq ax, 004Fh, 'status of function ', %str(%1)
%endmacro

test_main:
        say 'vbe_mode: '
        ; --- banked 640x480x8
        mov bx, 101h
        vbe 4F02h
        vbe 4F03h
        check_eq bx, 101h, '4F03h after 101h'
        mov al, 1
        call dispi_read
        check_eq ax, 640, 'DISPI XRES'
        mov al, 2
        call dispi_read
        check_eq ax, 480, 'DISPI YRES'
        mov al, 3
        call dispi_read
        check_eq ax, 8, 'DISPI BPP'
        mov al, 4
        call dispi_read
        and ax, 41h
        check_eq ax, 01h, 'DISPI enabled, LFB off'

        ; --- 4F05h
        mov bx, 0000h
        mov dx, 3
        vbe 4F05h
        mov bx, 0100h
        xor dx, dx
        vbe 4F05h
        check_eq dx, 3, '4F05h get'
        mov al, 5
        call dispi_read
        check_eq ax, 3, 'DISPI BANK'
        mov bx, 0001h                   ; window B: none
        mov dx, 1
        mov ax, 4F05h
        int 10h
        cmp ax, 004Fh
        jne .no_win_b
        fail '4F05h accepted window B'
.no_win_b:

        ; --- 4F06h
        mov bx, 0001h
        vbe 4F06h
        check_eq bx, 640, '4F06h bytes per line'
        check_eq cx, 640, '4F06h pixels per line'
        check_eq dx, 26214, '4F06h lines (16 MiB / 640)'
        mov bx, 0000h
        mov cx, 1024
        vbe 4F06h
        check_eq bx, 1024, '4F06h set 1024 pixels: bytes'
        check_eq cx, 1024, '4F06h set 1024 pixels: pixels'
        mov al, 6
        call dispi_read
        check_eq ax, 1024, 'DISPI VIRT_WIDTH'
        mov bx, 0002h
        mov cx, 800
        vbe 4F06h
        check_eq cx, 800, '4F06h set 800 bytes: pixels'
        mov bx, 0003h
        vbe 4F06h
        cmp bx, 1024
        jae .max_ok
        fail '4F06h maximum below 1024 bytes'
.max_ok:
        check_eq cx, bx, '4F06h maximum pixels = bytes at 8 bpp'
        mov bx, 0000h
        mov cx, 60000                   ; 60000 * 480 bytes > 16 MiB
        mov ax, 4F06h
        int 10h
        cmp ax, 004Fh
        jne .too_long_refused
        fail '4F06h took 60000 pixels per line'
.too_long_refused:

        ; --- 4F07h
        mov bx, 0000h
        mov cx, 0
        mov dx, 10
        vbe 4F07h
        mov bx, 0001h
        mov cx, 1234h
        mov dx, 1234h
        vbe 4F07h
        check_eq bh, 0, '4F07h get BH'
        check_eq cx, 0, '4F07h get first pixel'
        check_eq dx, 10, '4F07h get first line'
        mov al, 9
        call dispi_read
        check_eq ax, 10, 'DISPI Y_OFFSET'
        mov bx, 0080h                   ; at the next retrace
        mov cx, 8
        mov dx, 20
        vbe 4F07h
        mov bx, 0001h
        vbe 4F07h
        check_eq cx, 8, '4F07h (80h) first pixel'
        check_eq dx, 20, '4F07h (80h) first line'

        ; --- linear 640x480x24
        mov bx, 4112h
        vbe 4F02h
        vbe 4F03h
        and bx, 7FFFh
        check_eq bx, 4112h, '4F03h after 4112h'
        mov al, 4
        call dispi_read
        and ax, 41h
        check_eq ax, 41h, 'DISPI enabled with LFB'

        ; --- 4F04h: save the SVGA state, change mode, restore
        mov cx, 0008h
        mov dl, 0
        vbe 4F04h
        check_eq bx, 1, '4F04h size of the SVGA state (blocks)'
        push ds
        pop es
        mov bx, STATE_BUF
        mov cx, 0008h
        mov dl, 1
        vbe 4F04h
        mov bx, 4101h
        vbe 4F02h
        mov bx, STATE_BUF
        mov cx, 0008h
        mov dl, 2
        vbe 4F04h
        vbe 4F03h
        and bx, 7FFFh
        check_eq bx, 4112h, '4F03h after 4F04h restore'
        mov al, 3
        call dispi_read
        check_eq ax, 24, 'DISPI BPP after restore'

        ; --- VGA modes through 4F02h
        mov bx, 0003h
        vbe 4F02h
        vbe 4F03h
        check_eq bx, 3, '4F03h after mode 3'
        mov al, 4
        call dispi_read
        and ax, 1
        check_eq ax, 0, 'DISPI off in mode 3'
        mov al, [449h]
        check_eq al, 3, 'BDA mode after 4F02h 3'
        mov bx, 0000h                   ; no banks in a VGA mode
        mov dx, 1
        mov ax, 4F05h
        int 10h
        cmp ax, 004Fh
        jne .no_bank_in_vga
        fail '4F05h worked in mode 3'
.no_bank_in_vga:
        mov bx, 0013h
        vbe 4F02h
        vbe 4F03h
        check_eq bx, 13h, '4F03h after mode 13h'

        ; --- 4F06h at 4 bytes per pixel: bytes and pixels differ
        mov cx, 640
        mov dx, 480
        mov bl, 32
        call vbe_find_mode
        jnc .have32
        fail 'no 640x480x32 mode'
.have32:
        mov bx, cx
        vbe 4F02h
        mov edi, 0FFFF0000h             ; the BIOS must not use upper EDI
        mov bx, 0002h
        mov cx, 4096
        vbe 4F06h
        check_eq bx, 4096, '4F06h 32 bpp set 4096 bytes: bytes'
        check_eq cx, 1024, '4F06h 32 bpp set 4096 bytes: pixels'
        check_eq dx, 4096, '4F06h 32 bpp lines (16 MiB / 4096)'
        mov bx, 0003h
        vbe 4F06h
        mov ax, cx
        shl ax, 2
        check_eq bx, ax, '4F06h 32 bpp maximum bytes = 4 x pixels'
        cmp bx, 4096
        jae .max32_ok
        fail '4F06h 32 bpp maximum below 4096 bytes'
.max32_ok:

        ; --- 4F02h bit 15 keeps video memory, without it memory is cleared
        call enter_unreal
        mov bx, 4101h
        vbe 4F02h
        mov cx, 640
        mov dx, 480
        mov bl, 8
        call vbe_find_mode              ; MODE_BUF: PhysBasePtr
        mov esi, [MODE_BUF + 40]
        mov byte [fs:esi + 1000], 5Ah
        mov bx, 0C101h
        vbe 4F02h
        check_eq byte [fs:esi + 1000], 5Ah, 'LFB byte after 4F02h with bit 15'
        vbe 4F03h
        check_eq bx, 0C101h, '4F03h after 0C101h'
        mov bx, 4101h
        vbe 4F02h
        check_eq byte [fs:esi + 1000], 0, 'LFB byte after 4F02h without bit 15'

        ; --- 4F0Ah answers (its table and code: vbe_pmi)
        mov ax, 4F0Ah
        mov bl, 0
        int 10h
        check_eq ax, 004Fh, '4F0Ah'
        ; --- 4F15h DDC: a card without DDC lines: no DDC level, no EDID
        mov bx, 0FFFFh
        mov cx, 0
        mov dx, 0
        mov ax, 4F15h
        mov bl, 0
        int 10h
        check_eq ax, 004Fh, '4F15h BL=00h'
        check_eq bx, 0, '4F15h BL=00h: DDC level and transfer time'
        push ds
        pop es
        mov di, MODE_BUF
        mov byte [MODE_BUF], 0A5h
        mov ax, 4F15h
        mov bl, 01h
        xor cx, cx
        xor dx, dx
        int 10h
        check_eq ax, 014Fh, '4F15h BL=01h read EDID'
        check_eq byte [MODE_BUF], 0A5h, 'the EDID buffer after a failed read'

        ; --- unknown modes: a VBE number and a VGA number
        mov bx, 007Fh
        mov ax, 4F02h
        int 10h
        cmp ax, 004Fh
        jne .unknown_vga_refused
        fail '4F02h set VGA mode 7Fh'
.unknown_vga_refused:
        mov bx, 17Fh
        mov ax, 4F02h
        int 10h
        cmp ax, 004Fh
        jne .unknown_refused
        fail '4F02h set mode 17Fh'
.unknown_refused:
        pass

; dispi_read: AX = DISPI register AL.
dispi_read:
        push dx
        xor ah, ah
        mov dx, 1CEh
        out dx, ax
        inc dx
        in ax, dx
        pop dx
        ret

        test_end
