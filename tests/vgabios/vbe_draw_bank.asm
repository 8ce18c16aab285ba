; vbe_draw_bank.asm - mode 101h (640x480x8) through the banked window at
; A000h: 8-bit DAC (4F08h), three palette entries (4F09h), the whole
; picture written bank by bank (banks 0, 2, 4 switched with INT 10h
; 4F05h, banks 1 and 3 with the far WinFuncPtr from 4F01h), then a
; screendump compared with PIXEL lines, several of them on the lines
; where one bank ends and the next begins.
;  EDI is cleared whole: a system BIOS may leave its upper half set at boot
; (softpc's does), and the linear offset is EBP + EDI.
; Picture: y < 100 colour 1 (x >= 600: colour 3), 100 <= y < 300 colour
; 2, y >= 300 colour 3 (x >= 600: colour 0).

%include "vgabios_test.inc"
%include "vbe_lib.inc"

WIDTH   equ 640
HEIGHT  equ 480

%macro vbe 1
        mov ax, %1
        int 10h
        check_eq ax, 004Fh, 'status of function ', %str(%1)
%endmacro

test_main:
        say 'vbe_draw_bank: '
        push ds
        pop es
        mov cx, 101h
        mov di, MODE_BUF
        vbe 4F01h
        mov eax, [MODE_BUF + 12]        ; WinFuncPtr
        mov [win_func], eax
        mov bx, 101h
        vbe 4F02h
        mov bx, 0800h
        vbe 4F08h
        check_eq bh, 8, '8-bit DAC'
        mov di, palette
        mov bx, 0000h
        mov cx, 4
        xor dx, dx
        vbe 4F09h

        xor ebp, ebp                    ; linear offset of the bank start
        xor si, si                      ; bank number
.bank:
        mov dx, si
        xor bx, bx
        test si, 1
        jnz .far
        vbe 4F05h
        jmp .switched
.far:
        call far [win_func]
.switched:
        mov ax, 0A000h
        mov es, ax
        xor edi, edi                    ; EDI: the upper half counts below
.pixel:
        lea eax, [ebp + edi]
        cmp eax, WIDTH * HEIGHT
        jae .done
        xor edx, edx
        mov ecx, WIDTH
        div ecx                         ; EAX = y, EDX = x
        mov bl, 1
        cmp eax, 100
        jb .top
        mov bl, 2
        cmp eax, 300
        jb .put
        mov bl, 3
        cmp edx, 600
        jb .put
        mov bl, 0
        jmp .put
.top:
        cmp edx, 600
        jb .put
        mov bl, 3
.put:
        mov [es:di], bl
        inc di
        jnz .pixel
        add ebp, 10000h
        inc si
        jmp .bank
.done:
        push ds
        pop es
        ; banks end at (256,102), (512,204), (128,307), (384,409)
        pixel_expect 0, 0, 123456h
        pixel_expect 599, 99, 123456h
        pixel_expect 600, 99, 00C0FFh
        pixel_expect 639, 0, 00C0FFh
        pixel_expect 255, 102, 0FF8000h
        pixel_expect 256, 102, 0FF8000h
        pixel_expect 511, 204, 0FF8000h
        pixel_expect 512, 204, 0FF8000h
        pixel_expect 639, 299, 0FF8000h
        pixel_expect 127, 307, 00C0FFh
        pixel_expect 128, 307, 00C0FFh
        pixel_expect 383, 409, 00C0FFh
        pixel_expect 384, 409, 00C0FFh
        pixel_expect 599, 479, 00C0FFh
        pixel_expect 600, 479, 000000h
        pixel_expect 639, 479, 000000h
        screendump_stop

win_func:   dd 0
palette:    db 00h, 00h, 00h, 0         ; B, G, R, -
            db 56h, 34h, 12h, 0
            db 00h, 80h, 0FFh, 0
            db 0FFh, 0C0h, 00h, 0

        test_end
