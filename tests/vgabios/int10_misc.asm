; int10_misc.asm - the smaller INT 10h services: AH=0Bh (CGA palette and
; background in mode 4, seen in the attribute registers), 12h BL=31h
; (default palette loading off keeps the DAC over a mode set), BL=33h
; (grey summing on: the default palette comes out grey), BL=32h (video
; memory access, misc output bit 1), BL=36h (refresh off, sequencer
; clocking bit 5), and teletype in graphics mode 13h (a glyph 08h reads
; back, the cursor advancing).

%include "vgabios_test.inc"

; attr_in index -> AL (and the palette source back on)
%macro attr_in 1
        mov dx, 3DAh
        in al, dx
        mov dx, 3C0h
        mov al, %1
        out dx, al
        inc dx
        in al, dx
        push ax
        mov dx, 3DAh
        in al, dx
        mov dx, 3C0h
        mov al, 20h
        out dx, al
        pop ax
%endmacro

test_main:
        say 'int10_misc: '
        ; 0Bh in mode 4
        mov ax, 0004h
        int 10h
        mov ah, 0Bh
        mov bx, 0100h                   ; palette 0: green/red/brown
        int 10h
        attr_in 01h
        and al, 0Fh
        check_eq al, 02h, '0Bh palette 0 colour 1'
        mov ah, 0Bh
        mov bx, 0101h                   ; palette 1: cyan/magenta/white
        int 10h
        attr_in 03h
        and al, 0Fh
        check_eq al, 07h, '0Bh palette 1 colour 3'
        mov ah, 0Bh
        mov bx, 0001h                   ; background blue
        int 10h
        attr_in 00h
        and al, 07h
        check_eq al, 01h, '0Bh background'

        ; teletype in mode 13h
        mov ax, 0013h
        int 10h
        mov ax, 0E4Bh                   ; 'K'
        mov bx, 000Fh
        int 10h
        mov ah, 03h
        mov bh, 0
        int 10h
        check_eq dx, 0001h, 'teletype cursor in mode 13h'
        mov ah, 02h
        mov bh, 0
        mov dx, 0000h
        int 10h
        mov ah, 08h
        mov bh, 0
        int 10h
        check_eq al, 'K', 'teletype glyph in mode 13h'

        ; 1201h BL=31h: default palette loading off
        mov ax, 1201h
        mov bl, 31h
        int 10h
        check_eq al, 12h, '12h BL=31h supported'
        mov ax, 1010h
        mov bx, 01h
        mov dh, 11h
        mov cx, 1213h
        int 10h
        mov ax, 0003h
        int 10h
        mov ax, 1015h
        mov bx, 01h
        int 10h
        check_eq dh, 11h, 'DAC kept with palette loading off'
        mov ax, 1200h
        mov bl, 31h
        int 10h
        ; 1200h BL=33h: grey summing on
        mov ax, 1200h
        mov bl, 33h
        int 10h
        check_eq al, 12h, '12h BL=33h supported'
        mov ax, 0003h
        int 10h
        mov ax, 1015h
        mov bx, 01h                     ; blue (0,0,2Ah) summed
        int 10h
        check_eq dh, ch, 'grey summed red = green'
        check_eq dh, cl, 'grey summed red = blue'
        cmp dh, 0
        je .grey_zero
        mov ax, 1201h
        mov bl, 33h
        int 10h
        mov ax, 0003h
        int 10h
        mov ax, 1015h
        mov bx, 01h
        int 10h
        check_eq cl, 2Ah, 'blue again without grey summing'

        ; 1201h BL=32h: video memory access off (misc bit 1)
        mov ax, 1201h
        mov bl, 32h
        int 10h
        check_eq al, 12h, '12h BL=32h supported'
        mov dx, 3CCh
        in al, dx
        and al, 02h
        check_eq al, 00h, 'misc RAM enable off'
        mov ax, 1200h
        mov bl, 32h
        int 10h
        mov dx, 3CCh
        in al, dx
        and al, 02h
        check_eq al, 02h, 'misc RAM enable on'
        ; 1201h BL=36h: refresh off (SR1 bit 5)
        mov ax, 1201h
        mov bl, 36h
        int 10h
        check_eq al, 12h, '12h BL=36h supported'
        mov dx, 3C4h
        mov al, 01h
        out dx, al
        inc dx
        in al, dx
        and al, 20h
        check_eq al, 20h, 'SR1 screen off'
        mov ax, 1200h
        mov bl, 36h
        int 10h
        mov dx, 3C4h
        mov al, 01h
        out dx, al
        inc dx
        in al, dx
        and al, 20h
        check_eq al, 00h, 'SR1 screen on'
        pass
.grey_zero:
        fail 'grey summed blue is black'

        test_end
