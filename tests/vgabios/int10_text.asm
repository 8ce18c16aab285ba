; int10_text.asm - the INT 10h character services in mode 3, checked in
; the text buffer at B800h: cursor position (02h/03h), write char and
; attribute (09h/0Ah), read (08h), teletype (0Eh) with wrap, BS, CR/LF and
; scrolling at the bottom, scroll window up/down (06h/07h), display page
; (05h, with the CRTC start address), write string (13h, all four AL).

%include "vgabios_test.inc"

; cell row, col -> ES:DI (page 0)
%macro cell 2
        mov di, ((%1) * 80 + (%2)) * 2
%endmacro

test_main:
        say 'int10_text: '
        mov ax, 0003h
        int 10h
        push 0B800h
        pop es

        ; 02h/03h
        mov ah, 02h
        mov bh, 0
        mov dx, 050Ah
        int 10h
        mov ah, 03h
        mov bh, 0
        int 10h
        check_eq dx, 050Ah, 'AH=03h position'
        check_eq cx, 0607h, 'AH=03h shape after mode 3'

        ; 09h: three 'A' on 1Eh, cursor stays
        mov ax, 0941h
        mov bx, 001Eh
        mov cx, 3
        int 10h
        cell 5, 10
        check_eq word [es:di], 1E41h, '09h cell 0'
        check_eq word [es:di + 4], 1E41h, '09h cell 2'
        check_eq word [es:di + 6], 0720h, '09h cell 3 untouched'
        mov ah, 03h
        mov bh, 0
        int 10h
        check_eq dx, 050Ah, 'cursor after 09h'
        ; 0Ah: character only
        mov ax, 0A42h
        mov bx, 0070h
        mov cx, 1
        int 10h
        check_eq word [es:di], 1E42h, '0Ah kept the attribute'
        ; 08h
        mov ah, 08h
        mov bh, 0
        int 10h
        check_eq ax, 1E42h, '08h read'

        ; 0Eh: BS and CR
        mov ah, 02h
        mov bh, 0
        mov dx, 0700h
        int 10h
        mov ax, 0E61h                   ; 'a'
        int 10h
        mov ax, 0E08h                   ; BS
        int 10h
        mov ax, 0E62h                   ; 'b' over the 'a'
        int 10h
        mov ax, 0E63h
        int 10h
        mov ax, 0E0Dh                   ; CR
        int 10h
        mov ax, 0E64h                   ; 'd' over the 'b'
        int 10h
        cell 7, 0
        check_eq byte [es:di], 'd', 'teletype CR'
        check_eq byte [es:di + 2], 'c', 'teletype BS'
        check_eq byte [es:di + 1], 07h, 'teletype keeps the attribute'

        ; 0Eh at the bottom right: wraps, then LF scrolls the screen up
        cell 24, 0
        mov word [es:di], 4E5Ah         ; 'Z' on 4Eh at the start of row 24
        mov ah, 02h
        mov bh, 0
        mov dx, 184Eh                   ; row 24, column 78
        int 10h
        mov ax, 0E58h                   ; 'X'
        int 10h
        mov ax, 0E59h                   ; 'Y', then the cursor wraps: scroll
        int 10h
        cell 23, 78
        check_eq byte [es:di], 'X', 'scrolled X'
        check_eq byte [es:di + 2], 'Y', 'scrolled Y'
        cell 23, 0
        check_eq word [es:di], 4E5Ah, 'scrolled row 24 start'
        cell 24, 0
        check_eq byte [es:di], ' ', 'new bottom row blank'
        mov ah, 03h
        mov bh, 0
        int 10h
        check_eq dx, 1800h, 'cursor after the scroll'
        mov ax, 0E0Ah                   ; LF at the bottom: another scroll
        int 10h
        cell 22, 78
        check_eq byte [es:di], 'X', 'LF scrolled'

        ; 06h: window rows 10-12, columns 5-9, one line up, attribute 17h
        cell 11, 5
        mov word [es:di], 0731h         ; '1'
        cell 12, 9
        mov word [es:di], 0732h         ; '2'
        cell 11, 10
        mov word [es:di], 0733h         ; '3' outside the window
        mov ax, 0601h
        mov bh, 17h
        mov cx, 0A05h
        mov dx, 0C09h
        int 10h
        cell 10, 5
        check_eq word [es:di], 0731h, '06h moved row 11 up'
        cell 11, 9
        check_eq word [es:di], 0732h, '06h moved row 12 up'
        cell 12, 5
        check_eq word [es:di], 1720h, '06h blank row'
        cell 11, 10
        check_eq word [es:di], 0733h, '06h outside untouched'
        ; 07h: two lines down
        mov ax, 0702h
        mov bh, 2Fh
        mov cx, 0A05h
        mov dx, 0C09h
        int 10h
        cell 12, 5
        check_eq word [es:di], 0731h, '07h moved row 10 down'
        cell 10, 5
        check_eq word [es:di], 2F20h, '07h blank row 10'
        cell 11, 9
        check_eq word [es:di], 2F20h, '07h blank row 11'
        ; AL = 0: the whole window
        mov ax, 0600h
        mov bh, 70h
        mov cx, 0A05h
        mov dx, 0C09h
        int 10h
        cell 12, 5
        check_eq word [es:di], 7020h, '06h AL=0 clears'

        ; 05h: page 1
        mov ax, 0501h
        int 10h
        check_eq byte [462h], 1, '40:62 page'
        check_eq word [44Eh], 1000h, '40:4E page start'
        mov dx, 3D4h
        mov al, 0Ch
        out dx, al
        inc dx
        in al, dx
        check_eq al, 08h, 'CRTC start address high (page 1 = 800h words)'
        mov ah, 02h
        mov bh, 1
        mov dx, 0000h
        int 10h
        mov ax, 0E50h                   ; 'P' on page 1
        mov bh, 1
        int 10h
        check_eq byte [es:1000h], 'P', 'teletype on page 1'
        mov ah, 03h
        mov bh, 1
        int 10h
        check_eq dx, 0001h, 'page 1 cursor'
        mov ax, 0500h
        int 10h

        ; 13h: AL = 0 (attribute BL, cursor stays), 1 (moves), 2/3 (pairs)
        mov ah, 02h
        mov bh, 0
        mov dx, 0303h
        int 10h
        push es
        push 0
        pop es
        mov ax, 1300h
        mov bx, 001Fh
        mov cx, 2
        mov dx, 0200h
        mov bp, str_hi
        int 10h
        mov ax, 1301h
        mov bx, 004Fh
        mov cx, 2
        mov dx, 0210h
        mov bp, str_hi
        int 10h
        mov ax, 1303h
        mov bx, 0
        mov cx, 2
        mov dx, 0220h
        mov bp, str_pairs
        int 10h
        mov ax, 1302h
        mov bx, 0
        mov cx, 2
        mov dx, 0230h
        mov bp, str_pairs
        int 10h
        pop es
        cell 2, 0
        check_eq word [es:di], 1F48h, '13h AL=0 H'
        check_eq word [es:di + 2], 1F69h, '13h AL=0 i'
        cell 2, 10h
        check_eq word [es:di + 2], 4F69h, '13h AL=1 i'
        cell 2, 20h
        check_eq word [es:di], 3161h, '13h AL=3 a'
        check_eq word [es:di + 2], 5262h, '13h AL=3 b'
        cell 2, 30h
        check_eq word [es:di + 2], 5262h, '13h AL=2 b'
        mov ah, 03h
        mov bh, 0
        int 10h
        check_eq dx, 0222h, '13h AL=2 cursor where AL=3 left it'
        mov ax, 1301h
        mov bx, 0007h
        mov cx, 2
        mov dx, 0410h
        push es
        push 0
        pop es
        mov bp, str_hi
        int 10h
        pop es
        mov ah, 03h
        mov bh, 0
        int 10h
        check_eq dx, 0412h, '13h AL=1 cursor after'
        pass

str_hi:    db 'Hi'
str_pairs: db 'a', 31h, 'b', 52h

        test_end
