; int10_palette.asm - INT 10h AH=10h round trips (palette registers
; 00h/07h, overscan 01h/08h, all 02h/09h, DAC 10h/15h and blocks 12h/17h,
; DAC paging 13h/1Ah, grey summing 1Bh) and the
; default DAC contents after mode sets: mode 3's EGA colours (14h brown,
; 3Fh white), mode 13h's CGA colours, grey ramp and first hue.

%include "vgabios_test.inc"

; dac_get index -> DH, CH, CL
%macro dac_get 1
        mov ax, 1015h
        mov bx, %1
        int 10h
%endmacro

test_main:
        say 'int10_palette: '
        mov ax, 0003h
        int 10h
        dac_get 14h
        check_eq dh, 2Ah, 'mode 3 DAC 14h red'
        check_eq ch, 15h, 'mode 3 DAC 14h green'
        check_eq cl, 00h, 'mode 3 DAC 14h blue'
        dac_get 3Fh
        check_eq dh, 3Fh, 'mode 3 DAC 3Fh red'
        check_eq cl, 3Fh, 'mode 3 DAC 3Fh blue'
        dac_get 39h
        check_eq dh, 15h, 'mode 3 DAC 39h red'
        check_eq cl, 3Fh, 'mode 3 DAC 39h blue'
        ; mode 3's palette registers: 6 -> 14h, 8 -> 38h
        mov ax, 1007h
        mov bl, 06h
        int 10h
        check_eq bh, 14h, 'mode 3 palette register 6'
        mov ax, 1007h
        mov bl, 08h
        int 10h
        check_eq bh, 38h, 'mode 3 palette register 8'

        ; 1000h/1007h
        mov ax, 1000h
        mov bx, 2A05h
        int 10h
        mov ax, 1007h
        mov bl, 05h
        int 10h
        check_eq bh, 2Ah, '1000h/1007h'
        ; 1001h/1008h
        mov ax, 1001h
        mov bh, 15h
        int 10h
        mov ax, 1008h
        int 10h
        check_eq bh, 15h, '1001h/1008h overscan'
        ; 1002h/1009h
        mov ax, 1002h
        mov dx, pal17
        int 10h
        mov ax, 1009h
        mov dx, buffer
        int 10h
        mov si, pal17
        mov di, buffer
        mov cx, 17
        repe cmpsb
        check_eq cx, 0, '1002h/1009h (bytes left unequal)'

        ; 1010h/1015h
        mov ax, 1010h
        mov bx, 0C8h
        mov dh, 11h
        mov cx, 2233h
        int 10h
        dac_get 0C8h
        check_eq dh, 11h, '1010h red'
        check_eq ch, 22h, '1010h green'
        check_eq cl, 33h, '1010h blue'
        ; 1012h/1017h
        mov ax, 1012h
        mov bx, 40h
        mov cx, 3
        mov dx, dac9
        int 10h
        mov ax, 1017h
        mov bx, 40h
        mov cx, 3
        mov dx, buffer
        int 10h
        mov si, dac9
        mov di, buffer
        mov cx, 9
        repe cmpsb
        check_eq cx, 0, '1012h/1017h (bytes left unequal)'
        ; (1018h/1019h, the pixel mask, are not checked: QEMU's VGA does
        ; not keep the mask, 3C6h reads back 0 there)
        ; 1013h/101Ah: 16 pages of 16, page 5
        mov ax, 1013h
        mov bx, 0100h
        int 10h
        mov ax, 1013h
        mov bx, 0501h
        int 10h
        mov ax, 101Ah
        int 10h
        check_eq bl, 1, '101Ah paging mode'
        check_eq bh, 5, '101Ah page'
        mov ax, 1013h
        mov bx, 0000h
        int 10h
        mov ax, 1013h
        mov bx, 0201h
        int 10h
        mov ax, 101Ah
        int 10h
        check_eq bl, 0, '101Ah paging mode 0'
        check_eq bh, 2, '101Ah page (64-colour)'
        mov ax, 1013h
        mov bx, 0001h
        int 10h
        ; 101Bh: pure green 3Fh sums to 59% of it
        mov ax, 1010h
        mov bx, 50h
        mov dh, 0
        mov cx, 3F00h
        int 10h
        mov ax, 101Bh
        mov bx, 50h
        mov cx, 1
        int 10h
        dac_get 50h
        cmp dh, 24h
        jb .grey_bad
        cmp dh, 26h
        ja .grey_bad
        check_eq dh, ch, '101Bh red = green'
        check_eq dh, cl, '101Bh red = blue'

        ; mode 13h's default palette
        mov ax, 0013h
        int 10h
        dac_get 01h
        check_eq dh, 00h, 'mode 13h DAC 1 red'
        check_eq cl, 2Ah, 'mode 13h DAC 1 blue'
        dac_get 06h
        check_eq ch, 15h, 'mode 13h DAC 6 (brown) green'
        dac_get 0Fh
        check_eq dh, 3Fh, 'mode 13h DAC 15 red'
        dac_get 10h
        check_eq dh, 00h, 'mode 13h DAC 16 (grey ramp start)'
        dac_get 1Fh
        check_eq dh, 3Fh, 'mode 13h DAC 31 (grey ramp end)'
        dac_get 20h
        check_eq dh, 00h, 'mode 13h DAC 32 red'
        check_eq cl, 3Fh, 'mode 13h DAC 32 blue'
        dac_get 28h
        check_eq dh, 3Fh, 'mode 13h DAC 40 red'
        check_eq ch, 00h, 'mode 13h DAC 40 green'
        check_eq cl, 00h, 'mode 13h DAC 40 blue'
        mov ax, 0003h
        int 10h
        pass
.grey_bad:
        movzx eax, dh
        call test_hex
        fail ' 101Bh grey of pure green'

pal17:  db 00h, 01h, 02h, 03h, 04h, 05h, 14h, 07h, 38h, 39h, 3Ah, 3Bh, 3Ch, 3Dh, 3Eh, 3Fh, 07h
dac9:   db 01h, 02h, 03h, 3Fh, 3Eh, 3Dh, 10h, 20h, 30h
buffer: times 32 db 0

        test_end
