; video.asm - INT 10h text services, read back from the text buffer at
; B8000 (RAM under QEMU's pc machine without a video card): set mode 3
; clears to 0720h and fills the BDA; 09h/0Ah/08h write and read at the
; cursor without moving it; teletype at the last cell wraps and scrolls;
; 06h/07h scroll a window with the blank attribute given; 06h AL=0 clears;
; 05h pages (teletype lands in page 1's buffer); 13h writes a string with
; an attribute and moves the cursor; 0Fh, 12h BL=10h and 1Ah answer.
%include "bios_test.inc"

%define CELL(r, c) (((r) * 80 + (c)) * 2)

%macro check_cell 3                     ; row, column, expected word
        movzx eax, word [es:CELL(%1, %2)]
        check_eq eax, %3, 'cell ', %str(%1), ',', %str(%2)
%endmacro

%macro set_cursor 2
        mov ah, 02h
        mov bh, 0
        mov dx, ((%1) << 8) | (%2)
        int 10h
%endmacro

test_main:
        say 'video test', 13, 10
        mov ax, 0B800h
        mov es, ax
        mov word [es:CELL(7, 7)], 5555h
        mov ax, 0003h
        int 10h
        check_cell 7, 7, 0720h
        check_cell 24, 79, 0720h
        movzx eax, byte [449h]
        check_eq eax, 3, '40:49 mode'
        movzx eax, word [44Ah]
        check_eq eax, 80, '40:4A columns'
        movzx eax, byte [484h]
        check_eq eax, 24, '40:84 rows-1'
        mov ah, 0Fh
        int 10h
        movzx eax, ax
        check_eq eax, 5003h, 'AH=0Fh AX'
        movzx eax, bh
        check_eq eax, 0, 'AH=0Fh page'

        ; 09h / 08h / 0Ah at (5,10)
        set_cursor 5, 10
        mov ax, 0941h
        mov bx, 001Eh
        mov cx, 3
        int 10h
        check_cell 5, 10, 1E41h
        check_cell 5, 12, 1E41h
        check_cell 5, 13, 0720h
        mov ah, 03h
        mov bh, 0
        int 10h
        movzx eax, dx
        check_eq eax, 050Ah, 'cursor after AH=09h'
        mov ah, 08h
        mov bh, 0
        int 10h
        movzx eax, ax
        check_eq eax, 1E41h, 'AH=08h'
        mov ax, 0A62h
        mov bh, 0
        mov cx, 1
        int 10h
        check_cell 5, 10, 1E62h

        ; teletype into the last cell: wrap and scroll the screen up
        set_cursor 24, 79
        mov ax, 0E5Ah
        int 10h
        check_cell 23, 79, 075Ah
        check_cell 4, 10, 1E62h
        check_cell 24, 0, 0720h
        mov ah, 03h
        mov bh, 0
        int 10h
        movzx eax, dx
        check_eq eax, 1800h, 'cursor after the scroll'

        ; 06h: rows 0-4 up by one, blank 4Fh
        mov ax, 0601h
        mov bh, 4Fh
        mov cx, 0000h
        mov dx, 044Fh
        int 10h
        check_cell 3, 10, 1E62h
        check_cell 4, 10, 4F20h
        check_cell 23, 79, 075Ah
        ; 07h: rows 2-6 down by two, blank 17h
        mov ax, 0702h
        mov bh, 17h
        mov cx, 0200h
        mov dx, 064Fh
        int 10h
        check_cell 5, 10, 1E62h
        check_cell 2, 0, 1720h
        check_cell 3, 79, 1720h
        check_cell 6, 10, 4F20h
        ; 06h AL=0: clear everything
        mov ax, 0600h
        mov bh, 07h
        xor cx, cx
        mov dx, 184Fh
        int 10h
        check_cell 5, 10, 0720h
        check_cell 23, 79, 0720h

        ; page 1
        mov ax, 0501h
        int 10h
        movzx eax, word [44Eh]
        check_eq eax, 1000h, '40:4E page start'
        mov ax, 0E50h
        mov bh, 1                       ; the page: a VGA BIOS takes BH (RBIL)
        int 10h
        movzx eax, byte [es:1000h]
        check_eq eax, 'P', 'teletype on page 1'
        movzx eax, word [452h]
        check_eq eax, 0001h, 'page 1 cursor'
        mov ax, 0500h
        int 10h

        ; 13h: "hi" at (10,0), attribute 2Fh, cursor moves
        mov ax, 1301h
        mov bx, 002Fh
        mov cx, 2
        mov dx, 0A00h
        push es
        push cs
        pop es
        mov bp, hi
        int 10h
        pop es
        check_cell 10, 0, 2F68h
        check_cell 10, 1, 2F69h
        mov ah, 03h
        mov bh, 0
        int 10h
        movzx eax, dx
        check_eq eax, 0A02h, 'cursor after AH=13h'

        ; information calls
        mov ah, 12h
        mov bl, 10h
        int 10h
        movzx eax, bx
        check_eq eax, 0003h, 'AH=12h BL=10h'
        mov ax, 1A00h
        int 10h
        movzx eax, al
        check_eq eax, 1Ah, 'AH=1Ah AL'
        movzx eax, bl
        check_eq eax, 08h, 'AH=1Ah BL'
        pass

hi:     db 'hi'
        test_end
