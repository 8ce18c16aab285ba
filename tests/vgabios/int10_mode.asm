; int10_mode.asm - INT 10h AH=00h/0Fh: after POST and after each mode set
; the BDA video fields are those of the mode (RBIL MEMORY "40:49"-"40:85"),
; AH=0Fh reports it, and a few registers read back as the IBM mode tables
; have them (misc output, CRTC max scan line, GC mode, sequencer memory
; mode).  AL bit 7 keeps video memory and shows in AH=0Fh's AL.

%include "vgabios_test.inc"

; set_mode_check mode: INT 10h AH=00h, then AH=0Fh must give it back.
%macro set_mode_check 1
        mov ax, %1
        int 10h
        mov ah, 0Fh
        int 10h
        check_eq al, %1, 'AH=0Fh mode after setting mode'
%endmacro

; gc_in idx / seq_in idx / crtc_in idx -> AL
%macro port_in 2
        mov dx, %1
        mov al, %2
        out dx, al
        inc dx
        in al, dx
%endmacro

test_main:
        say 'int10_mode: '
        ; POST left mode 3
        mov al, [449h]
        check_eq al, 03h, '40:49 after POST'
        mov ax, [44Ah]
        check_eq ax, 80, '40:4A mode 3'
        mov ax, [44Ch]
        check_eq ax, 1000h, '40:4C mode 3'
        mov al, [484h]
        check_eq al, 24, '40:84 mode 3'
        mov ax, [485h]
        check_eq ax, 16, '40:85 mode 3'
        mov ax, [463h]
        check_eq ax, 3D4h, '40:63 mode 3'
        mov dx, 3CCh
        in al, dx
        check_eq al, 67h, 'misc output mode 3'
        port_in 3D4h, 09h
        check_eq al, 4Fh, 'CRTC 09h mode 3'

        ; mode 13h
        set_mode_check 13h
        mov ah, 0Fh
        int 10h
        check_eq ah, 40, 'AH=0Fh columns mode 13h'
        check_eq bh, 0, 'AH=0Fh page mode 13h'
        mov ax, [485h]
        check_eq ax, 8, '40:85 mode 13h'
        port_in 3CEh, 05h
        check_eq al, 40h, 'GC 05h mode 13h'
        port_in 3C4h, 04h
        check_eq al, 0Eh, 'SR 04h mode 13h'
        push es
        push 0A000h
        pop es
        mov al, [es:1234h]
        pop es
        check_eq al, 0, 'mode 13h memory cleared'

        ; mode 12h
        set_mode_check 12h
        mov al, [484h]
        check_eq al, 29, '40:84 mode 12h'
        mov ax, [485h]
        check_eq ax, 16, '40:85 mode 12h'
        mov dx, 3CCh
        in al, dx
        check_eq al, 0E3h, 'misc output mode 12h'

        ; mode 1: 40 columns, 2 KiB pages
        set_mode_check 01h
        mov ax, [44Ah]
        check_eq ax, 40, '40:4A mode 1'
        mov ax, [44Ch]
        check_eq ax, 0800h, '40:4C mode 1'

        ; mode 7: the mono CRTC
        set_mode_check 07h
        mov ax, [463h]
        check_eq ax, 3B4h, '40:63 mode 7'

        ; mode 3 clears the text buffer to 0720h
        set_mode_check 03h
        push es
        push 0B800h
        pop es
        mov ax, [es:0]
        check_eq ax, 0720h, 'mode 3 buffer cleared'
        mov word [es:0], 1E41h
        pop es
        mov ax, [410h]
        and ax, 30h
        check_eq ax, 20h, 'equipment bits mode 3'

        ; AL bit 7: memory kept, AH=0Fh AL bit 7 set
        mov ax, 0083h
        int 10h
        mov ah, 0Fh
        int 10h
        check_eq al, 83h, 'AH=0Fh after mode 83h'
        push es
        push 0B800h
        pop es
        mov ax, [es:0]
        pop es
        check_eq ax, 1E41h, 'mode 83h kept the buffer'
        mov ax, 0003h
        int 10h
        mov ah, 0Fh
        int 10h
        check_eq al, 03h, 'AH=0Fh bit 7 clear again'

        ; every standard mode sets and reads back
        mov si, all_modes
.next:
        mov al, [si]
        cmp al, 0FFh
        je .all_done
        mov ah, 0
        int 10h
        mov ah, 0Fh
        int 10h
        cmp al, [si]
        jne .bad_mode
        inc si
        jmp .next
.bad_mode:
        movzx eax, byte [si]
        say 'mode did not set: '
        call test_hex
        fail ''
.all_done:
        mov ax, 0003h
        int 10h
        pass

all_modes: db 0, 1, 2, 3, 4, 5, 6, 7, 0Dh, 0Eh, 0Fh, 10h, 11h, 12h, 13h, 0FFh

        test_end
