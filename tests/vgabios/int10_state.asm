; int10_state.asm - INT 10h AH=12h BL=10h (EGA information), AH=1Ah
; (display combination get/set), AH=1Bh (state information and the static
; functionality table it points at) and AH=1Ch (save/restore state: the
; size, then a round trip of hardware, BIOS data and DAC through a mode
; change).

%include "vgabios_test.inc"

test_main:
        say 'int10_state: '
        mov ax, 0003h
        int 10h
        ; 12h BL=10h: colour, 256 KiB
        mov ah, 12h
        mov bl, 10h
        int 10h
        check_eq bh, 0, '1210h colour'
        check_eq bl, 3, '1210h memory'

        ; 1Ah: VGA with colour display
        mov ax, 1A00h
        int 10h
        check_eq al, 1Ah, '1A00h supported'
        check_eq bl, 08h, '1A00h active display'
        check_eq bh, 00h, '1A00h inactive display'
        mov ax, 1A01h
        mov bx, 0007h                   ; VGA mono
        int 10h
        check_eq al, 1Ah, '1A01h supported'
        mov ax, 1A00h
        int 10h
        check_eq bl, 07h, '1A00h after 1A01h'
        mov ax, 1A01h
        mov bx, 0008h
        int 10h

        ; 1Bh
        push ds
        pop es
        mov ax, 1B00h
        xor bx, bx
        mov di, state
        int 10h
        check_eq al, 1Bh, '1Bh supported'
        check_eq byte [state + 04h], 03h, '1Bh mode'
        check_eq word [state + 05h], 80, '1Bh columns'
        check_eq word [state + 07h], 1000h, '1Bh page size'
        check_eq word [state + 1Eh], 3D4h, '1Bh CRTC port'
        check_eq byte [state + 22h], 25, '1Bh rows'
        check_eq word [state + 23h], 16, '1Bh character height'
        check_eq byte [state + 25h], 08h, '1Bh active display'
        check_eq word [state + 27h], 16, '1Bh colours'
        check_eq byte [state + 29h], 8, '1Bh pages'
        check_eq byte [state + 2Ah], 2, '1Bh 400 scan lines'
        check_eq byte [state + 31h], 3, '1Bh 256 KiB'
        ; the static table: modes 00h-07h, 0Dh-0Fh, 10h-13h
        les si, [state]
        check_eq byte [es:si], 0FFh, 'static modes 00h-07h'
        mov al, [es:si + 1]
        and al, 0E0h
        check_eq al, 0E0h, 'static modes 0Dh-0Fh'
        mov al, [es:si + 2]
        and al, 0Fh
        check_eq al, 0Fh, 'static modes 10h-13h'
        mov al, [es:si + 7]
        and al, 07h
        check_eq al, 07h, 'static scan lines'
        ; mode 13h: 256 colours, 1 page, 40 columns
        mov ax, 0013h
        int 10h
        push ds
        pop es
        mov ax, 1B00h
        xor bx, bx
        mov di, state
        int 10h
        check_eq byte [state + 04h], 13h, '1Bh mode 13h'
        check_eq word [state + 27h], 256, '1Bh colours mode 13h'
        check_eq byte [state + 29h], 1, '1Bh pages mode 13h'
        mov ax, 0003h
        int 10h

        ; 1Ch: size of all three states fits the buffer
        mov ax, 1C00h
        mov cx, 7
        int 10h
        check_eq al, 1Ch, '1C00h supported'
        cmp bx, 1
        jb .size_bad
        cmp bx, (save_end - save) / 64
        ja .size_bad
        ; a known state: DAC 21h, palette register 1, cursor
        mov ax, 1010h
        mov bx, 21h
        mov dh, 0Ah
        mov cx, 0B0Ch
        int 10h
        mov ax, 1000h
        mov bx, 2901h
        int 10h
        mov ah, 02h
        mov bh, 0
        mov dx, 0A0Bh
        int 10h
        ; save
        push ds
        pop es
        mov ax, 1C01h
        mov cx, 7
        mov bx, save
        int 10h
        check_eq al, 1Ch, '1C01h supported'
        ; change everything: mode 13h
        mov ax, 0013h
        int 10h
        ; restore
        push ds
        pop es
        mov ax, 1C02h
        mov cx, 7
        mov bx, save
        int 10h
        check_eq al, 1Ch, '1C02h supported'
        check_eq byte [449h], 03h, 'BDA mode restored'
        check_eq word [450h], 0A0Bh, 'BDA cursor restored'
        mov dx, 3CCh
        in al, dx
        check_eq al, 67h, 'misc output restored'
        mov dx, 3C4h
        mov al, 04h
        out dx, al
        inc dx
        in al, dx
        check_eq al, 02h, 'SR4 restored'
        mov ax, 1015h
        mov bx, 21h
        int 10h
        check_eq dh, 0Ah, 'DAC 21h red restored'
        check_eq cl, 0Ch, 'DAC 21h blue restored'
        mov ax, 1007h
        mov bl, 01h
        int 10h
        check_eq bh, 29h, 'palette register 1 restored'
        mov ax, 0003h
        int 10h
        pass
.size_bad:
        movzx eax, bx
        call test_hex
        fail ' 1C00h size (64-byte blocks)'

state:  times 64 db 0
        align 16
save:   times 1024 db 0
save_end:

        test_end
