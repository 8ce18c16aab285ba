; int10_prtsc.asm - INT 10h 1220h, the alternate print screen: AL = 12h
; and INT 05h now in the VGA ROM; in mode 3 switched to 50 rows (1112h)
; INT 05h prints all 50 rows of 80 columns through INT 17h - caught here
; by the test's own INT 17h, which records every byte - as CR LF, then
; each row and CR LF (first row: the text written, blanks as spaces; the
; last row's last cell too), leaves 0050:0000 = 0 and the cursor where it
; was; a printer time-out (the test's INT 17h answering AH=01h) stops it
; with 0050:0000 = FFh.  Ours only: SeaBIOS's VGA BIOS does not answer
; 1220h.

%include "vgabios_test.inc"

PRINTED     equ 2000h                   ; bytes the fake printer got
COLS        equ 80
ROWS        equ 50
BYTES_ALL   equ 2 + ROWS * (COLS + 2)

test_main:
        say 'int10_prtsc: '
        mov ax, 0003h
        int 10h
        mov ax, 1112h                   ; 8x8 font: 50 rows
        mov bl, 0
        int 10h
        mov al, [484h]
        check_eq al, ROWS - 1, '40:84 after 1112h'
        ; "Hi" at row 0, a "Z" in the last cell of the last row
        mov ax, 0B800h
        mov es, ax
        mov word [es:0], 0748h
        mov word [es:2], 0769h
        mov word [es:(ROWS * COLS - 1) * 2], 075Ah
        push ds
        pop es
        mov ah, 02h
        mov bh, 0
        mov dx, 0A05h                   ; cursor at row 10, column 5
        int 10h

        mov ax, 1220h
        mov bl, 20h
        int 10h
        check_eq al, 12h, '1220h AL'
        mov ax, [05h * 4 + 2]
        check_eq ax, 0C000h, 'INT 05h segment after 1220h'

        mov word [17h * 4], fake_printer
        mov word [17h * 4 + 2], 0
        mov word [count], 0
        mov word [fail_at], 0FFFFh          ; never
        int 05h
        check_eq byte [500h], 0, '0050:0000 after printing'
        check_eq word [count], BYTES_ALL, 'bytes printed'
        check_eq word [PRINTED], 0A0Dh, 'the first CR LF'
        check_eq word [PRINTED + 2], 6948h, 'row 0 starts with "Hi"'
        check_eq byte [PRINTED + 4], ' ', 'a blank cell printed as a space'
        check_eq word [PRINTED + 2 + COLS], 0A0Dh, 'CR LF after row 0'
        check_eq byte [PRINTED + BYTES_ALL - 3], 'Z', 'the last cell'
        mov ah, 03h
        mov bh, 0
        int 10h
        check_eq dx, 0A05h, 'cursor after printing'

        ; the printer times out at its 100th byte
        mov word [count], 0
        mov word [fail_at], 100
        int 05h
        check_eq byte [500h], 0FFh, '0050:0000 after a printer time-out'
        check_eq word [count], 101, 'bytes offered up to the one that timed out'
        pass

; fake_printer (INT 17h): AH=00h stores AL at PRINTED + count; AH = 90h
; (selected, not busy), or 01h (time-out) for the byte numbered fail_at.
fake_printer:
        push bx
        push ds
        push 0
        pop ds
        cmp ah, 0
        jne .status
        mov bx, [count]
        inc word [count]
        cmp bx, [fail_at]
        jne .store
        mov ah, 01h
        jmp .out
.store:
        mov [PRINTED + bx], al
.status:
        mov ah, 90h
.out:
        pop ds
        pop bx
        iret

count:      dw 0
fail_at:    dw 0

        test_end
